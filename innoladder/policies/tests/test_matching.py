"""Pure matching tests: no database. Values are worked out by hand from the thresholds."""

from decimal import Decimal

import pytest

from innoladder.policies.matching import Condition, Criteria, Facts, derive_values, evaluate

D = Decimal


def facts(tiers=(), **values):
    return Facts(
        tiers=frozenset(tiers), values=derive_values(values), tech_field="7", strategic_emerging=True
    )


RD_100W = Criteria(conditions=(Condition("rd_expense", ">=", D("1000000")),))


def test_gap_is_stated_in_wan_yuan():
    result = evaluate(RD_100W, facts(rd_expense=D("875000")))
    [check] = result.checks
    assert (result.matched, check.passed, check.gap) == (False, False, D("125000"))
    assert check.gap_text == "研发费用还需增加 ¥12.5万"
    assert check.value == "¥87.5万" and check.threshold == "≥¥100万"
    assert result.near_miss  # 12.5% short, within the default 20%


@pytest.mark.parametrize(
    "value, matched",
    [(D("1000000"), True), (D("999999.99"), False), (D("1000000.01"), True)],
)
def test_boundary_at_the_threshold_for_greater_or_equal(value, matched):
    assert evaluate(RD_100W, facts(rd_expense=value)).matched is matched


def test_strict_and_upper_bound_operators_at_the_boundary():
    strict = Criteria(conditions=(Condition("rd_expense", ">", D("1000000")),))
    at = evaluate(strict, facts(rd_expense=D("1000000")))
    assert not at.matched and at.checks[0].gap == 0 and at.near_miss
    staff = Criteria(conditions=(Condition("employees", "<=", D("500")),))
    assert evaluate(staff, facts(employees=500)).matched
    over = evaluate(staff, facts(employees=520))
    assert not over.matched and over.checks[0].gap == D(20)
    assert over.checks[0].gap_text == "职工总数超出 20人"
    assert over.near_miss  # 20 / 500 = 4%
    below = Criteria(conditions=(Condition("employees", "<", D("500")),))
    assert not evaluate(below, facts(employees=500)).matched


def test_rd_ratio_is_rd_expense_over_sales_revenue():
    criteria = Criteria(conditions=(Condition("rd_ratio", ">=", D("0.03")),))
    ok = evaluate(criteria, facts(rd_expense=D("300000"), sales_revenue=D("10000000")))
    assert ok.matched and ok.checks[0].value == "3%"
    short = evaluate(criteria, facts(rd_expense=D("250000"), sales_revenue=D("10000000")))
    assert short.checks[0].gap_text == "研发费用占销售收入比例还需增加 0.5个百分点"
    # 0.005 short of 0.03 is 16.7% of the threshold: within the 20% margin, a near miss.
    assert short.near_miss and short.checks[0].relative_gap == D("0.005") / D("0.03")
    far = evaluate(criteria, facts(rd_expense=D("230000"), sales_revenue=D("10000000")))
    assert not far.near_miss  # 0.007 / 0.03 = 23.3%


def test_near_miss_needs_exactly_one_numeric_failure_within_the_margin():
    two = Criteria(
        conditions=(Condition("rd_expense", ">=", D("1000000")), Condition("employees", "<=", D("500")))
    )
    one_close = evaluate(two, facts(rd_expense=D("800000"), employees=100))  # exactly 20% short
    assert one_close.near_miss and one_close.summary == "差距较小：研发费用还需增加 ¥20万"
    one_far = evaluate(two, facts(rd_expense=D("799999.99"), employees=100))
    assert not one_far.near_miss
    both = evaluate(two, facts(rd_expense=D("950000"), employees=510))
    assert not both.near_miss
    custom = evaluate(two, facts(rd_expense=D("700000"), employees=100), margin=D("0.3"))
    assert custom.near_miss


def test_missing_data_is_insufficient_not_a_silent_fail():
    result = evaluate(RD_100W, facts())
    assert result.checks[0].passed is None and result.checks[0].value == "数据不足"
    assert not result.matched and not result.near_miss
    ratio = Criteria(conditions=(Condition("rd_ratio", ">=", D("0.03")),))
    assert evaluate(ratio, facts(rd_expense=D(1), sales_revenue=D(0))).checks[0].passed is None


def test_tiers_and_attributes():
    criteria = Criteria(
        target_tiers=frozenset({"hnte", "tsme"}),
        tech_fields=frozenset({"7"}),
        strategic_emerging=True,
        conditions=(Condition("rd_expense", ">=", D("1000000")),),
    )
    held = evaluate(criteria, facts(tiers={"hnte"}, rd_expense=D("2000000")))
    assert held.matched and [c.passed for c in held.checks] == [True, True, True, True]
    no_tier = evaluate(criteria, facts(tiers={"innovative_sme"}, rd_expense=D("2000000")))
    assert not no_tier.matched and not no_tier.near_miss  # the missing tier is not a numeric gap
    assert "需取得" in no_tier.checks[0].gap_text
    other_field = Facts(frozenset({"tsme"}), derive_values({"rd_expense": D("2000000")}), "1", True)
    assert not evaluate(criteria, other_field).matched


def test_unknown_field_or_operator_is_refused():
    with pytest.raises(ValueError):
        Condition("profit_margin", ">=", D(1))
    with pytest.raises(ValueError):
        Condition("rd_expense", "==", D(1))
