import datetime as dt
from decimal import Decimal

import pytest
from freezegun import freeze_time

from innoladder.core.testing.factories import EnterpriseFactory, ParkFactory
from innoladder.funding import demo, selectors
from innoladder.funding.models import FundApplication, VoucherUse


def test_demo_loads_h1_2023_applications_for_present_enterprises_and_is_idempotent(cast):
    park = ParkFactory(name="格尔木工业园")
    EnterpriseFactory(park=park, name="青海香江盐湖化工有限公司")
    demo.load()
    demo.load()
    apps = FundApplication.objects.filter(enterprise__name__contains="香江盐湖", programme__year=2023)
    assert sorted(a.programme.kind for a in apps) == ["factor", "transformation", "voucher"]
    assert all(a.is_demo for a in FundApplication.objects.all())
    # The other enterprises are absent and skipped.
    assert FundApplication.objects.filter(programme__year=2023).count() == 3
    h1 = selectors.fund_applications_in_period(cast.admin, park, dt.date(2023, 1, 1), dt.date(2023, 6, 30))
    assert h1.count() == 3
    # 62,000 × 80% + 45,000 × 100% = 94,600 of the 200,000 高企 quota
    assert sum(u.amount for u in VoucherUse.objects.all()) == Decimal("94600")


@pytest.mark.parametrize(
    "today, expected",
    [
        # Last year's application paid; this year's decided, not paid yet.
        (
            dt.date(2026, 8, 1),
            {2025: ("paid", "738000", dt.date(2025, 9, 20)), 2026: ("approved", "738000", None)},
        ),
        # Last year's paid; this year's only applied for.
        (
            dt.date(2028, 3, 15),
            {2027: ("paid", "738000", dt.date(2027, 9, 20)), 2028: ("applied", None, None)},
        ),
    ],
)
def test_programmes_run_every_year_up_to_the_load_date(cast, today, expected):
    park = ParkFactory(name="格尔木工业园")
    EnterpriseFactory(park=park, name="青海香江盐湖化工有限公司")
    with freeze_time(today):
        demo.load()
        demo.load()
    for year, (status, approved, paid_on) in expected.items():
        app = FundApplication.objects.get(title=f"{year}年度用电成本补助")
        assert (app.status, app.paid_on) == (status, paid_on)
        assert app.approved_amount == (Decimal(approved) if approved else None)
        assert (
            list(app.history.values_list("to_status", flat=True))
            == [
                "applied",
                "accepted",
                "approved",
                "paid",
            ][: ["applied", "accepted", "approved", "paid"].index(status) + 1]
        )
    assert not FundApplication.objects.filter(applied_on__gt=today).exists()
    # A later load takes the steps that fell due since.
    with freeze_time(dt.date(today.year, 12, 1)):
        demo.load()
    assert FundApplication.objects.get(title=f"{today.year}年度用电成本补助").status == "paid"
