from decimal import Decimal

from innoladder.collection.checks import parse, plausibility


def test_parse_accepts_full_width_digits_and_thousands_separators_and_money_in_wan():
    values, errors = parse(
        {"employees": "１２０", "sales_revenue": "1,234.567850"}, ["employees", "sales_revenue"]
    )
    assert errors == []
    assert values == {"employees": 120, "sales_revenue": Decimal("12345678.50")}


def test_empty_means_unknown_not_zero():
    values, errors = parse({"employees": ""}, ["employees"])
    assert values == {"employees": None} and errors == []


def test_field_errors_are_chinese_and_name_the_field():
    _, errors = parse(
        {
            "employees": "12.5",
            "tech_staff": "-1",
            "rd_expense": "abc",
            "sales_revenue": "-3",
            "total_cost": "1.2345678",
        },
        ["employees", "tech_staff", "rd_expense", "sales_revenue", "total_cost"],
    )
    by_field = {e.field: e.message for e in errors}
    assert by_field["employees"] == "职工总数须为不小于 0 的整数"
    assert by_field["tech_staff"] == "科技人员须为不小于 0 的整数"
    assert "研发费用" in by_field["rd_expense"] and "不是有效数字" in by_field["rd_expense"]
    assert by_field["sales_revenue"] == "销售收入不能为负数"
    assert by_field["total_cost"] == "成本费用支出总额以万元填写，最多保留六位小数（即精确到分）"


def test_net_profit_may_be_negative():
    values, errors = parse({"net_profit": "-5"}, ["net_profit"])
    assert errors == [] and values["net_profit"] == Decimal("-50000.00")


def test_tech_staff_above_employees_is_a_warning():
    warnings = plausibility({"employees": 10, "tech_staff": 11}, {})
    assert [w.key for w in warnings] == ["tech_staff_gt_employees"]
    assert plausibility({"employees": 10, "tech_staff": 10}, {}) == []


def test_rd_ratio_jump_over_fifty_percent_is_a_warning():
    last = {"rd_expense": Decimal("400000"), "sales_revenue": Decimal("10000000")}  # 4%
    jump = {"rd_expense": Decimal("610000"), "sales_revenue": Decimal("10000000")}  # 6.1% = +52.5%
    exactly = {"rd_expense": Decimal("600000"), "sales_revenue": Decimal("10000000")}  # 6% = +50%
    assert [w.key for w in plausibility(jump, last)] == ["rd_ratio_jump"]
    assert plausibility(exactly, last) == []
    drop = {"rd_expense": Decimal("190000"), "sales_revenue": Decimal("10000000")}  # 1.9% = -52.5%
    assert [w.key for w in plausibility(drop, last)] == ["rd_ratio_jump"]


def test_no_ratio_warning_without_last_year():
    assert plausibility({"rd_expense": Decimal("1"), "sales_revenue": Decimal("2")}, {}) == []
