"""The Golmud demo: 2022 ledgers collected and exactly 775万元 of subsidies secured in H1 2023."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db.models import Sum

from innoladder.core.testing.factories import EnterpriseFactory, UserFactory
from innoladder.eligibility.superdeduction import compute_deduction
from innoladder.enterprises import demo as enterprise_demo
from innoladder.enterprises.models import Park
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
    assert DeductionRun.objects.count() == 7
    total = selectors.subsidy_total(officer, golmud, dt.date(2023, 1, 1), dt.date(2023, 6, 30))
    assert total == Decimal("7750000.00")
    # Independently: rebuild each input from the stored lines, run the engine, 10% capped at 200万.
    independent = Decimal(0)
    for award in SubsidyAward.objects.select_related("enterprise"):
        result = compute_deduction(services.deduction_input(award.enterprise, 2022))
        ledger = LedgerLine.objects.filter(enterprise=award.enterprise).aggregate(s=Sum("amount"))["s"]
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
    assert SubsidyAward.objects.count() == 6
    assert SubsidyAward.objects.aggregate(s=Sum("amount"))["s"] == Decimal("7200000.00")
