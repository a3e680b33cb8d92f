"""青海省科技型企业, rule-set selection by date, and the next-step plan."""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from innoladder.eligibility import (
    RecognitionHeld,
    UnknownSchemeError,
    assess,
    assess_scheme,
    next_step_plan,
    select,
)
from innoladder.eligibility.rulesets import qh_tech_enterprise_2020
from innoladder.eligibility.settings import DEFAULT

from .builders import ON, crit, facts, last_year, years


def qh(f):  # type: ignore[no-untyped-def]
    return qh_tech_enterprise_2020.evaluate(f, ON, DEFAULT)


def test_qh_baseline_is_eligible() -> None:
    assert qh(facts()).outcome == "eligible"


@pytest.mark.parametrize(
    ("change", "code", "status"),
    [
        ({"main_revenue": D("20000000")}, "Q2_main_share", "fail"),  # exactly 50% is not "> 50%"
        ({"main_revenue": D("20000000.01")}, "Q2_main_share", "pass"),
        ({"tech_staff": 10}, "Q3_tech_staff", "pass"),
        ({"tech_staff": 9}, "Q3_tech_staff", "fail"),
        ({"rd_expense": D("800000")}, "Q4_rd", "pass"),
        ({"rd_expense": D("799999.99")}, "Q4_rd", "fail"),
    ],
)
def test_qh_last_year_thresholds(change: dict[str, object], code: str, status: str) -> None:
    assert crit(qh(last_year(facts(), **change)), code).status == status


def test_qh_main_share_gap_is_strictly_above_half() -> None:
    gap = crit(qh(last_year(facts(), main_revenue=D("20000000"))), "Q2_main_share").gap
    assert gap is not None and gap.amount == D("0.01")


def test_qh_registration_in_qinghai_for_a_year() -> None:
    assert crit(qh(facts(registered_in_qinghai=False)), "Q1_qinghai").status == "fail"
    assert qh(facts(registered_in_qinghai=None)).outcome == "insufficient_data"
    assert crit(qh(facts(registered_on=ON - timedelta(days=364))), "Q1_age").status == "fail"


def test_qh_proprietary_tech_without_ip() -> None:
    assert crit(qh(facts(ips=(), proprietary_tech=True)), "Q5_ip").status == "pass"
    assert crit(qh(facts(ips=(), proprietary_tech=False)), "Q5_ip").status == "fail"
    assert crit(qh(facts(ips=(), proprietary_tech=None)), "Q5_ip").status == "insufficient_data"


@pytest.mark.parametrize(
    ("scheme", "on", "version"),
    [
        ("little_giant", date(2025, 12, 31), "little_giant_2022"),
        ("little_giant", date(2026, 1, 1), "little_giant_2026"),
        ("innovative_sme", date(2025, 12, 31), "innovative_sme_2022"),
        ("innovative_sme", date(2026, 1, 1), None),
        ("tech_innovative_sme", date(2025, 12, 31), None),
        ("tech_innovative_sme", date(2026, 1, 1), "tech_innovative_sme_2026"),
        ("srdi_sme", date(2026, 3, 1), "srdi_sme_2022"),
        ("srdi_sme", date(2022, 5, 31), None),
        ("tsme", date(2022, 9, 1), "tsme_2017"),
        ("hnte", date(2026, 3, 1), "hnte_2016"),
    ],
)
def test_select_by_effective_date(scheme: str, on: date, version: str | None) -> None:
    chosen = select(scheme, on)
    assert (chosen.info.version if chosen else None) == version


def test_unknown_scheme_raises() -> None:
    with pytest.raises(UnknownSchemeError):
        select("nonsense", ON)
    with pytest.raises(UnknownSchemeError):
        assess_scheme("innovative_sme", facts(), date(2026, 2, 1))


def test_assess_runs_every_scheme_in_force() -> None:
    before = [r.version for r in assess(facts(), ON)]
    assert before == [
        "tsme_2017",
        "hnte_2016",
        "innovative_sme_2022",
        "srdi_sme_2022",
        "little_giant_2022",
        "qh_tech_enterprise_2020",
    ]
    after = assess(facts(), date(2026, 6, 1))
    assert [r.version for r in after][2] == "tech_innovative_sme_2026"
    tech = after[2]
    assert tech.outcome == "insufficient_data"
    assert any("尚未取得" in n and "未编码" in n for n in tech.notes)


def test_plan_targets_the_lowest_unheld_tier_per_ladder() -> None:
    f = facts(years=years(tech_staff=5))  # tsme fails on 科技人员 = 0 points
    results = assess(f, ON)
    plan = next_step_plan(f, results, ON)
    steps = {s.ladder[:2]: s for s in plan.steps}
    assert steps["科技"].ruleset_id == "tsme"
    held = replace(f, recognitions=(RecognitionHeld("tsme", date(2025, 4, 1), date(2025, 12, 31)),))
    plan_held = next_step_plan(held, assess(held, ON), ON)
    science = next(s for s in plan_held.steps if s.ladder.startswith("科技"))
    assert science.ruleset_id == "hnte"


def test_plan_gaps_are_combined_by_kind_taking_the_largest() -> None:
    f = last_year(facts(), tech_staff=5)  # HNTE K4 needs (10 − 5)/0.9 → 6 hires
    results = assess(f, ON)
    held = replace(f, recognitions=(RecognitionHeld("tsme", date(2025, 4, 1)),))
    plan = next_step_plan(held, results, ON)
    science = next(s for s in plan.steps if s.ruleset_id == "hnte")
    staff = [g for g in science.gaps if g.kind == "tech_staff"]
    assert len(staff) == 1 and staff[0].amount == 6


def test_plan_when_eligible_says_apply() -> None:
    f = facts()
    plan = next_step_plan(f, assess(f, ON), ON)
    assert plan.target is not None
    assert plan.target.outcome == "eligible"
    assert "可在下一申报批次申报" in plan.summary


def test_plan_for_a_failed_score_lists_indicator_options() -> None:
    # tech 12% → 4, R&D 2.5% of sales → 10, no IP → 0: 14 points, 46 short of 60
    f = facts(years=years(tech_staff=12, rd_expense=D("1000000"), total_cost=D("100000000")), ips=())
    plan = next_step_plan(f, assess(f, ON), ON)
    science = next(s for s in plan.steps if s.ruleset_id == "tsme")
    kinds = {g.kind: g for g in science.gaps}
    assert kinds["score"].amount == 46
    assert kinds["ip_class_i"].amount == 1
    assert kinds["rd_expense"].amount == D("200000.00")  # to 3% of 40,000,000 (next band)
    assert kinds["tech_staff"].amount == 4  # (15 − 12)/0.85 → 4 hires: 16/104 ≥ 15%


def test_plan_for_an_unencoded_tier_says_so_and_ranks_it_last() -> None:
    # Until issue 20 the unencoded entry tier was the MIIT ladder's step because it is the lowest one;
    # a tier that cannot be judged is now listed after every tier that can (reachability first).
    on = date(2026, 6, 1)
    f = facts(years=tuple(replace(y, year=y.year + 1) for y in years()))
    plan = next_step_plan(f, assess(f, on), on)
    unencoded = next(s for s in plan.targets if s.ruleset_id == "tech_innovative_sme")
    assert "未编码" in unencoded.summary and "尚未编入系统" in unencoded.why
    assert unencoded.reach == "unencoded" and plan.targets[-1] == unencoded
    miit = next(s for s in plan.steps if s.ladder.startswith("工信"))
    assert miit.ruleset_id == "srdi_sme"


def test_recognition_default_validity() -> None:
    assert RecognitionHeld("hnte", date(2022, 6, 1)).is_valid(date(2025, 6, 1))
    assert not RecognitionHeld("hnte", date(2022, 6, 1)).is_valid(date(2025, 6, 2))
    assert RecognitionHeld("tsme", date(2024, 6, 1)).is_valid(date(2025, 6, 1))
    assert not RecognitionHeld("tsme", date(2024, 6, 1)).is_valid(date(2025, 6, 2))
