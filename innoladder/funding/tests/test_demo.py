import datetime as dt
from decimal import Decimal

from innoladder.core.testing.factories import EnterpriseFactory, ParkFactory
from innoladder.funding import demo, selectors
from innoladder.funding.models import FundApplication, VoucherUse


def test_demo_loads_h1_2023_applications_for_present_enterprises_and_is_idempotent(cast):
    park = ParkFactory(name="格尔木工业园")
    EnterpriseFactory(park=park, name="青海香江盐湖化工有限公司")
    demo.load()
    demo.load()
    apps = FundApplication.objects.filter(enterprise__name__contains="香江盐湖")
    assert sorted(a.programme.kind for a in apps) == ["factor", "transformation", "voucher"]
    assert all(a.is_demo for a in apps)
    assert FundApplication.objects.count() == 3  # the other enterprises are absent and skipped
    h1 = selectors.fund_applications_in_period(cast.admin, park, dt.date(2023, 1, 1), dt.date(2023, 6, 30))
    assert h1.count() == 3
    # 62,000 × 80% + 45,000 × 100% = 94,600 of the 200,000 高企 quota
    assert sum(u.amount for u in VoucherUse.objects.all()) == Decimal("94600")
