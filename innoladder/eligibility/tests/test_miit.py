"""MIIT ladder: 创新型 (2022), 专精特新 (2022), 小巨人 (2022 and 2026)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from innoladder.eligibility import Award, EnterpriseFacts, IPRecord, RDInstitution, RecognitionHeld, Settings
from innoladder.eligibility.rulesets import (
    innovative_sme_2022,
    little_giant_2022,
    little_giant_2026,
    srdi_sme_2022,
)
from innoladder.eligibility.settings import DEFAULT

from .builders import ON, crit, facts, invention, last_year, year, years

EXCLUSIVE = Settings(innovative_sme_lower_inclusive=False, srdi_sme_lower_inclusive=False)
ON_2026 = date(2026, 6, 1)


def innovative(f: EnterpriseFacts, settings: Settings = DEFAULT):  # type: ignore[no-untyped-def]
    return innovative_sme_2022.evaluate(f, ON, settings)


def test_innovative_baseline_scores_by_the_table() -> None:
    # IP self-developed Ⅰ类 15; R&D 6% 20; growth 0% 5; debt 40% 10; strategic 10; main share 90% 20
    result = innovative(facts())
    assert [
        crit(result, c).points
        for c in ("S1_ip", "S2_rd", "S3_growth", "S4_debt", "S5_field", "S6_main_share")
    ] == [15, 20, 5, 10, 10, 20]
    assert result.score == 80
    assert result.outcome == "eligible"


@pytest.mark.parametrize(
    ("rd", "inclusive_points", "exclusive_points"),
    [
        ("2000000", 20, 15),
        ("2000000.01", 20, 20),
        ("1999999.99", 15, 15),
        ("1200000", 15, 10),
        ("800000", 10, 5),
        ("400000", 5, 0),
        ("399999.99", 0, 0),
    ],
)
def test_innovative_rd_bands_both_boundary_settings(
    rd: str, inclusive_points: int, exclusive_points: int
) -> None:
    f = facts(years=years(rd_expense=D(rd)))  # operating revenue 40,000,000
    assert crit(innovative(f), "S2_rd").points == inclusive_points
    assert crit(innovative(f, EXCLUSIVE), "S2_rd").points == exclusive_points


def test_boundary_setting_is_reported_in_notes() -> None:
    assert any("innovative_sme_lower_inclusive=True" in n for n in innovative(facts()).notes)
    assert any("innovative_sme_lower_inclusive=False" in n for n in innovative(facts(), EXCLUSIVE).notes)


@pytest.mark.parametrize(
    ("liabilities", "inclusive_points", "exclusive_points"),
    [("27499999.99", 10, 10), ("27500000", 5, 10), ("37500000", 0, 5), ("37500000.01", 0, 0)],
)
def test_innovative_debt_ratio_bands(liabilities: str, inclusive_points: int, exclusive_points: int) -> None:
    f = last_year(facts(), total_liabilities=D(liabilities))  # total assets 50,000,000
    assert crit(innovative(f), "S4_debt").points == inclusive_points
    assert crit(innovative(f, EXCLUSIVE), "S4_debt").points == exclusive_points


@pytest.mark.parametrize(
    ("main_2024", "points"),
    [
        ("41400000", 20),
        ("41399999.99", 15),
        ("39600000", 15),
        ("37800000", 10),
        ("36000000", 5),
        ("35999999.99", 0),
    ],
)
def test_innovative_main_revenue_growth(main_2024: str, points: int) -> None:
    f = last_year(facts(), main_revenue=D(main_2024), operating_revenue=D("50000000"))  # 2023 main 36,000,000
    assert crit(innovative(f), "S3_growth").points == points


@pytest.mark.parametrize(
    ("ip", "points"),
    [
        (invention(overseas_family=True), 20),
        (IPRecord(kind="invention_patent", granted_on=date(2014, 1, 1)), 20),  # maintained > 10 years
        (invention(), 15),
        (invention(acquisition="transferred", transferred_on=date(2024, 5, 31)), 10),
        (invention(acquisition="transferred", transferred_on=date(2024, 6, 2)), 0),  # < 1 year: not Ⅰ类
        (IPRecord(kind="software_copyright"), 5),
        (invention(core_to_main_product=False), 0),
    ],
)
def test_innovative_ip_tiers(ip: IPRecord, points: int) -> None:
    assert crit(innovative(facts(ips=(ip,))), "S1_ip").points == points


def test_innovative_group_minimum_blocks_a_70_point_total() -> None:
    # innovation: Ⅱ类 5 + R&D 1% 5 = 10 < 20, although total = 10 + 30 + 30 = 70 (growth ≥15% gives 20)
    f = last_year(
        facts(ips=(IPRecord(kind="utility_model"),), years=years(rd_expense=D("400000"))),
        main_revenue=D("41400000"),
        rd_expense=D("400000"),
    )
    result = innovative(f)
    assert result.score == 70
    assert crit(result, "G_score").status == "fail"
    assert result.outcome == "not_eligible"


@pytest.mark.parametrize(("equity", "outcome"), [("2500000", "eligible"), ("2499999.99", "not_eligible")])
def test_innovative_equity_route_500_wan_over_three_years(equity: str, outcome: str) -> None:
    weak = facts(
        ips=(),
        strategic_emerging=False,
        years=(
            year(2022),
            year(2023, equity_financing=D(equity)),
            year(2024, rd_expense=D(0), equity_financing=D("2500000")),
        ),
    )
    assert innovative(weak).outcome == outcome


@pytest.mark.parametrize(
    ("extra", "route"),
    [
        ({"awards": (Award("provincial", "sci_tech", year=2022, rank=9),)}, "direct:D1_award"),
        ({"awards": (Award("provincial", "sci_tech", year=2021, rank=1),)}, ""),
        ({"awards": (Award("municipal", "sci_tech", year=2024, rank=1),)}, ""),
        ({"recognitions": (RecognitionHeld("hnte", date(2023, 1, 1)),)}, "direct:D2_honour"),
        ({"recognitions": (RecognitionHeld("hnte", date(2022, 1, 1), date(2024, 12, 31)),)}, ""),
        ({"institutions": (RDInstitution("key_lab", "provincial"),)}, "direct:D3_institution"),
    ],
)
def test_innovative_direct_routes(extra: dict[str, object], route: str) -> None:
    weak = facts(ips=(), years=years(rd_expense=D(0)), **extra)  # type: ignore[arg-type]
    result = innovative(weak)
    assert result.route == route


def test_innovative_unknown_strategic_field_is_insufficient_when_it_matters() -> None:
    # specialisation = field (5..10) + main share 50% (5) → 10..15 straddles the 15 minimum
    f = facts(strategic_emerging=None, years=years(main_revenue=D("20000000")))
    result = innovative(f)
    assert crit(result, "S5_field").status == "insufficient_data"
    assert result.outcome == "insufficient_data"


# ---- 专精特新中小企业 2022 ----

SRDI_FULL = {
    "digital_level": 3,
    "quality_items": 2,
    "chain_key_link": True,
    "provincial_feature_points": D(10),
    "institutions": (RDInstitution("enterprise_tech_center", "provincial"),),
}


def srdi(f: EnterpriseFacts, settings: Settings = DEFAULT, on: date = ON):  # type: ignore[no-untyped-def]
    return srdi_sme_2022.evaluate(f, on, settings)


@pytest.mark.parametrize(
    ("rd", "operating", "status", "gap"),
    [
        ("1000000", "30000000", "pass", None),
        ("999999.99", "30000000", "fail", "0.01"),
        ("1000000", "40000000", "fail", "200000.00"),
        ("1200000", "40000000", "pass", None),
    ],
)
def test_srdi_rd_base_condition(rd: str, operating: str, status: str, gap: str | None) -> None:
    f = last_year(facts(), rd_expense=D(rd), operating_revenue=D(operating))
    item = crit(srdi(f), "B2_rd")
    assert item.status == status
    assert (item.gap.amount if item.gap else None) == (D(gap) if gap else None)


def test_srdi_revenue_or_equity() -> None:
    small = last_year(facts(), operating_revenue=D("9999999.99"), rd_expense=D("1000000"))
    assert crit(srdi(small), "B3_revenue").status == "fail"
    financed = last_year(small, equity_financing=D("20000000"))
    assert crit(srdi(financed), "B3_revenue").status == "pass"
    assert crit(srdi(last_year(small, operating_revenue=D("10000000"))), "B3_revenue").status == "pass"


@pytest.mark.parametrize(
    ("years_in", "status", "points"),
    [("1.9", "fail", 0), ("2", "pass", 1), ("9.9", "pass", 4), ("10", "pass", 5), ("25", "pass", 5)],
)
def test_srdi_niche_years(years_in: str, status: str, points: int) -> None:
    result = srdi(facts(niche_market_years=D(years_in)))
    assert crit(result, "B1_niche").status == status
    assert crit(result, "S3_niche").points == points


def test_srdi_scoring_table() -> None:
    result = srdi(facts(**SRDI_FULL))  # type: ignore[arg-type]
    expected = {
        "S1_main_share": 5,  # 90%
        "S2_growth": 2,  # 0% average growth, lower bound inclusive
        "S3_niche": 2,  # 5 years
        "S4_field": 5,
        "S5_digital": 5,
        "S6_quality": 5,  # 2 items × 3, max 5
        "S7_margin": 10,  # 4M / 40M = 10%
        "S8_debt": 5,  # 40%
        "S9_feature": 10,
        "S10_ip": 8,  # self-developed Ⅰ类
        "S11_rd": 4,  # 240万 → 4 by amount; 6% → 6 by ratio → 6
        "S12_rd_staff": 3,  # 10%
        "S13_institution": 8,
    }
    expected["S11_rd"] = 6
    assert {code: crit(result, code).points for code in expected} == expected
    assert result.score == sum(expected.values())
    assert result.outcome == "eligible"


@pytest.mark.parametrize(
    ("rd", "points"), [("5000000", 10), ("4999999.99", 8), ("1000000", 2), ("999999.99", 0)]
)
def test_srdi_rd_amount_bands_when_ratio_is_low(rd: str, points: int) -> None:
    f = last_year(facts(), rd_expense=D(rd), operating_revenue=D("1000000000"))
    assert crit(srdi(f), "S11_rd").points == points


def test_srdi_unknown_feature_points_is_insufficient() -> None:
    result = srdi(facts(**{**SRDI_FULL, "provincial_feature_points": None, "digital_level": 1}))  # type: ignore[arg-type]
    assert crit(result, "S9_feature").points_range == (0, 15)


def test_srdi_requires_innovative_setting() -> None:
    strict = Settings(srdi_requires_innovative_sme=True)
    f = facts(**SRDI_FULL)  # type: ignore[arg-type]
    assert srdi(f, strict).outcome == "not_eligible"
    held = replace(f, recognitions=(RecognitionHeld("innovative_sme", date(2024, 3, 1)),))
    assert srdi(held, strict).outcome == "eligible"
    assert srdi(f).outcome == "eligible"


def test_srdi_2026_note_says_revision_not_encoded() -> None:
    f = facts(years=tuple(year(y) for y in (2023, 2024, 2025)), **SRDI_FULL)  # type: ignore[arg-type]
    assert any("2026" in n and "未编码" in n for n in srdi(f, on=ON_2026).notes)


# ---- 小巨人 2022 ----


def giant_2022_facts(**changes: object) -> EnterpriseFacts:
    base = facts(
        years=years(operating_revenue=D("100000000"), main_revenue=D("80000000"), rd_expense=D("3000000")),
        ips=(invention(number="1"), invention(number="2")),
        info_system_core_business=True,
        mgmt_certification=True,
        market_share=D("0.10"),
        own_brand=True,
        chain_key_link=True,
        foundation_field=True,
        institutions=(RDInstitution("enterprise_tech_center", "below"),),
    )
    base = replace(
        base,
        years=(
            year(2022, main_revenue=D("72562500"), operating_revenue=D("100000000")),
            year(2023, main_revenue=D("76190625"), operating_revenue=D("100000000"), rd_expense=D("3000000")),
            year(
                2024, main_revenue=D("80000156.25"), operating_revenue=D("100000000"), rd_expense=D("3000000")
            ),
        ),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_little_giant_2022_all_six_aspects() -> None:
    result = little_giant_2022.evaluate(giant_2022_facts(), ON, DEFAULT)
    assert result.outcome == "eligible", [(c.code, c.status) for c in result.criteria if c.status != "pass"]
    assert result.route == "general"


def test_little_giant_2022_rd_band_switches_at_one_yi() -> None:
    f = giant_2022_facts()
    just_below = last_year(f, operating_revenue=D("99999999.99"), main_revenue=D("80000000"))
    item = crit(little_giant_2022.evaluate(just_below, ON, DEFAULT), "X1_rd")
    assert item.threshold_text == "近两年每年≥6.00%"
    assert item.status == "fail"


def test_little_giant_2022_needs_two_class_i_or_direct_route() -> None:
    f = giant_2022_facts(ips=(invention(),))
    assert little_giant_2022.evaluate(f, ON, DEFAULT).outcome == "not_eligible"
    awarded = replace(f, awards=(Award("national", "sci_tech", year=2023, rank=3),))
    result = little_giant_2022.evaluate(awarded, ON, DEFAULT)
    assert result.outcome == "eligible"
    assert result.route == "direct:D1_award"


def test_little_giant_2022_market_share_boundary() -> None:
    f = giant_2022_facts(market_share=D("0.0999"))
    assert crit(little_giant_2022.evaluate(f, ON, DEFAULT), "T1_market_share").status == "fail"


# ---- 小巨人 2026 ----


def giant_2026_facts(**changes: object) -> EnterpriseFacts:
    base = facts(
        years=(
            year(2023, operating_revenue=D("50000000"), main_revenue=D("45000000"), rd_expense=D("6000000")),
            year(2024, operating_revenue=D("52000000"), main_revenue=D("47000000"), rd_expense=D("6000000")),
            year(2025, operating_revenue=D("55125000"), main_revenue=D("49612500"), rd_expense=D("6000000")),
        ),
        ips=tuple(invention(number=str(n)) for n in range(4)),
        recognitions=(RecognitionHeld("srdi_sme", date(2024, 7, 1)),),
        market_share=D("0.05"),
        market_rank=3,
        foundation_field=True,
        chain_key_link=True,
        srdi_index_score=D(60),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def giant_2026(f: EnterpriseFacts):  # type: ignore[no-untyped-def]
    return little_giant_2026.evaluate(f, ON_2026, DEFAULT)


def test_little_giant_2026_all_seven_conditions() -> None:
    result = giant_2026(giant_2026_facts())
    assert result.outcome == "eligible", [(c.code, c.status) for c in result.criteria if c.status != "pass"]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"recognitions": ()}, "C1_srdi"),
        ({"niche_market_years": D("2.9")}, "Z1_niche"),
        ({"market_share": D("0.0999"), "market_rank": 4}, "C5_market"),
        ({"srdi_index_score": D("59.9")}, "C7_score"),
        ({"chain_key_link": False}, "C6_chain"),
    ],
)
def test_little_giant_2026_each_condition_fails(change: dict[str, object], code: str) -> None:
    result = giant_2026(giant_2026_facts(**change))
    assert crit(result, code).status == "fail"
    assert result.outcome == "not_eligible"


def test_little_giant_2026_compound_growth_boundary() -> None:
    f = giant_2026_facts()
    low = replace(f, years=(*f.years[:2], replace(f.years[2], operating_revenue=D("55124999.99"))))
    assert crit(giant_2026(f), "C2_growth").status == "pass"  # 55,125,000 / 50,000,000 = 1.05²
    assert crit(giant_2026(low), "C2_growth").status == "fail"


def test_little_giant_2026_rd_total_1200_wan_and_each_year_three_percent() -> None:
    f = giant_2026_facts()
    short = replace(f, years=(f.years[0], f.years[1], replace(f.years[2], rd_expense=D("5999999.99"))))
    item = crit(giant_2026(short), "C3_rd")
    assert item.status == "fail"
    assert item.gap is not None and item.gap.amount == D("0.01")


def test_little_giant_2026_ip_waived_by_national_award() -> None:
    three = giant_2026_facts(ips=tuple(invention(number=str(n)) for n in range(3)))
    assert giant_2026(three).outcome == "not_eligible"
    awarded = replace(three, awards=(Award("national", "sci_tech", year=2024, rank=2),))
    assert giant_2026(awarded).outcome == "eligible"


def test_little_giant_2026_missing_index_score_is_insufficient() -> None:
    result = giant_2026(giant_2026_facts(srdi_index_score=None))
    assert result.outcome == "insufficient_data"


@pytest.mark.parametrize(
    ("flags", "bounds"),
    [
        ({"chain_key_link": True}, (5, 5)),
        ({"chain_key_link": False, "foundation_field": True}, (3, 3)),
        ({"chain_key_link": None, "serves_chain_leader": True}, (3, 5)),
        (
            {
                "chain_key_link": False,
                "foundation_field": False,
                "time_honoured_brand": False,
                "serves_chain_leader": False,
            },
            (0, 0),
        ),
        ({"chain_key_link": False}, (0, 5)),
    ],
)
def test_srdi_field_indicator(flags: dict[str, object], bounds: tuple[int, int]) -> None:
    assert crit(srdi(facts(**flags)), "S4_field").point_bounds() == bounds  # type: ignore[arg-type]
