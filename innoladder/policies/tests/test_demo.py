import datetime as dt

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
    assert Policy.objects.filter(park=park, is_demo=True).count() == 4
    assert Policy.objects.get(title="企业研发投入后补助实施细则").conditions.count() == 2
