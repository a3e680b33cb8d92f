"""Tests for the R&D super-deduction; every expected figure is worked out by hand in the comments."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from innoladder.eligibility.superdeduction import (
    DeductionInput,
    EnterpriseType,
    ProjectCosts,
    compute_deduction,
    excluded_industry_test,
    rate_for,
    rows_as_tuples,
)

D = Decimal


def make_input(
    projects: tuple[ProjectCosts, ...],
    tax_year: int = 2023,
    enterprise_type: EnterpriseType = "general",
    **overrides: object,
) -> DeductionInput:
    values: dict[str, object] = {
        "tax_year": tax_year,
        "enterprise_type": enterprise_type,
        "excluded_industry_revenue": D("0"),
        "total_income": D("10000000"),
        "non_taxable_income": D("0"),
        "investment_income": D("0"),
        "deemed_taxation": False,
        "projects": projects,
    }
    values.update(overrides)
    return DeductionInput(**values)  # type: ignore[arg-type]


def own(code: str, personnel: str, other: str, **kw: object) -> ProjectCosts:
    return ProjectCosts(code, f"项目{code}", "self", personnel=D(personnel), other_costs=D(other), **kw)  # type: ignore[arg-type]


def entrusted(code: str, form: str, amount: str, **kw: object) -> ProjectCosts:
    return ProjectCosts(code, f"项目{code}", form, entrusted_amount=D(amount), **kw)  # type: ignore[arg-type]


TWO_PROJECTS = (own("A", "100000.00", "15000.00"), own("B", "50000.00", "1000.00"))


def test_2020_cap_is_per_project() -> None:
    # A: 100,000 × 10% ÷ 90% = 11,111.111… → 11,111.11; allowed min(15,000, 11,111.11) = 11,111.11.
    # B: 50,000 / 9 = 5,555.555… → 5,555.56; allowed min(1,000, 5,555.56) = 1,000.
    # Eligible = 150,000 + 12,111.11 = 162,111.11; × 75% = 121,583.3325 → 121,583.33.
    result = compute_deduction(make_input(TWO_PROJECTS, tax_year=2020))
    assert result.other_costs_cap.amount == D("16666.67")
    assert result.other_costs_allowed.amount == D("12111.11")
    lines = {line.project_code: line for line in result.projects}
    assert lines["A"].other_costs_cap == D("11111.11")
    assert lines["A"].other_costs_allowed == D("11111.11")
    assert lines["B"].other_costs_allowed == D("1000.00")
    assert result.expensed_total.amount == D("162111.11")
    assert result.rate.rate == D("0.75")
    assert result.extra_deduction.amount == D("121583.33")
    assert "97号" in result.other_costs_cap.explanation


def test_2021_cap_is_across_projects() -> None:
    # Cap = 150,000 × 10% ÷ 90% = 16,666.67; actual 16,000 → allowed 16,000.
    # Eligible = 166,000; general enterprise in 2021 → 75% → 124,500.00.
    result = compute_deduction(make_input(TWO_PROJECTS, tax_year=2021))
    assert result.other_costs_cap.amount == D("16666.67")
    assert result.other_costs_allowed.amount == D("16000.00")
    assert result.expensed_total.amount == D("166000.00")
    assert result.extra_deduction.amount == D("124500.00")
    assert "28号" in result.other_costs_cap.explanation


def test_2021_cap_binds_when_other_costs_exceed_it() -> None:
    # Five categories 90,000 → cap 10,000; actual 30,000 → allowed 10,000; eligible 100,000 × 100% (2023).
    result = compute_deduction(make_input((own("A", "90000", "30000"),)))
    assert result.other_costs_allowed.amount == D("10000.00")
    assert result.extra_deduction.amount == D("100000.00")


def test_four_step_allocation_to_capitalised_project() -> None:
    # Pool: expensed E (80,000 + other 20,000) and capitalised C finished this year (10,000 + other 5,000).
    # 1. cap = 90,000 ÷ 9 = 10,000. 2. allowed = min(10,000, 25,000) = 10,000. 3. ratio = 40%.
    # 4. C's other costs = 5,000 × 40% = 2,000 → C forms 12,000; expensed = 100,000 − 12,000 = 88,000.
    # A capitalised project not finished this year stays out.
    projects = (
        own("E", "80000", "20000"),
        own("C", "10000", "5000", capitalised=True, finished_this_year=True),
        own("W", "70000", "9000", capitalised=True, finished_this_year=False),
    )
    result = compute_deduction(make_input(projects))
    assert result.other_costs_cap.amount == D("10000.00")
    assert result.allocation_ratio == D("0.4")
    lines = {line.project_code: line for line in result.projects}
    assert lines["C"].other_costs_allowed == D("2000.00")
    assert lines["C"].eligible_amount == D("12000.00")
    assert not lines["W"].included
    assert result.capitalised_formed_total.amount == D("12000.00")
    assert result.expensed_total.amount == D("88000.00")
    assert result.extra_deduction.amount == D("88000.00")


@pytest.mark.parametrize(
    ("overseas", "overseas_eligible", "total"),
    [
        # Overseas 100,000 × 80% = 80,000 < cap → 80,000. Total 250,000.
        ("100000", "80000.00", "250000.00"),
        # Overseas 300,000 × 80% = 240,000 > cap 113,333.33 → 113,333.33; total 170,000 + 113,333.33.
        ("300000", "113333.33", "283333.33"),
    ],
)
def test_entrusted_domestic_80_percent_and_overseas_cut_at_two_thirds(
    overseas: str, overseas_eligible: str, total: str
) -> None:
    # In-house 90,000; domestic 100,000 × 80% = 80,000; domestic eligible 170,000; cap ⅔ = 113,333.33.
    projects = (
        own("S", "90000", "0"),
        entrusted("D", "entrusted_domestic", "100000"),
        entrusted("O", "entrusted_overseas", overseas),
    )
    result = compute_deduction(make_input(projects))
    assert result.entrusted_domestic.amount == D("80000.00")
    assert result.overseas_cap.amount == D("113333.33")
    assert result.entrusted_overseas.amount == D(overseas_eligible)
    assert result.expensed_total.amount == D(total)
    assert result.extra_deduction.amount == D(total)


def test_overseas_individual_is_excluded() -> None:
    projects = (
        own("S", "90000", "0"),
        entrusted("P", "entrusted_overseas", "50000", overseas_individual=True),
    )
    result = compute_deduction(make_input(projects))
    lines = {line.project_code: line for line in result.projects}
    assert not lines["P"].included
    assert "境外个人" in lines["P"].explanation[0]
    assert result.entrusted_overseas.amount == D("0")
    assert result.expensed_total.amount == D("90000")


def test_entrusted_80_percent_rounds_half_up_to_the_fen() -> None:
    # 1,234.57 × 80% = 987.656 → 987.66.
    result = compute_deduction(make_input((entrusted("D", "entrusted_domestic", "1234.57"),)))
    assert result.entrusted_domestic.amount == D("987.66")


@pytest.mark.parametrize(
    "year,etype,manufacturing,tech_sme,q4,expected,source",
    [
        (2008, "general", False, False, None, "0.5", "50%"),
        (2017, "general", False, False, None, "0.5", "50%"),
        (2018, "general", False, False, None, "0.75", "99号"),
        (2020, "general", True, False, None, "0.75", "99号"),
        (2021, "general", True, False, None, "1", "2021年第13号"),
        (2021, "general", False, True, None, "0.75", "99号"),
        (2022, "general", False, True, None, "1", "2022年第16号"),
        (2022, "general", True, False, None, "1", "2021年第13号"),
        # 75% × 9/12 + 100% × 3/12 = 81.25%.
        (2022, "general", False, False, None, "0.8125", "2022年第28号"),
        # Q4 share 40%: 75% + 25% × 40% = 85%.
        (2022, "general", False, False, "0.4", "0.85", "2022年第28号"),
        (2022, "ic", False, False, "0", "0.75", "2023-2027"),
        (2023, "general", False, False, None, "1", "2023年第7号"),
        (2023, "ic", False, False, None, "1.2", "2023年第44号"),
        (2027, "machine_tool", False, False, None, "1.2", "工业母机"),
        (2028, "ic", False, False, None, "1", "2023年第7号"),
    ],
)
def test_rates_by_year_and_type(
    year: int,
    etype: EnterpriseType,
    manufacturing: bool,
    tech_sme: bool,
    q4: str | None,
    expected: str,
    source: str,
) -> None:
    rule = rate_for(year, etype, manufacturing, tech_sme, None if q4 is None else D(q4))
    assert rule.rate == D(expected)
    assert source in rule.explanation


def test_rate_before_2008_is_refused() -> None:
    with pytest.raises(ValueError):
        rate_for(2007, "general")


@pytest.mark.parametrize(
    "excluded_revenue,status",
    [("400", "eligible"), ("400.01", "excluded"), ("0", "eligible")],
)
def test_excluded_industry_at_exactly_half_and_just_above(excluded_revenue: str, status: str) -> None:
    # Base = 1,000 − 100 − 100 = 800; 400 / 800 = 50% is not excluded; 400.01 is above 50%.
    got, reason = excluded_industry_test(D(excluded_revenue), D("1000"), D("100"), D("100"))
    assert got == status
    assert "50%" in reason


def test_excluded_industry_gives_zero_deduction() -> None:
    result = compute_deduction(
        make_input(
            (own("A", "90000", "0"),),
            excluded_industry_revenue=D("600"),
            total_income=D("1000"),
        )
    )
    assert result.status == "excluded"
    assert result.extra_deduction.amount == D("0")
    assert "超过50%" in result.extra_deduction.explanation


def test_excluded_industry_without_a_usable_base_is_insufficient_data() -> None:
    status, _ = excluded_industry_test(D("10"), D("100"), D("50"), D("50"))
    assert status == "insufficient_data"


def test_deemed_taxation_is_excluded() -> None:
    result = compute_deduction(make_input((own("A", "90000", "0"),), deemed_taxation=True))
    assert result.status == "excluded"
    assert result.extra_deduction.amount == D("0")
    assert "核定征收" in result.eligibility_reasons[0]


@pytest.mark.parametrize(
    "year,etype,extra,total",
    [
        # 2023 general: 10,000 × 100% extra → deducted 200% = 20,000.
        (2023, "general", "10000.00", "20000.00"),
        # 2024 ic: 10,000 × 120% = 12,000 extra → 220% = 22,000.
        (2024, "ic", "12000.00", "22000.00"),
        # 2019: 75% → 7,500 extra, 175% in total.
        (2019, "general", "7500.00", "17500.00"),
    ],
)
def test_amortisation_of_capitalised_rd(year: int, etype: EnterpriseType, extra: str, total: str) -> None:
    result = compute_deduction(
        make_input((), tax_year=year, enterprise_type=etype, capitalised_amortisation_base=D("10000"))
    )
    assert result.amortisation_deduction.amount == D(extra)
    assert result.amortisation.amount + result.amortisation_deduction.amount == D(total)
    assert result.extra_deduction.amount == D(extra)


def test_offsets_reduce_the_base() -> None:
    # 90,000 − 15,000 special income = 75,000 × 100% = 75,000.
    result = compute_deduction(make_input((own("A", "90000", "0", offsets=D("15000")),)))
    assert result.deduction_base.amount == D("75000")
    assert result.extra_deduction.amount == D("75000.00")


def test_offsets_floor_at_zero() -> None:
    # 10,000 − 15,000 < 0 → base 0, no deduction.
    result = compute_deduction(make_input((own("A", "10000", "0", offsets=D("15000")),)))
    assert result.deduction_base.amount == D("0")
    assert result.extra_deduction.amount == D("0.00")
    assert "按零计算" in result.deduction_base.explanation


def test_rows_are_plain_data_with_explanations() -> None:
    result = compute_deduction(make_input(TWO_PROJECTS, tax_year=2021))
    rows = rows_as_tuples(result.summary_rows)
    labels = [label for label, _, _ in rows]
    assert "其他相关费用限额" in labels
    assert "经限额调整后的其他相关费用" in labels
    assert all(isinstance(amount, Decimal) and text for _, amount, text in rows)
    a107012 = {label: amount for label, amount, _ in rows_as_tuples(result.a107012_rows)}
    assert a107012["本年研发费用加计扣除总额"] == D("124500.00")
    assert a107012["本年可享受研发费用加计扣除项目数量"] == D(2)


def test_duplicate_project_codes_and_negative_amounts_are_refused() -> None:
    with pytest.raises(ValueError):
        compute_deduction(make_input((own("A", "1", "0"), own("A", "2", "0"))))
    with pytest.raises(ValueError):
        own("A", "-1", "0")


amounts = st.decimals(min_value=0, max_value=10_000_000, places=2, allow_nan=False, allow_infinity=False)


@given(st.lists(st.tuples(amounts, amounts, st.booleans()), min_size=1, max_size=8))
def test_2021_cap_properties(rows: list[tuple[Decimal, Decimal, bool]]) -> None:
    # The rule restated: cap = Σ core × 10% ÷ 90% (to the fen), allowed = min(actual, cap), and the expensed
    # and capitalised parts add back up to the total.
    projects = tuple(
        ProjectCosts(
            f"P{i}",
            "项目",
            "self",
            capitalised=cap,
            finished_this_year=cap,
            personnel=core,
            other_costs=other,
        )
        for i, (core, other, cap) in enumerate(rows)
    )
    result = compute_deduction(make_input(projects))
    core_total = sum((core for core, _, _ in rows), D(0))
    other_total = sum((other for _, other, _ in rows), D(0))
    cap = (core_total / 9).quantize(D("0.01"), rounding=ROUND_HALF_UP)
    assert result.other_costs_cap.amount == cap
    assert result.other_costs_allowed.amount == min(cap, other_total)
    total = core_total + min(cap, other_total)
    assert result.expensed_total.amount + result.capitalised_formed_total.amount == total
    assert result.extra_deduction.amount == result.expensed_total.amount.quantize(D("0.01"))


def test_allocation_shares_add_up_to_the_allowed_amount() -> None:
    # Found by hypothesis. Cap = 73.85 ÷ 9 = 8.2055… → 8.21, allowed 8.21 of 49.26 actual.
    # Exact shares: 0.03 × 8.21 ÷ 49.26 = 0.005 and 49.23 × 8.21 ÷ 49.26 = 8.205. Cut to the fen they give
    # 0.00 + 8.20; the spare fen goes to the first of the tied remainders, so 0.01 + 8.20 = 8.21.
    projects = (
        own("P0", "0", "0.03", capitalised=True, finished_this_year=True),
        own("P1", "73.85", "49.23", capitalised=True, finished_this_year=True),
    )
    result = compute_deduction(make_input(projects))
    lines = {line.project_code: line for line in result.projects}
    assert lines["P0"].other_costs_allowed == D("0.01")
    assert lines["P1"].other_costs_allowed == D("8.20")
    assert result.capitalised_formed_total.amount == D("82.06")
    assert result.expensed_total.amount == D("0.00")
