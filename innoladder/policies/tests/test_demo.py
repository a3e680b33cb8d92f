import datetime as dt

import pytest
from django.db.models import Q
from freezegun import freeze_time

from innoladder.core.testing.factories import EnterpriseFactory, ParkFactory
from innoladder.policies import demo, selectors
from innoladder.policies.models import Policy


def test_demo_campaign_reaches_the_park_and_trainings_enrol_named_enterprises(cast):
    park = ParkFactory(name="格尔木工业园")
    EnterpriseFactory(park=park, name="青海西豫有色金属有限公司")
    EnterpriseFactory(park=park, name="青海盐湖工业股份有限公司")
    demo.load()
    demo.load()
    h1 = (dt.date(2023, 1, 1), dt.date(2023, 6, 30))
    [campaign] = selectors.campaigns_in_period(cast.admin, park, *h1)
    assert campaign.title == "助企暖企春风行动" and campaign.enterprise_count == park.enterprises.count()
    counts = {t.title: t.enterprise_count for t in selectors.trainings_in_period(cast.admin, park, *h1)}
    assert counts == {"省优秀青年企业家高级研修班": 1, "省专精特新企业高级管理专题培训班": 1}
    assert Policy.objects.filter(park=park, is_demo=True, issued_on__lte=dt.date(2025, 6, 18)).count() == 4
    assert Policy.objects.get(title="企业研发投入后补助实施细则").conditions.count() == 2


@pytest.mark.parametrize("today", [dt.date(2026, 12, 5), dt.date(2028, 3, 15), dt.date(2031, 7, 1)])
def test_policies_whose_term_ended_are_reissued_up_to_the_load_date(cast, today):
    ParkFactory(name="格尔木工业园")
    with freeze_time(today):
        demo.load()
        demo.load()
    in_force = Policy.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today), valid_from__lte=today
    )
    assert in_force.count() == 4  # one edition of each policy
    award = in_force.get(title__startswith="格尔木市高新技术企业认定奖励办法")
    assert (
        award.title.endswith("年修订）") and award.document_number == f"格政〔{award.valid_from.year}〕18号"
    )
    editions = Policy.objects.filter(title__startswith="企业研发投入后补助实施细则").order_by("valid_from")
    assert all(
        b.valid_from == a.valid_until + dt.timedelta(days=1)
        for a, b in zip(editions, editions[1:], strict=False)
    )
    assert all(e.conditions.count() == 2 for e in editions)
    assert not Policy.objects.filter(issued_on__gt=today).exists()
