"""高新技术企业 (国科发火〔2016〕32号 / 195号): K1–K8 and the innovation-ability score."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from innoladder.eligibility import EnterpriseFacts, ExpertInputs, Incident, IPRecord, StandardWork
from innoladder.eligibility.rulesets import hnte_2016
from innoladder.eligibility.rulesets.hnte_2016 import growth_rate, rd_threshold
from innoladder.eligibility.settings import DEFAULT

from .builders import ON, crit, facts, last_year, year, years


def run(f, on=ON):  # type: ignore[no-untyped-def]
    return hnte_2016.evaluate(f, on, DEFAULT)


@pytest.mark.parametrize(
    ("sales", "threshold"),
    [
        ("50000000", "0.05"),
        ("50000000.01", "0.04"),
        ("200000000", "0.04"),
        ("200000000.01", "0.03"),
        ("0", "0.05"),
    ],
)
def test_rd_threshold_bands_by_last_year_sales(sales: str, threshold: str) -> None:
    assert rd_threshold(D(sales)) == D(threshold)


@pytest.mark.parametrize(("days", "status"), [(364, "fail"), (365, "pass")])
def test_k1_needs_365_days(days: int, status: str) -> None:
    result = run(facts(registered_on=ON - timedelta(days=days)))
    assert crit(result, "K1").status == status


def test_k1_gap_in_days() -> None:
    gap = crit(run(facts(registered_on=ON - timedelta(days=300))), "K1").gap
    assert gap is not None and gap.amount == 65 and gap.unit == "天"


def test_k2_no_ip_fails_and_spent_class_ii_does_not_count() -> None:
    assert crit(run(facts(ips=())), "K2").status == "fail"
    spent = IPRecord(kind="utility_model", used_in_hnte_application=True)
    assert crit(run(facts(ips=(spent,))), "K2").status == "fail"
    assert crit(run(facts(ips=(IPRecord(kind="software_copyright"),))), "K2").status == "pass"


@pytest.mark.parametrize(("field", "status"), [("4.1", "pass"), ("8", "pass"), ("9", "fail"), ("0", "fail")])
def test_k3_field_is_one_of_eight(field: str, status: str) -> None:
    assert crit(run(facts(tech_field=field)), "K3").status == status


def test_k3_missing_field_is_insufficient() -> None:
    assert crit(run(facts(tech_field=None)), "K3").status == "insufficient_data"


@pytest.mark.parametrize(("staff", "status"), [(10, "pass"), (9, "fail")])
def test_k4_tech_staff_ten_percent(staff: int, status: str) -> None:
    result = run(last_year(facts(), tech_staff=staff))
    assert crit(result, "K4").status == status


def test_k4_gap_counts_new_hires() -> None:
    gap = crit(run(last_year(facts(), tech_staff=9)), "K4").gap
    assert (
        gap is not None and gap.amount == 2 and gap.text == "还需新增 2 名科技人员"
    )  # 11/102 ≥ 10% > 10/101


def test_k5_three_year_ratio_at_five_percent() -> None:
    ok = facts(years=years(rd_expense=D("2000000"), rd_domestic=D("2000000")))  # 6M / 120M = 5%
    assert crit(run(ok), "K5").status == "pass"
    short = last_year(ok, rd_expense=D("1990000"), rd_domestic=D("1990000"))
    item = crit(run(short), "K5")
    assert item.status == "fail"
    assert item.gap is not None and item.gap.amount == D("10000.00")  # 5% × 120M − 5.99M


def test_k5_threshold_follows_last_year_sales_not_the_sum() -> None:
    # Sales 60M last year → 4%; 2022–2023 at 40M. R&D 4.0% of the 140M sum passes.
    f = last_year(
        facts(years=years(rd_expense=D("1600000"), rd_domestic=D("1600000"))),
        sales_revenue=D("60000000"),
        rd_expense=D("2400000"),
        rd_domestic=D("2400000"),
    )
    item = crit(run(f), "K5")
    assert item.value == D("5600000") / D("140000000")
    assert item.status == "pass"


def test_k5_young_enterprise_uses_actual_period() -> None:
    young = facts(registered_on=date(2023, 3, 1), years=(year(2023, rd_expense=D("2000000")), year(2024)))
    item = crit(run(young), "K5")
    assert item.status == "pass"
    assert item.value == D("4400000") / D("80000000")


def test_k5_missing_year_is_insufficient() -> None:
    f = facts(years=(year(2023), year(2024)))  # registered 2015, 2022 missing
    result = run(f)
    assert crit(result, "K5").status == "insufficient_data"
    assert result.outcome == "insufficient_data"


@pytest.mark.parametrize(("domestic", "status"), [("1440000", "pass"), ("1439999.99", "fail")])
def test_k5_domestic_rd_sixty_percent(domestic: str, status: str) -> None:
    assert crit(run(facts(years=years(rd_domestic=D(domestic)))), "K5_domestic").status == status


def test_k5_domestic_from_overseas_entrusted_at_80_percent() -> None:
    # 2.4M − 0.8 × 1.2M = 1.44M → exactly 60%
    f = facts(years=years(rd_domestic=None, rd_entrusted_overseas=D("1200000")))
    assert crit(run(f), "K5_domestic").status == "pass"


@pytest.mark.parametrize(
    ("hitech", "untaxed", "status"),
    [
        ("30000000", "0", "pass"),
        ("29999999.99", "0", "fail"),
        ("29400000", "1000000", "pass"),
        ("29399999.99", "1000000", "fail"),
    ],
)
def test_k6_hitech_share_of_total_income_less_untaxed(hitech: str, untaxed: str, status: str) -> None:
    f = last_year(
        facts(), total_income=D("50000000"), hitech_revenue=D(hitech), non_taxable_income=D(untaxed)
    )
    assert crit(run(f), "K6").status == status


def test_k6_unknown_untaxed_income_is_insufficient() -> None:
    assert crit(run(last_year(facts(), non_taxable_income=None)), "K6").status == "insufficient_data"


@pytest.mark.parametrize(("days_before", "status"), [(0, "fail"), (365, "fail"), (366, "pass"), (-1, "pass")])
def test_k8_incident_window_365_days(days_before: int, status: str) -> None:
    incident = Incident("safety_quality_accident", ON - timedelta(days=days_before))
    assert crit(run(facts(incidents=(incident,))), "K8").status == status


def test_k8_ignores_list_and_integrity_kinds() -> None:
    assert crit(run(facts(incidents=(Incident("integrity_breach", ON),))), "K8").status == "pass"


@pytest.mark.parametrize(
    ("values", "rate"),
    [
        ([D(100), D(120), D(150)], D("0.5") * (D("1.2") + D("1.25")) - 1),
        ([D(0), D(100), D(150)], D("0.5")),
        ([D(100), D(0), D(150)], None),
        ([D(100), D(110)], D("0.1")),
        ([D(100)], None),
        ([D(100), D(90), D(80)], D("0.5") * (D("0.9") + D(80) / D(90)) - 1),
    ],
)
def test_growth_rate_formula_and_special_cases(values: list[D], rate: D | None) -> None:
    assert growth_rate(values)[0] == rate


def _score_facts(
    conversion: int, standards: tuple[StandardWork, ...] = (), standards_bonus: int | None = None
) -> EnterpriseFacts:
    # conversions 4 per year → average 4 → band 19–24; zero growth → 0 + 0
    return facts(
        years=years(tech_conversions=4),
        standards=standards,
        expert=ExpertInputs(
            tech_advancement=8,
            core_support=8,
            ip_quantity=8,
            ip_acquisition=6,
            standards_bonus=standards_bonus,
            conversion=conversion,
            rd_management=20,
        ),
    )


def test_score_exactly_70_fails_and_71_passes() -> None:
    at_70 = run(_score_facts(20))  # 30 + 20 + 20 + 0
    assert at_70.score == 70
    assert crit(at_70, "K7").status == "fail"
    assert at_70.outcome == "not_eligible"
    at_71 = run(_score_facts(21))
    assert at_71.score == 71
    assert at_71.outcome == "eligible"


def test_ip_group_is_capped_at_30_with_standards_bonus() -> None:
    result = run(_score_facts(20, standards=(StandardWork("industry", 2023, 9),), standards_bonus=2))
    assert dict((g, s) for g, s, _ in result.group_scores)["知识产权"] == 30
    assert result.score == 70


def test_expert_value_outside_band_is_clamped_and_noted() -> None:
    result = run(facts(expert=ExpertInputs(conversion=30)))  # average 2 → band 7–12
    assert crit(result, "I6_conversion").points == 12
    assert any("超出本档" in note for note in result.notes)


def test_missing_expert_inputs_give_insufficient_when_range_straddles_70() -> None:
    f = facts(years=years(tech_conversions=5))
    result = run(f)
    low, high = result.score_range  # type: ignore[misc]
    assert low <= 70 < high
    assert crit(result, "K7").status == "insufficient_data"
    assert result.outcome == "insufficient_data"


def test_objective_maximum_at_or_below_70_fails_without_experts() -> None:
    # no IP → IP group 0; no conversions → 0; no growth → 0; max = 20 (management)
    f = facts(ips=(), years=years(tech_conversions=0))
    result = run(f)
    assert result.score_range == (0, 20)
    assert crit(result, "K7").status == "fail"


@pytest.mark.parametrize(
    ("class_ii", "band"), [(0, (0, 0)), (1, (1, 2)), (2, (1, 2)), (3, (3, 4)), (4, (3, 4)), (5, (5, 6))]
)
def test_ip_quantity_bands(class_ii: int, band: tuple[int, int]) -> None:
    ips = tuple(IPRecord(kind="design_patent", number=str(n)) for n in range(class_ii))
    item = crit(run(facts(ips=ips)), "I3_quantity")
    assert item.point_bounds() == band


@pytest.mark.parametrize(
    ("conversions", "band"),
    [
        ((5, 5, 5), (25, 30)),
        ((4, 5, 5), (19, 24)),
        ((1, 1, 1), (1, 6)),
        ((0, 1, 1), (0, 0)),
        ((0, 0, 0), (0, 0)),
    ],
)
def test_conversion_bands_use_the_annual_average(conversions: tuple[int, ...], band: tuple[int, int]) -> None:
    f = facts(
        years=tuple(year(y, tech_conversions=c) for y, c in zip((2022, 2023, 2024), conversions, strict=True))
    )
    assert crit(run(f), "I6_conversion").point_bounds() == band


@pytest.mark.parametrize(
    ("sales", "band"),
    [
        (("100", "135", "182.25"), (9, 10)),  # 35% each year
        (("100", "100", "100"), (0, 0)),
        (("100", "90", "80"), (0, 0)),
        (("0", "100", "105"), (3, 4)),  # Y1 = 0 → Y3/Y2 − 1 = 5%
        (("100", "0", "100"), (0, 0)),  # Y2 = 0 → 0
        (("100", "101", "102.01"), (1, 2)),
    ],
)
def test_sales_growth_bands(sales: tuple[str, ...], band: tuple[int, int]) -> None:
    f = facts(
        years=tuple(year(y, sales_revenue=D(s)) for y, s in zip((2022, 2023, 2024), sales, strict=True))
    )
    assert crit(run(f), "I9_sales_growth").point_bounds() == band


def test_net_assets_are_assets_minus_liabilities() -> None:
    f = facts(
        years=(
            year(2022, total_liabilities=D("30000000")),
            year(2023, total_liabilities=D("24000000")),
            year(2024, total_liabilities=D("14000000")),
        )
    )  # 20M → 26M → 36M
    rate = D("0.5") * (D(26) / D(20) + D(36) / D(26)) - 1
    item = crit(run(f), "I8_net_asset_growth")
    assert rate >= D("0.25")
    assert item.point_bounds() == (7, 8)
