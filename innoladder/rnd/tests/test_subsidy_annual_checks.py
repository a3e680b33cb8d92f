import datetime as dt
from decimal import Decimal

import pytest

from innoladder.core.models import AuditEntry
from innoladder.core.testing.factories import AnnualDataFactory, EnterpriseFactory
from innoladder.enterprises.models import AnnualData
from innoladder.rnd import checks, selectors, services
from innoladder.rnd.models import SubsidyRule

from .factories import RDProjectFactory, line

pytestmark = pytest.mark.django_db
D = Decimal


def _enterprise_with_base(park, amount, year=2022):
    enterprise = EnterpriseFactory(park=park)
    project = RDProjectFactory(enterprise=enterprise)
    line(project, "personnel", amount, dt.date(year, 5, 31))
    return enterprise


def _rule(park, **kwargs):
    values = {"year": 2023, "tax_year": 2022, "title": "补助", "rate": D("0.10"), "cap": D("200000.00")}
    values.update(kwargs)
    return SubsidyRule.objects.create(park=park, **values)


def test_subsidy_rule_rate_and_cap_per_enterprise_and_park_total(cast):
    rule = _rule(cast.park)
    small = _enterprise_with_base(cast.park, "1000000.00")
    big = _enterprise_with_base(cast.park, "5000000.00")
    for enterprise in (small, big):
        services.compute_for(enterprise=enterprise, year=2022)
    # 2022, not manufacturing, no Q4 share given: 75% + 25% × 3/12 = 81.25%.
    a = services.subsidy_award(user=cast.officer, rule=rule, enterprise=small, awarded_on=dt.date(2023, 5, 1))
    b = services.subsidy_award(user=cast.officer, rule=rule, enterprise=big, awarded_on=dt.date(2023, 7, 1))
    assert a.run.extra_deduction == D("812500.00")
    assert a.amount == D("81250.00")
    # 5,000,000 × 81.25% × 10% = 406,250 → capped at 200,000.
    assert b.amount == D("200000.00")
    assert "上限" in b.explanation
    h1 = selectors.subsidy_total(cast.officer, cast.park, dt.date(2023, 1, 1), dt.date(2023, 6, 30))
    assert h1 == D("81250.00")
    year = selectors.subsidy_total(cast.officer, cast.park, dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert year == D("281250.00")
    assert (
        selectors.subsidy_total(cast.other_officer, cast.park, dt.date(2023, 1, 1), dt.date(2023, 12, 31))
        == 0
    )
    collected = selectors.ledgers_collected(cast.officer, cast.park, 2022)
    assert set(collected) == {small, big}
    assert selectors.ledgers_collected(cast.officer, cast.park, 2021).count() == 0
    # Awarding again refreshes the same row.
    services.subsidy_award(user=cast.officer, rule=rule, enterprise=small, awarded_on=dt.date(2023, 5, 2))
    assert rule.awards.count() == 2


def test_rd_increment_base_uses_last_years_ledger(cast):
    rule = _rule(cast.park, base="rd_increment", cap=None)
    enterprise = _enterprise_with_base(cast.park, "300000.00")
    line(enterprise.rd_projects.first(), "personnel", "200000.00", dt.date(2021, 5, 31))
    services.compute_for(enterprise=enterprise, year=2021)
    services.compute_for(enterprise=enterprise, year=2022)
    award = services.subsidy_award(
        user=None, rule=rule, enterprise=enterprise, awarded_on=dt.date(2023, 3, 1)
    )
    assert award.amount == D("10000.00")


def test_push_to_annual_data_shows_difference_and_needs_confirmation(cast):
    enterprise = cast.ent_a
    own = RDProjectFactory(enterprise=enterprise)
    ent = RDProjectFactory(enterprise=enterprise, form="entrusted_overseas", contract_registration_no="R")
    line(own, "personnel", "800000.00", dt.date(2022, 5, 31))
    line(ent, "entrusted_overseas", "200000.00", dt.date(2022, 5, 31))
    AnnualDataFactory(enterprise=enterprise, year=2022, rd_expense=D("900000.00"))
    rows = {r.field: r for r in services.annual_push_preview(enterprise, 2022)}
    assert rows["rd_expense"].ledger == D("1000000.00")
    assert rows["rd_expense"].annual == D("900000.00")
    assert rows["rd_expense"].difference == D("100000.00")
    with pytest.raises(services.DifferenceNotConfirmed) as exc:
        services.annual_push(user=cast.officer, enterprise=enterprise, year=2022)
    assert (
        "900,000.00" in str(exc.value) and "1,000,000.00" in str(exc.value) and "100,000.00" in str(exc.value)
    )
    assert AnnualData.objects.get(enterprise=enterprise, year=2022).rd_expense == D("900000.00")
    services.annual_push(user=cast.officer, enterprise=enterprise, year=2022, confirm_difference=True)
    annual = AnnualData.objects.get(enterprise=enterprise, year=2022)
    assert annual.rd_expense == D("1000000.00")
    assert annual.rd_domestic == D("800000.00")
    assert annual.rd_entrusted_overseas == D("200000.00")
    assert annual.source == "ledger"
    entry = AuditEntry.objects.filter(object_type="enterprises.AnnualData", event_type="update").get()
    assert entry.changes["rd_expense"] == ["900000.00", "1000000.00"]


def test_push_creates_annual_data_when_missing(cast):
    line(RDProjectFactory(enterprise=cast.ent_b), "personnel", "1234.56", dt.date(2022, 1, 5))
    annual = services.annual_push(user=cast.officer, enterprise=cast.ent_b, year=2022)
    assert annual.rd_expense == D("1234.56") and annual.source == "ledger"


def test_consistency_warnings_state_the_numbers(cast):
    enterprise = cast.ent_a
    p = RDProjectFactory(enterprise=enterprise)
    line(p, "personnel", "20000.00", dt.date(2023, 5, 31))
    line(p, "direct_input", "180000.00", dt.date(2023, 5, 31))
    line(p, "direct_input", "100000.00", dt.date(2022, 5, 31))
    AnnualDataFactory(
        enterprise=enterprise,
        year=2023,
        rd_expense=D("150000.00"),
        tech_staff=5,
        operating_revenue=D("2000000.00"),
    )
    AnnualDataFactory(enterprise=enterprise, year=2022, operating_revenue=D("2000000.00"))
    found = {w.key: w.text for w in checks.warnings_for(enterprise, 2023)}
    assert set(found) == {"ledger_vs_annual", "personnel_too_small", "ratio_jump"}
    assert "200,000.00元" in found["ledger_vs_annual"] and "差额50,000.00元" in found["ledger_vs_annual"]
    assert "4,000.00元/人" in found["personnel_too_small"]
    # 10% vs 5%: +100%, over the 50% threshold.
    assert (
        "10.00%" in found["ratio_jump"]
        and "5.00%" in found["ratio_jump"]
        and "100.00%" in found["ratio_jump"]
    )
    assert "ratio_jump" not in {w.key for w in checks.warnings_for(enterprise, 2023, jump_threshold=D("1.5"))}


def test_no_personnel_lines_with_tech_staff_warns(cast):
    p = RDProjectFactory(enterprise=cast.ent_b)
    line(p, "direct_input", "1000.00", dt.date(2023, 5, 31))
    AnnualDataFactory(enterprise=cast.ent_b, year=2023, rd_expense=D("1000.00"), tech_staff=3)
    assert [w.key for w in checks.warnings_for(cast.ent_b, 2023)] == ["staff_without_personnel"]
