"""Missing data gives "insufficient_data", never a silent fail."""

from datetime import date
from decimal import Decimal as D

import pytest

from innoladder.eligibility import RDInstitution, assess, assess_scheme
from innoladder.eligibility.rulesets import little_giant_2022
from innoladder.eligibility.settings import DEFAULT

from .builders import ON, crit, facts, year


@pytest.mark.parametrize("scheme", ["tsme", "hnte", "innovative_sme", "srdi_sme", "qh_tech_enterprise"])
def test_no_yearly_figures_is_insufficient_not_a_fail(scheme: str) -> None:
    result = assess_scheme(scheme, facts(years=()), ON)
    assert result.outcome == "insufficient_data"
    assert not [
        c.code
        for c in result.criteria
        if c.status == "fail" and c.group != "直通条件" and c.points is None and c.points_range is None
    ]


def test_every_unknown_criterion_says_why() -> None:
    for result in assess(facts(years=(), registered_on=None, tech_field=None), ON):
        for item in result.criteria:
            if item.status == "insufficient_data":
                assert item.reason, (result.version, item.code)


def test_little_giant_small_enterprise_route_needs_all_three() -> None:
    # operating revenue < 5,000万: equity ≥ 8,000万 and R&D ≥ 3,000万 over 2 years and R&D staff ≥ 50%
    ys = (
        year(2022),
        year(2023, equity_financing=D("40000000"), rd_expense=D("15000000")),
        year(2024, equity_financing=D("40000000"), rd_expense=D("15000000"), rd_staff=50),
    )
    f = facts(years=ys, institutions=(RDInstitution("enterprise_tech_center", "below"),))
    item = crit(little_giant_2022.evaluate(f, ON, DEFAULT), "X1_rd")
    assert item.status == "pass"
    fewer = facts(
        years=(*ys[:2], year(2024, equity_financing=D("39999999.99"), rd_expense=D("15000000"), rd_staff=50))
    )
    assert crit(little_giant_2022.evaluate(fewer, ON, DEFAULT), "X1_rd").status == "fail"
    staff = facts(
        years=(*ys[:2], year(2024, equity_financing=D("40000000"), rd_expense=D("15000000"), rd_staff=49))
    )
    assert crit(little_giant_2022.evaluate(staff, ON, DEFAULT), "X1_rd").status == "fail"
    unknown = facts(years=(year(2022), year(2023, equity_financing=None, rd_expense=D("15000000")), ys[2]))
    assert crit(little_giant_2022.evaluate(unknown, ON, DEFAULT), "X1_rd").status == "insufficient_data"


def test_tsme_notes_the_2026_merger() -> None:
    result = assess_scheme("tsme", facts(), date(2026, 6, 1))
    assert any("科技和创新型中小企业" in n for n in result.notes)


def test_hnte_young_enterprise_growth_uses_two_years() -> None:
    young = facts(
        registered_on=date(2023, 2, 1),
        years=(year(2023, sales_revenue=D(100)), year(2024, sales_revenue=D(120))),
    )
    item = crit(assess_scheme("hnte", young, ON), "I9_sales_growth")
    assert item.point_bounds() == (5, 6)  # 20% ≥ 15%
