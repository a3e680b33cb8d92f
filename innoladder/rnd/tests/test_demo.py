"""The Golmud demo: 2022 ledgers collected and exactly 775万元 of subsidies secured in H1 2023."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db.models import Sum
from freezegun import freeze_time

from innoladder.core.testing.factories import EnterpriseFactory, UserFactory
from innoladder.eligibility.superdeduction import compute_deduction
from innoladder.enterprises import demo as enterprise_demo
from innoladder.enterprises.models import AnnualData, Park
from innoladder.rnd import demo, selectors, services
from innoladder.rnd.models import DeductionRun, LedgerLine, SubsidyAward

pytestmark = pytest.mark.django_db
NAMES = (
    "青海盐湖工业股份有限公司",
    "青海盐湖镁业有限公司",
    "藏格锂业股份有限公司",
    "青海蓝科锂业股份有限公司",
    "青海中信国安锂业发展有限公司",
    "青海西豫有色金属有限公司",
    "青海金昆仑锂业有限公司",
)


@pytest.fixture
def golmud():
    enterprise_demo.load()
    park = Park.objects.get(name=demo.GOLMUD)
    for (keys, *_), name in zip(demo.ENTERPRISES, NAMES, strict=True):
        if demo.find_enterprise(park, keys) is None:
            EnterpriseFactory(park=park, name=name)
    return park


def test_demo_secures_exactly_775_wan_in_h1_2023_from_the_ledger(golmud):
    demo.load()
    demo.load()  # idempotent
    officer = UserFactory(role="officer")
    officer.parks.add(golmud)
    assert LedgerLine.objects.filter(is_demo=True).count() > 300
    assert selectors.ledgers_collected(officer, golmud, 2022).count() == 7
    assert DeductionRun.objects.filter(year=2022).count() == 7
    total = selectors.subsidy_total(officer, golmud, dt.date(2023, 1, 1), dt.date(2023, 6, 30))
    assert total == Decimal("7750000.00")
    # Independently: rebuild each input from the stored lines, run the engine, 10% capped at 200万.
    independent = Decimal(0)
    for award in SubsidyAward.objects.filter(rule__tax_year=2022).select_related("enterprise"):
        result = compute_deduction(services.deduction_input(award.enterprise, 2022))
        ledger = LedgerLine.objects.filter(enterprise=award.enterprise, date__year=2022).aggregate(
            s=Sum("amount")
        )["s"]
        assert Decimal(ledger).quantize(Decimal("0.01")) > result.extra_deduction.amount * Decimal("0.9")
        subsidy = min(
            (result.extra_deduction.amount * Decimal("0.1")).quantize(Decimal("0.01"), ROUND_HALF_UP),
            Decimal("2000000"),
        )
        assert award.amount == subsidy
        assert dt.date(2023, 1, 1) <= award.awarded_on <= dt.date(2023, 6, 30)
        independent += subsidy
    assert independent == Decimal("7750000.00")


def test_demo_skips_absent_enterprises(golmud):
    golmud.enterprises.filter(name__contains="金昆仑").update(name="格尔木其他企业有限公司")
    demo.load()
    # Without 金昆仑 (5,500,000 × 100% × 10% = 550,000): 7,750,000 − 550,000.
    h1_2023 = SubsidyAward.objects.filter(rule__tax_year=2022)
    assert h1_2023.count() == 6
    assert h1_2023.aggregate(s=Sum("amount"))["s"] == Decimal("7200000.00")


@pytest.mark.parametrize("today, awarded", [(dt.date(2026, 12, 5), True), (dt.date(2028, 3, 15), False)])
def test_ledgers_go_on_to_the_last_complete_year(golmud, today, awarded):
    with freeze_time(today):
        enterprise_demo.load()
        demo.load()
        demo.load()
    year = today.year - 1
    runs = DeductionRun.objects.filter(year=year)
    assert runs.count() == len(demo.RECENT)
    for run in runs.select_related("enterprise"):
        # The ledger totals the R&D expense the registry holds for the year (to the cent of the split).
        ledger = LedgerLine.objects.filter(enterprise=run.enterprise, date__year=year).aggregate(
            s=Sum("amount")
        )
        registry = AnnualData.objects.get(enterprise=run.enterprise, year=year).rd_expense
        assert abs(ledger["s"] - registry) < Decimal("1.00")
        assert run.inputs_hash == services.inputs_hash(services.deduction_input(run.enterprise, year))
    awards = SubsidyAward.objects.filter(rule__tax_year=year)
    # The subsidy for the year is awarded on 16 June of the next: not yet on 15 March.
    assert awards.count() == (len(demo.RECENT) if awarded else 0)
    assert all(a.awarded_on == dt.date(today.year, 6, 16) for a in awards)
