"""Next-step advice on real-looking enterprises: never a tier the enterprise is above, best target first.

Each profile is dated relative to its base date so the same table runs in two different years.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest

from innoladder.eligibility import (
    EnterpriseFacts,
    IPRecord,
    Plan,
    RDInstitution,
    RecognitionHeld,
    YearData,
    assess,
    next_step_plan,
)
from innoladder.eligibility.plan import ABOVE, REACH_ORDER, SME_ONLY

WAN = D(10000)
YI = D(100000000)
DATES = (date(2026, 12, 5), date(2028, 5, 10))


def _years(last: int, count: int = 3, growth: D = D("1.1"), **figures: object) -> tuple[YearData, ...]:
    """``count`` years ending with ``last``; money figures grow by ``growth`` a year up to the last one."""
    out = []
    for back in range(count - 1, -1, -1):
        factor = growth**-back
        values = {
            key: (value * factor).quantize(D("0.01")) if isinstance(value, D) else value
            for key, value in figures.items()
        }
        out.append(YearData(year=last - back, **values))  # type: ignore[arg-type]
    return tuple(out)


# The columns of ``_books``: money in 万元, each the last year's (earlier years shrink by the growth).
BOOK_COLUMNS = (
    "sales_revenue",  # also the operating revenue and, unless given, the total income
    "main_revenue",
    "hitech_revenue",
    "rd_expense",  # all of it spent in China
    "total_cost",
    "total_assets",
    "total_liabilities",
    "net_profit",
)


def _books(
    last: int,
    staff: tuple[int, int, int],
    money: tuple[int, ...],
    conversions: int,
    growth: D = D("1.1"),
    count: int = 3,
    total_income: D | None = None,
) -> tuple[YearData, ...]:
    """``_years`` of one enterprise: ``staff`` (employees, tech staff, R&D staff), ``money`` in
    ``BOOK_COLUMNS`` order, no non-taxable income."""
    figures = {name: amount * WAN for name, amount in zip(BOOK_COLUMNS, money, strict=True)}
    revenue = figures["sales_revenue"]
    return _years(
        last,
        count,
        growth,
        employees=staff[0],
        tech_staff=staff[1],
        rd_staff=staff[2],
        operating_revenue=revenue,
        total_income=revenue if total_income is None else total_income,
        non_taxable_income=D(0),
        rd_domestic=figures["rd_expense"],
        tech_conversions=conversions,
        **figures,
    )


def _qinghai_firm(
    who: tuple[str, str, date], trade: tuple[str, str | None, bool], years: tuple[YearData, ...], **more: Any
) -> EnterpriseFacts:
    """A resident enterprise registered in Qinghai: ``who`` (USCC, name, registration date), ``trade``
    (industry code, 高企 technical field, strategic emerging industry)."""
    uscc, name, registered_on = who
    code, field, emerging = trade
    return EnterpriseFacts(uscc, name, registered_on, True, True, code, field, emerging, years=years, **more)


def _invention(on: date, number: str, years_ago: int = 3) -> IPRecord:
    return IPRecord(kind="invention_patent", number=number, granted_on=date(on.year - years_ago, 5, 1))


def large_hnte(on: date) -> EnterpriseFacts:
    """青海蓝科锂业-like: 735 staff, ¥50亿 revenue, a 高新技术企业 since last year."""
    money = (500000, 480000, 400000, 16000, 380000, 800000, 300000, 90000)
    return _qinghai_firm(
        ("91632801AY4CL12T2E", "青海蓝科锂业股份有限公司", date(2007, 3, 15)),
        ("C2613", "4.2", True),
        _books(on.year - 1, (735, 90, 60), money, 4, total_income=51 * YI),
        ips=tuple(_invention(on, f"ZL-LK-{n}") for n in range(12)),
        institutions=(RDInstitution(kind="engineering_tech_center", level="provincial"),),
        recognitions=(RecognitionHeld("hnte", date(on.year - 1, 11, 20)),),
    )


def very_large(on: date) -> EnterpriseFacts:
    """盐湖股份-like: 7,800 staff, ¥150亿 revenue, holding nothing yet."""
    base = large_hnte(on)
    return replace(
        base,
        name="青海盐湖股份有限公司",
        industry_code="C2622",
        years=tuple(
            replace(
                y, employees=7800, operating_revenue=150 * YI, sales_revenue=150 * YI, total_assets=400 * YI
            )
            for y in base.years
        ),
        recognitions=(),
    )


def micro_startup(on: date) -> EnterpriseFacts:
    """A two-year-old software start-up: 12 staff, ¥300万 sales, one software copyright."""
    books = _books(on.year - 1, (12, 5, 5), (300, 300, 270, 45, 280, 400, 100, 20), 0, D("1.5"), count=2)
    return _qinghai_firm(
        ("91632801MA7STARTUP", "格尔木数智云科技有限公司", date(on.year - 2, 3, 1)),
        ("I6513", "1.1", True),
        books,
        ips=(IPRecord(kind="software_copyright", number="2025SR0001", granted_on=date(on.year - 1, 8, 1)),),
    )


def innovative_near_srdi(on: date) -> EnterpriseFacts:
    """A 创新型中小企业 (recognised last year) close to 专精特新: 180 staff, ¥1.2亿 revenue."""
    money = (12000, 11000, 10000, 720, 10000, 15000, 6000, 1100)
    return _qinghai_firm(
        ("91632801MA7INNOV01", "青海启迪清源新材料有限公司", date(2016, 7, 28)),
        ("C2665", "4.3", True),
        _books(on.year - 1, (180, 40, 36), money, 3, D("1.12")),
        niche_market_years=D(8),
        ips=(_invention(on, "ZL-QD-1"), _invention(on, "ZL-QD-2", years_ago=2)),
        institutions=(RDInstitution(kind="key_lab", level="provincial"),),
        recognitions=(RecognitionHeld("innovative_sme", date(on.year - 1, 9, 1)),),
        digital_level=2,
        quality_items=2,
        chain_key_link=True,
        provincial_feature_points=D(12),
    )


def holds_nothing(on: date) -> EnterpriseFacts:
    """A 20-year-old chemical plant with little R&D and no recognition: 260 staff, ¥3.1亿 revenue."""
    money = (31000, 30000, 0, 150, 29000, 26000, 17000, 900)
    return _qinghai_firm(
        ("91632801MA7PLAIN01", "格尔木隆盛化工有限公司", date(2005, 4, 19)),
        ("C2511", None, False),
        _books(on.year - 1, (260, 12, 6), money, 0, D("1.02")),
    )


def srdi_holder(on: date) -> EnterpriseFacts:
    """专精特新中小企业 since the year before last: the entry tiers are below it."""
    base = innovative_near_srdi(on)
    return replace(base, recognitions=(RecognitionHeld("srdi_sme", date(on.year - 2, 10, 1)),))


def giant_holder(on: date) -> EnterpriseFacts:
    """A 小巨人: every MIIT tier below is behind it."""
    base = innovative_near_srdi(on)
    return replace(base, recognitions=(RecognitionHeld("little_giant", date(on.year - 1, 7, 1)),))


@dataclass(frozen=True)
class Expect:
    """What the advice must and must not say for one profile."""

    target: str | None
    excluded: dict[str, str]  # scheme → words its exclusion reason must contain
    not_targets: frozenset[str] = frozenset()


PROFILES = {
    "large_hnte": (
        large_hnte,
        Expect(
            target=None,
            excluded={
                "tsme": "已持有更高层级的「高新技术企业」",
                "little_giant": "须先取得「专精特新中小企业」",
            },
            not_targets=frozenset({"tsme", "hnte"}),
        ),
    ),
    "very_large": (
        very_large,
        Expect(
            target="hnte",
            excluded={
                "tsme": "规模超限",
                "srdi_sme": "属于大型企业",
                "tech_innovative_sme": "只面向中小企业",
            },
            not_targets=frozenset({"tsme", "srdi_sme", "tech_innovative_sme", "little_giant"}),
        ),
    ),
    # Both entry tiers are within reach; the provincial one is worth more (see plan.VALUE).
    "micro_startup": (
        micro_startup,
        Expect(target="qh_tech_enterprise", excluded={"little_giant": "须先取得"}),
    ),
    "innovative_near_srdi": (
        innovative_near_srdi,
        Expect(
            target=None,
            excluded={"tech_innovative_sme": "已持有「创新型中小企业」", "little_giant": "须先取得"},
            not_targets=frozenset({"tech_innovative_sme", "innovative_sme"}),
        ),
    ),
    "holds_nothing": (holds_nothing, Expect(target=None, excluded={"little_giant": "须先取得"})),
    "srdi_holder": (
        srdi_holder,
        Expect(
            target=None,
            excluded={"tech_innovative_sme": "已持有更高层级的「专精特新中小企业」"},
            not_targets=frozenset({"srdi_sme", "tech_innovative_sme", "innovative_sme"}),
        ),
    ),
    "giant_holder": (
        giant_holder,
        Expect(
            target=None,
            excluded={"srdi_sme": "已持有更高层级", "tech_innovative_sme": "已持有更高层级"},
            not_targets=frozenset({"srdi_sme", "tech_innovative_sme", "little_giant"}),
        ),
    ),
}


def plan_for(build, on: date) -> Plan:  # type: ignore[no-untyped-def]
    facts = build(on)
    return next_step_plan(facts, assess(facts, on), on)


@pytest.mark.parametrize("on", DATES, ids=lambda d: d.isoformat())
@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_profile_advice(profile: str, on: date) -> None:
    build, expect = PROFILES[profile]
    plan = plan_for(build, on)
    targets = {step.ruleset_id for step in plan.targets}
    excluded = {item.ruleset_id: item.reason for item in plan.excluded}
    assert not targets & expect.not_targets
    for scheme, words in expect.excluded.items():
        assert words in excluded[scheme], excluded.get(scheme)
    assert not targets & set(excluded)
    if expect.target is not None:
        assert plan.target is not None and plan.target.ruleset_id == expect.target
    assert plan.target is None or plan.targets[0] == plan.target
    assert plan.target is None or (
        plan.why.startswith(f"推荐「{plan.target.name_zh}」") and "排序依据" in plan.why
    )


@pytest.mark.parametrize("on", DATES, ids=lambda d: d.isoformat())
@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_no_tier_below_a_held_one_and_targets_ordered_by_reach_then_value(profile: str, on: date) -> None:
    facts = PROFILES[profile][0](on)
    plan = next_step_plan(facts, assess(facts, on), on)
    held = {r.scheme for r in facts.recognitions if r.is_valid(on)}
    below = {scheme for h in held for scheme in ABOVE.get(h, ())}
    targets = {s.ruleset_id for s in plan.targets}
    assert not targets & (below | held)
    if any("属于大型企业" in item.reason for item in plan.excluded):
        assert not targets & SME_ONLY
    ranks = [
        (REACH_ORDER.index(s.reach), 0 if s.reach == "eligible" else len(s.failed) + len(s.unknown), -s.value)
        for s in plan.targets
    ]
    assert ranks == sorted(ranks)
    assert all(step.why for step in plan.targets)
    # one step per ladder, the best of that ladder, in the same order as the targets
    assert list(plan.steps) == [
        s for s in plan.targets if s is next(t for t in plan.targets if t.ladder == s.ladder)
    ]


def test_the_large_hnte_is_not_told_to_hire_staff_for_an_sme_tier() -> None:
    """The complaint of issue 20: 735 staff, ¥50亿, a 高企, told to aim for 科技型中小企业."""
    on = DATES[0]
    plan = plan_for(large_hnte, on)
    assert all(step.ruleset_id != "tsme" for step in plan.targets)
    assert "科技型中小企业" not in plan.summary
    assert not any(
        "科技人员" in gap.text for step in plan.targets for gap in step.gaps if step.ruleset_id == "tsme"
    )
    # 735 staff is below 1,000: a medium enterprise by the 2017 table, so the MIIT ladder stays open
    assert not any("大型企业" in item.reason for item in plan.excluded)


def test_a_very_large_enterprise_is_told_why_sme_tiers_are_closed() -> None:
    on = DATES[0]
    plan = plan_for(very_large, on)
    tsme = next(item for item in plan.excluded if item.ruleset_id == "tsme")
    assert "职工总数 7800人" in tsme.reason and "上限500人" in tsme.reason
    miit = next(item for item in plan.excluded if item.ruleset_id == "srdi_sme")
    assert "从业人员 7800 人" in miit.reason and "大型企业" in miit.reason


def test_the_startup_aims_first_for_the_entry_tiers_and_sees_the_rest_ordered() -> None:
    on = DATES[0]
    plan = plan_for(micro_startup, on)
    assert [(s.ruleset_id, s.reach) for s in plan.targets[:2]] == [
        ("qh_tech_enterprise", "eligible"),
        ("tsme", "eligible"),
    ]
    assert "在已符合条件的2个层级中价值最高" in plan.why
    hnte = next(step for step in plan.targets if step.ruleset_id == "hnte")
    assert plan.targets.index(hnte) > 1 and hnte.reach != "eligible"
    assert not plan.excluded or all(item.ruleset_id == "little_giant" for item in plan.excluded)


def test_the_innovative_sme_is_pointed_at_srdi_not_at_the_tier_it_holds() -> None:
    on = DATES[0]
    plan = plan_for(innovative_near_srdi, on)
    miit = next(step for step in plan.steps if step.ladder.startswith("工信"))
    assert miit.ruleset_id == "srdi_sme"
    assert "专精特新中小企业" in miit.why


def test_an_eligible_higher_value_tier_comes_before_an_eligible_lower_one() -> None:
    on = DATES[0]
    plan = plan_for(innovative_near_srdi, on)
    eligible = [s for s in plan.targets if s.reach == "eligible"]
    assert [s.value for s in eligible] == sorted((s.value for s in eligible), reverse=True)
    if len(eligible) > 1:
        assert "价值最高" in plan.why
