"""Rule tables entered as data: each condition's value, verdict and gap; the table's outcome."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from innoladder.eligibility.tables import (
    Condition,
    Table,
    TableError,
    check_condition,
    check_table,
    evaluate_condition,
    evaluate_table,
)

from .builders import ON, facts, last_year, year


def table(*conditions: Condition, **changes: object) -> Table:
    base = Table(
        scheme="tech_innovative_sme",
        version="table-1-r1",
        name_zh="科技和创新型中小企业",
        basis="管理员录入",
        effective_from=date(2025, 1, 1),
        effective_to=None,
        conditions=conditions,
        attribution="admin 于 2025-05-01 录入",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


# BASE_YEAR (2024, the last year on ON): 100 staff, 20 tech staff, 10 R&D staff, sales 4000万,
# main 3600万, R&D 240万 (6%), hi-tech 3000万 of total income 4000万, assets 5000万, debts 2000万.
@pytest.mark.parametrize(
    ("metric", "window", "op", "threshold", "status", "value_text", "gap_text"),
    [
        ("rd_expense", "last_year", ">=", "240", "pass", "240.0万元", ""),
        ("rd_expense", "last_year", ">=", "282", "fail", "240.0万元", "研发费用还需增加 ¥42.0万"),
        ("rd_expense", "last_year", ">", "240", "fail", "240.0万元", "研发费用还需增加 ¥0.01万"),
        ("rd_expense", "last_2_years", ">=", "480", "pass", "480.0万元", ""),
        ("rd_expense", "last_3_years", ">=", "800", "fail", "720.0万元", "研发费用还需增加 ¥80.0万"),
        ("tech_staff", "last_year", ">=", "22", "fail", "20人", "科技人员还需增加 2 人"),
        ("tech_staff_share", "last_year", ">=", "20", "pass", "20.00%", ""),
        # (20 + n) / (100 + n) ≥ 25% → n = 7 (new hires count as staff too)
        ("tech_staff_share", "last_year", ">=", "25", "fail", "20.00%", "还需新增 7 名科技人员"),
        ("rd_to_sales", "last_year", ">=", "6", "pass", "6.00%", ""),
        # 7% of 4000万 = 280万: 40万 more R&D, sales unchanged
        ("rd_to_sales", "last_year", ">=", "7", "fail", "6.00%", "研发费用还需增加 ¥40.0万"),
        ("main_revenue_share", "last_year", ">=", "90", "pass", "90.00%", ""),
        # a share of 100%: adding to both part and whole never gets there, so there is no gap to state
        ("tech_staff_share", "last_year", ">=", "100", "fail", "20.00%", ""),
        ("main_revenue_share", "last_year", ">=", "100", "fail", "90.00%", ""),
        ("debt_ratio", "last_year", "<=", "40", "pass", "40.00%", ""),
        ("debt_ratio", "last_year", "<", "40", "fail", "40.00%", ""),
        ("sales_revenue", "last_year", "<=", "3000", "fail", "4000.0万元", "销售收入需减少 ¥1000.0万"),
        ("employees", "last_year", "<=", "100", "pass", "100人", ""),
    ],
)
def test_condition_value_verdict_and_gap(
    metric: str, window: str, op: str, threshold: str, status: str, value_text: str, gap_text: str
) -> None:
    condition = Condition(metric, window, op, D(threshold))  # type: ignore[arg-type]
    item = evaluate_condition(condition, facts(), 2024, "T1")
    assert (item.status, item.value_text) == (status, value_text)
    assert item.threshold_text == condition.threshold_text
    if gap_text:
        assert item.gap is not None and item.gap.amount > 0 and item.gap.text.startswith(gap_text)
    else:
        assert item.gap is None


def test_the_gap_closes_the_condition_exactly() -> None:
    condition = Condition("rd_to_sales", "last_year", ">=", D("7"))
    gap = evaluate_condition(condition, facts(), 2024, "T1").gap
    assert gap is not None
    closed = last_year(facts(), rd_expense=D("2400000") + gap.amount)
    assert evaluate_condition(condition, closed, 2024, "T1").status == "pass"
    short = last_year(facts(), rd_expense=D("2400000") + gap.amount - D("0.01"))
    assert evaluate_condition(condition, short, 2024, "T1").status == "fail"


@pytest.mark.parametrize(
    ("facts_", "condition", "reason"),
    [
        (facts(years=(year(2023),)), Condition("rd_expense", "last_year", ">=", D("1")), "缺少2024年度数据"),
        (facts(), Condition("rd_expense", "last_3_years", ">=", D("1")), ""),
        (
            facts(years=(year(2023), year(2024))),
            Condition("rd_expense", "last_3_years", ">=", D("1")),
            "缺少2022年度数据",
        ),
        (
            last_year(facts(), rd_expense=None),
            Condition("rd_expense", "last_year", ">=", D("1")),
            "所需数据未填写",
        ),
        (
            last_year(facts(), employees=0),
            Condition("tech_staff_share", "last_year", ">=", D("1")),
            "分母为 0",
        ),
    ],
)
def test_missing_figures_are_insufficient_data_not_failure(facts_, condition, reason) -> None:  # type: ignore[no-untyped-def]
    item = evaluate_condition(condition, facts_, 2024, "T1")
    if reason:
        assert item.status == "insufficient_data" and reason in item.reason
    else:
        assert item.status == "pass"


@pytest.mark.parametrize(
    ("conditions", "outcome", "met"),
    [
        (
            (
                Condition("rd_expense", "last_year", ">=", D("200")),
                Condition("tech_staff", "last_year", ">=", D("10")),
            ),
            "eligible",
            2,
        ),
        (
            (
                Condition("rd_expense", "last_year", ">=", D("300")),
                Condition("tech_staff", "last_year", ">=", D("10")),
            ),
            "not_eligible",
            1,
        ),
        (
            (
                Condition("rd_expense", "last_year", ">=", D("300")),
                Condition("rd_expense", "last_3_years", ">=", D("1")),
            ),
            "not_eligible",
            1,
        ),
        ((), "insufficient_data", 0),
    ],
)
def test_table_outcome_is_all_conditions(conditions, outcome, met) -> None:  # type: ignore[no-untyped-def]
    result = evaluate_table(table(*conditions), facts(), ON)
    assert (result.outcome, result.met_count, result.total_count) == (outcome, met, len(conditions))
    assert result.ruleset_id == "tech_innovative_sme" and result.version == "table-1-r1"
    assert "管理员录入的规则表" in result.notes[0] and "admin 于 2025-05-01 录入" in result.notes[0]


def test_a_year_missing_gives_insufficient_data_for_the_table() -> None:
    only_old = facts(years=(year(2022), year(2023)))
    result = evaluate_table(table(Condition("rd_expense", "last_year", ">=", D("1"))), only_old, ON)
    assert result.outcome == "insufficient_data"


@pytest.mark.parametrize(
    ("on", "data_year", "expected"),
    [
        (date(2025, 6, 1), None, "2024年"),
        (date(2026, 12, 5), None, "2025年"),
        (date(2026, 12, 5), 2024, "2024年"),
    ],
)
def test_last_year_follows_the_base_date(on: date, data_year: int | None, expected: str) -> None:
    data = facts(years=tuple(year(y) for y in (2022, 2023, 2024, 2025)))
    result = evaluate_table(table(Condition("rd_expense", "last_year", ">=", D("1"))), data, on, data_year)
    assert result.criteria[0].reason.startswith(expected)
    assert (result.assessed_on, f"{result.data_year}年") == (on, expected)
    assert result.data_year_fallback == (data_year is not None)


def test_a_data_year_not_yet_complete_is_refused() -> None:
    with pytest.raises(TableError):
        evaluate_table(table(Condition("rd_expense", "last_year", ">=", D("1"))), facts(), ON, 2025)


@pytest.mark.parametrize(
    ("condition", "error"),
    [
        (Condition("tech_staff", "last_2_years", ">=", D("5")), "只能按上年度取值"),
        (Condition("tech_staff_share", "last_year", ">=", D("120")), "不能超过 100"),
        (Condition("rd_expense", "last_year", ">=", D("-1")), "不能为负数"),
        (Condition("tech_staff", "last_year", ">=", D("2.5")), "须为整数"),
        (Condition("nonsense", "last_year", ">=", D("1")), "未知的指标"),
        (Condition("rd_expense", "last_year", ">=", D("500")), ""),
    ],
)
def test_check_condition(condition: Condition, error: str) -> None:
    errors = check_condition(condition)
    assert (error in errors[0]) if error else errors == []


def test_check_table_needs_conditions_and_ordered_dates() -> None:
    errors = check_table(table(effective_to=date(2024, 1, 1)))
    assert errors == ["失效日期不能早于生效日期", "规则表中至少要有一项条件"]
    assert table(Condition("rd_expense", "last_year", ">=", D("1"))).in_force(date(2025, 1, 1))
    assert not table(Condition("rd_expense", "last_year", ">=", D("1"))).in_force(date(2024, 12, 31))


def test_condition_reads_as_entered() -> None:
    assert str(Condition("rd_expense", "last_year", ">=", D("500"))) == "上年度研发费用 ≥ 500万元"
    assert (
        str(Condition("tech_staff_share", "last_year", ">=", D("10.0")))
        == "上年度科技人员占职工总数比例 ≥ 10%"
    )
