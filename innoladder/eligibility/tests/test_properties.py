"""Properties over generated enterprises: monotone scores, determinism, gaps that close."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from innoladder.eligibility import EnterpriseFacts, IPRecord, YearData, assess
from innoladder.eligibility.rulesets import hnte_2016
from innoladder.eligibility.settings import DEFAULT

from .builders import crit

ONS = st.sampled_from([date(2025, 6, 1), date(2026, 6, 1)])
MONEY = st.decimals(min_value=0, max_value=300_000_000, places=2, allow_nan=False, allow_infinity=False)
KINDS = st.sampled_from(["invention_patent", "utility_model", "software_copyright", "design_patent", "other"])


@st.composite
def year_data(draw: st.DrawFn, y: int) -> YearData:
    employees = draw(st.one_of(st.none(), st.integers(1, 800)))
    tech = None if employees is None else draw(st.integers(0, employees))
    sales = draw(MONEY)
    return YearData(
        year=y,
        employees=employees,
        tech_staff=tech,
        rd_staff=tech,
        sales_revenue=sales,
        main_revenue=draw(MONEY),
        operating_revenue=sales,
        total_income=sales,
        non_taxable_income=Decimal(0),
        hitech_revenue=draw(MONEY),
        rd_expense=draw(st.one_of(st.none(), MONEY)),
        rd_domestic=None,
        total_cost=draw(st.one_of(st.none(), MONEY)),
        total_assets=draw(MONEY),
        total_liabilities=draw(MONEY),
        net_profit=draw(MONEY),
        equity_financing=draw(st.one_of(st.none(), MONEY)),
        tech_conversions=draw(st.integers(0, 8)),
    )


@st.composite
def enterprises(draw: st.DrawFn) -> EnterpriseFacts:
    first = draw(st.integers(2019, 2023))
    years = tuple(draw(year_data(y)) for y in range(first, 2026))
    ips = tuple(IPRecord(kind=draw(KINDS), number=str(n)) for n in range(draw(st.integers(0, 6))))
    return EnterpriseFacts(
        uscc="91632801MA752XK41R",
        name="生成企业",
        registered_on=date(first, draw(st.integers(1, 12)), 1),
        registered_in_qinghai=draw(st.one_of(st.none(), st.booleans())),
        tech_field=draw(st.sampled_from([None, "4", "6.2", "9"])),
        strategic_emerging=draw(st.one_of(st.none(), st.booleans())),
        niche_market_years=draw(st.one_of(st.none(), st.decimals(0, 20, places=1))),
        years=years,
        ips=ips,
        digital_level=draw(st.one_of(st.none(), st.integers(1, 4))),
        quality_items=draw(st.one_of(st.none(), st.integers(0, 4))),
    )


def bounds(results: tuple) -> list[tuple[str, tuple[Decimal, Decimal] | None]]:  # type: ignore[type-arg]
    return [(r.version, r.score_range) for r in results]


def never_lower(before: tuple, after: tuple) -> None:  # type: ignore[type-arg]
    for (version, old), (_, new) in zip(bounds(before), bounds(after), strict=True):
        if old is None or new is None:
            continue
        assert new[0] >= old[0] and new[1] >= old[1], (version, old, new)


COMMON = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@COMMON
@given(enterprises(), ONS, MONEY)
def test_more_rd_expense_never_lowers_a_score(facts: EnterpriseFacts, on: date, extra: Decimal) -> None:
    more = replace(
        facts,
        years=tuple(
            replace(y, rd_expense=(y.rd_expense or Decimal(0)) + extra) if y.rd_expense is not None else y
            for y in facts.years
        ),
    )
    never_lower(assess(facts, on), assess(more, on))


@COMMON
@given(enterprises(), ONS, st.integers(1, 50))
def test_more_tech_staff_never_lowers_a_score(facts: EnterpriseFacts, on: date, extra: int) -> None:
    more = replace(
        facts,
        years=tuple(
            replace(y, tech_staff=min(y.tech_staff + extra, y.employees or 0))
            if y.tech_staff is not None
            else y
            for y in facts.years
        ),
    )
    never_lower(assess(facts, on), assess(more, on))


@COMMON
@given(enterprises(), ONS)
def test_results_are_deterministic(facts: EnterpriseFacts, on: date) -> None:
    assert assess(facts, on) == assess(facts, on)


@COMMON
@given(enterprises())
def test_hnte_rd_gap_closes_k5(facts: EnterpriseFacts) -> None:
    on = date(2025, 6, 1)
    item = crit(hnte_2016.evaluate(facts, on, DEFAULT), "K5")
    if item.status != "fail" or item.gap is None:
        return
    fixed = replace(
        facts,
        years=tuple(
            replace(y, rd_expense=(y.rd_expense or Decimal(0)) + item.gap.amount) if y.year == 2024 else y
            for y in facts.years
        ),
    )
    assert crit(hnte_2016.evaluate(fixed, on, DEFAULT), "K5").status == "pass"
