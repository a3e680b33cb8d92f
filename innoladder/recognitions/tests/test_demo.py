import datetime as dt

import pytest

from innoladder.core.testing.factories import EnterpriseFactory, ParkFactory, UserFactory
from innoladder.recognitions import choices as c
from innoladder.recognitions import demo
from innoladder.recognitions.models import Application, Batch, Recognition

H1 = (dt.date(2023, 1, 1), dt.date(2023, 6, 30))
NAMES = {
    "西豫有色": "青海西豫有色金属有限公司",
    "兰河塑业": "格尔木兰河塑业有限公司",
    "藏格锂业": "格尔木藏格锂业有限公司",
    "昆仑新能源": "格尔木昆仑新能源科技有限公司",
    "锂源电池材料": "格尔木锂源电池材料有限公司",
    "镁合金压铸": "格尔木镁合金压铸有限公司",
    "青盐智能装备": "格尔木青盐智能装备有限公司",
    "晶诚光伏": "格尔木晶诚光伏材料有限公司",
    "柏丽姿日化": "格尔木柏丽姿日化有限公司",
    "海珠镁业": "格尔木海珠镁业有限公司",
    "检验检测中心": "格尔木盐湖检验检测中心有限公司",
    "维祥科技": "格尔木维祥科技有限公司",
    "盛隆塑编": "格尔木盛隆塑编有限公司",
    "蓝科锂业": "青海蓝科锂业股份有限公司",
    "启迪清源新材料": "青海启迪清源新材料有限公司",
    "地沣肥业": "格尔木地沣肥业有限公司",
    "盐湖股份": "青海盐湖股份有限公司",
    "盐湖镁业": "青海盐湖镁业有限公司",
}


@pytest.fixture
def golmud(db):
    park = ParkFactory(name="格尔木工业园")
    officer = UserFactory(username="demo_officer")
    officer.parks.add(park)
    for full in NAMES.values():
        EnterpriseFactory(park=park, name=full)
    return park


def test_demo_reproduces_the_golmud_first_half_and_is_idempotent(golmud):
    demo.load()
    demo.load()
    batch = Batch.objects.get(name="2023年青海省第一批创新型中小企业")
    recs = Recognition.objects.filter(batch=batch)
    # 金昆仑 is not loaded here, so 8 of the 9 appear; the loader skips it quietly.
    assert recs.count() == 8
    assert all(H1[0] <= r.issued_on <= H1[1] for r in recs)
    assert Application.objects.filter(batch=batch, status=c.ApplicationStatus.PASSED).count() == 8

    renewals = Application.objects.filter(
        kind=c.ApplicationKind.RENEWAL, batch__scheme=c.Scheme.QH_TECH_ENTERPRISE
    )
    assert renewals.count() == 3
    assert {a.status for a in renewals} == {c.ApplicationStatus.PREPARING}
    assert all(
        H1[0] <= a.started_on <= H1[1] and a.renews.valid_until == dt.date(2023, 12, 31) for a in renewals
    )
    assert renewals.filter(enterprise__name__contains="柏丽姿日化").exists()

    new_qh = Application.objects.filter(kind="new", batch__scheme=c.Scheme.QH_TECH_ENTERPRISE)
    assert {a.enterprise.name for a in new_qh} == {NAMES["维祥科技"], NAMES["盛隆塑编"]}
    assert {a.status for a in new_qh} == {c.ApplicationStatus.PREPARING}

    lanke = Application.objects.get(enterprise__name=NAMES["蓝科锂业"], batch__scheme=c.Scheme.LITTLE_GIANT)
    assert lanke.status == c.ApplicationStatus.SUBMITTED
    assert lanke.transitions.get(to_status="submitted").on <= H1[1]

    qidi = Recognition.objects.get(
        enterprise__name=NAMES["启迪清源新材料"], scheme=c.Scheme.QH_TECH_LITTLE_GIANT
    )
    difeng = Recognition.objects.get(enterprise__name=NAMES["地沣肥业"], scheme=c.Scheme.TSME)
    assert H1[0] <= qidi.issued_on <= H1[1] and H1[0] <= difeng.issued_on <= H1[1]
    assert "第二批" in difeng.batch.name and difeng.level == "national"

    hnte = Recognition.objects.filter(scheme=c.Scheme.HNTE)
    assert {r.enterprise.name for r in hnte} == {
        NAMES[n] for n in ("盐湖股份", "盐湖镁业", "藏格锂业", "蓝科锂业")
    }
    assert hnte.filter(renews__isnull=False).count() == 1
    assert all(r.is_demo for r in Recognition.objects.all())


def test_demo_without_the_park_does_nothing(db):
    demo.load()
    assert not Batch.objects.exists()
