"""科技型中小企业 (国科发政〔2017〕115号): gates, 100-point table, direct routes."""

from datetime import date
from decimal import Decimal as D

import pytest

from innoladder.eligibility import Incident, IPRecord, RDInstitution, RecognitionHeld, StandardWork
from innoladder.eligibility.rulesets import tsme_2017
from innoladder.eligibility.settings import DEFAULT

from .builders import ON, crit, facts, invention, last_year, years


def run(f, on=ON):  # type: ignore[no-untyped-def]
    return tsme_2017.evaluate(f, on, DEFAULT)


def ii(count: int) -> tuple[IPRecord, ...]:
    return tuple(IPRecord(kind="utility_model", number=str(n)) for n in range(count))


def test_sme1_full_marks() -> None:
    f = facts(years=years(tech_staff=30, rd_expense=D("2400000"), sales_revenue=D("40000000")))
    result = run(f)
    assert result.score == 100
    assert result.outcome == "eligible"
    assert result.route == "score"


def test_sme2_zero_tech_staff_points_fails_despite_80() -> None:
    f = facts(years=years(tech_staff=9, rd_expense=D("3200000")))
    result = run(f)
    assert crit(result, "S1_tech_staff").points == 0
    assert result.score == 80
    assert result.outcome == "not_eligible"


def test_sme3_takes_the_better_rd_ratio_and_direct_route() -> None:
    # tech 12% → 4; R&D/sales 2.5% → 10; R&D/cost 16% → 20; 2 Ⅱ类 → 12
    f = facts(years=years(tech_staff=12, rd_expense=D("1000000"), total_cost=D("6250000")), ips=ii(2))
    result = run(f)
    assert [crit(result, c).points for c in ("S1_tech_staff", "S2_rd", "S3_ip")] == [4, 20, 12]
    assert result.score == 36
    assert result.outcome == "not_eligible"
    held = (RecognitionHeld("hnte", date(2023, 12, 1)),)
    direct = run(facts(years=f.years, ips=f.ips, recognitions=held))
    assert direct.outcome == "eligible"
    assert direct.route == "direct:D1_hnte"


@pytest.mark.parametrize(
    ("tech_staff", "points"),
    [(3000, 20), (2999, 16), (2500, 16), (2499, 12), (2000, 12), (1999, 8), (1500, 8), (1000, 4), (999, 0)],
)
def test_tech_staff_bands(tech_staff: int, points: int) -> None:
    result = run(facts(years=years(employees=10000, tech_staff=tech_staff)))
    assert crit(result, "S1_tech_staff").points == points


def test_sme4_exactly_25_percent_scores_16() -> None:
    assert crit(run(facts(years=years(tech_staff=25))), "S1_tech_staff").points == 16


@pytest.mark.parametrize(
    ("rd", "points"),
    [
        ("2400000", 50),
        ("2399999.99", 40),
        ("2000000", 40),
        ("1600000", 30),
        ("1200000", 20),
        ("800000", 10),
        ("799999.99", 0),
    ],
)
def test_rd_to_sales_bands(rd: str, points: int) -> None:
    # total cost is huge so the cost ratio never wins
    result = run(facts(years=years(rd_expense=D(rd), total_cost=D("1000000000"))))
    assert crit(result, "S2_rd").points == points


@pytest.mark.parametrize(
    ("rd", "points"), [("3000000", 50), ("2999999.99", 40), ("1000000", 10), ("999999", 0)]
)
def test_rd_to_cost_bands(rd: str, points: int) -> None:
    result = run(
        facts(years=years(rd_expense=D(rd), total_cost=D("10000000"), sales_revenue=D("1000000000")))
    )
    assert crit(result, "S2_rd").points == points


@pytest.mark.parametrize(("count", "points"), [(0, 0), (1, 6), (2, 12), (3, 18), (4, 24), (7, 24)])
def test_ip_class_ii_bands(count: int, points: int) -> None:
    assert crit(run(facts(ips=ii(count))), "S3_ip").points == points


def test_one_class_i_ip_gives_30_and_lapsed_ip_counts_nothing() -> None:
    assert crit(run(facts(ips=(invention(),))), "S3_ip").points == 30
    assert crit(run(facts(ips=(invention(status="lapsed"),))), "S3_ip").points == 0
    expired = invention(expires_on=date(2025, 5, 31))
    assert crit(run(facts(ips=(expired,))), "S3_ip").points == 0


def test_sme5_501_employees_fails_g2_whatever_the_score() -> None:
    result = run(facts(years=years(employees=501, tech_staff=200)))
    assert crit(result, "G2_employees").status == "fail"
    assert result.outcome == "not_eligible"
    assert crit(run(facts(years=years(employees=500, tech_staff=200))), "G2_employees").status == "pass"


@pytest.mark.parametrize(
    ("attr", "value", "status"),
    [
        ("sales_revenue", "200000000", "pass"),
        ("sales_revenue", "200000000.01", "fail"),
        ("total_assets", "200000000", "pass"),
        ("total_assets", "200000000.01", "fail"),
    ],
)
def test_g2_money_limits_include_two_yi(attr: str, value: str, status: str) -> None:
    code = "G2_revenue" if attr == "sales_revenue" else "G2_assets"
    assert crit(run(facts(years=years(**{attr: D(value)}))), code).status == status


@pytest.mark.parametrize(
    ("incident", "status"),
    [
        (Incident("safety_quality_accident", date(2024, 1, 1)), "fail"),
        (Incident("safety_quality_accident", date(2023, 12, 31)), "pass"),
        (Incident("environmental_violation", date(2025, 6, 1)), "fail"),
        (Incident("integrity_breach", date(2025, 6, 2)), "pass"),
        (Incident("abnormal_operation_list", date(2020, 5, 1), date(2023, 12, 31)), "pass"),
        (Incident("abnormal_operation_list", date(2020, 5, 1), date(2024, 1, 1)), "fail"),
        (Incident("serious_violation_list", date(2022, 5, 1)), "fail"),
    ],
)
def test_g4_window_is_previous_and_current_year(incident: Incident, status: str) -> None:
    result = run(facts(incidents=(incident,)))
    assert crit(result, "G4").status == status
    assert result.outcome == ("eligible" if status == "pass" else "not_eligible")


def test_negative_catalogue_and_non_resident_fail() -> None:
    assert run(facts(in_negative_catalogue=True)).outcome == "not_eligible"
    assert run(facts(is_resident=False)).outcome == "not_eligible"


def test_missing_employees_is_insufficient_not_fail() -> None:
    result = run(facts(years=years(employees=None)))
    assert crit(result, "G2_employees").status == "insufficient_data"
    assert crit(result, "S1_tech_staff").status == "insufficient_data"
    assert result.outcome == "insufficient_data"


def test_missing_cost_gives_a_range_when_sales_ratio_is_below_top() -> None:
    result = run(facts(years=years(total_cost=None, rd_expense=D("1200000"))))
    assert crit(result, "S2_rd").points_range == (20, 50)


@pytest.mark.parametrize(
    ("extra", "route"),
    [
        ({"awards": ()}, ""),
        ({"institutions": (RDInstitution("enterprise_tech_center", "provincial"),)}, "direct:D3_institution"),
        ({"institutions": (RDInstitution("enterprise_tech_center", "municipal"),)}, ""),
        ({"standards": (StandardWork("industry", 2020, 5),)}, "direct:D4_standard"),
        ({"standards": (StandardWork("industry", 2019, 1),)}, ""),
        ({"standards": (StandardWork("national", 2024, 6),)}, ""),
        ({"standards": (StandardWork("group", 2024, 1),)}, ""),
    ],
)
def test_direct_routes(extra: dict[str, object], route: str) -> None:
    weak = facts(years=years(tech_staff=5), ips=(), **extra)  # type: ignore[arg-type]
    result = run(weak)
    assert result.route == route
    assert result.outcome == ("eligible" if route else "not_eligible")


def test_national_award_route_needs_top_three_within_five_years() -> None:
    from innoladder.eligibility import Award

    weak = {"years": years(tech_staff=5), "ips": ()}
    assert (
        run(facts(awards=(Award("national", "sci_tech", year=2020, rank=3),), **weak)).outcome == "eligible"
    )
    assert (
        run(facts(awards=(Award("national", "sci_tech", year=2020, rank=4),), **weak)).outcome
        == "not_eligible"
    )
    assert (
        run(facts(awards=(Award("national", "sci_tech", year=2019, rank=1),), **weak)).outcome
        == "not_eligible"
    )
    unknown_rank = run(facts(awards=(Award("national", "sci_tech", year=2024),), **weak))
    assert unknown_rank.outcome == "insufficient_data"


def test_gaps_are_exact() -> None:
    result = run(facts(years=years(tech_staff=25, rd_expense=D("2300000"))))
    staff_gap = crit(result, "S1_tech_staff").gap
    assert staff_gap is not None and staff_gap.amount == 8  # 33/108 ≥ 30% > 32/107
    rd_gap = crit(result, "S2_rd").gap
    assert rd_gap is not None
    assert rd_gap.amount == D("100000.00")  # 6% × 40,000,000 − 2,300,000
    assert rd_gap.text == "研发费用还需增加 ¥10.0万（按上年销售收入计）"


def test_uses_last_fiscal_year_only() -> None:
    f = last_year(facts(), employees=600)
    assert crit(run(f), "G2_employees").status == "fail"
    assert crit(run(f, date(2024, 6, 1)), "G2_employees").status == "pass"
