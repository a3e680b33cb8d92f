import datetime as dt

import pytest
from freezegun import freeze_time

from innoladder.core.testing.factories import EnterpriseFactory, ParkFactory, UserFactory
from innoladder.recognitions import choices as c
from innoladder.recognitions import demo
from innoladder.recognitions.demo.h1_2023 import HNTE
from innoladder.recognitions.models import Application, ApplicationTransition, Batch, Recognition

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


def status_at_end_of_h1(application) -> str:
    """The application's status on 30 June 2023, from its history (later steps came after the half year)."""
    return application.transitions.filter(on__lte=H1[1]).order_by("on", "pk").last().to_status


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
    assert {status_at_end_of_h1(a) for a in renewals} == {c.ApplicationStatus.PREPARING}
    assert all(
        H1[0] <= a.started_on <= H1[1] and a.renews.valid_until == dt.date(2023, 12, 31) for a in renewals
    )
    assert renewals.filter(enterprise__name__contains="柏丽姿日化").exists()

    new_qh = Application.objects.filter(kind="new", batch__scheme=c.Scheme.QH_TECH_ENTERPRISE)
    assert {a.enterprise.name for a in new_qh} == {NAMES["维祥科技"], NAMES["盛隆塑编"]}
    assert {status_at_end_of_h1(a) for a in new_qh} == {c.ApplicationStatus.PREPARING}

    lanke = Application.objects.get(enterprise__name=NAMES["蓝科锂业"], batch__scheme=c.Scheme.LITTLE_GIANT)
    assert status_at_end_of_h1(lanke) == c.ApplicationStatus.SUBMITTED
    assert lanke.transitions.get(to_status="submitted").on <= H1[1]

    qidi = Recognition.objects.get(
        enterprise__name=NAMES["启迪清源新材料"], scheme=c.Scheme.QH_TECH_LITTLE_GIANT, renews__isnull=True
    )
    difeng = Recognition.objects.get(enterprise__name=NAMES["地沣肥业"], scheme=c.Scheme.TSME)
    assert H1[0] <= qidi.issued_on <= H1[1] and H1[0] <= difeng.issued_on <= H1[1]
    assert "第二批" in difeng.batch.name and difeng.level == "national"

    recorded = Recognition.objects.filter(scheme=c.Scheme.HNTE, number__in=[n for _, _, n, _, _ in HNTE])
    assert {r.enterprise.name for r in recorded} == {
        NAMES[n] for n in ("盐湖股份", "盐湖镁业", "藏格锂业", "蓝科锂业")
    }
    assert recorded.filter(renews__isnull=False).count() == 1
    assert all(r.is_demo for r in Recognition.objects.all())


def test_demo_without_the_park_does_nothing(db):
    demo.load()
    assert not Batch.objects.exists()


@pytest.mark.parametrize("today", [dt.date(2026, 12, 5), dt.date(2028, 3, 15)])
def test_what_followed_the_half_year_is_dated_from_the_load_date(golmud, today):
    for short in ("东台锂资源", "中信国安锂业", "三元钾肥", "金昆仑"):
        EnterpriseFactory(park=golmud, name=f"青海{short}有限公司")
    with freeze_time(today):
        demo.load()
        demo.load()
    assert Recognition.objects.count() == len(
        set(Recognition.objects.values_list("enterprise", "scheme", "number"))
    )
    assert not Recognition.objects.filter(issued_on__gt=today).exists()
    assert not ApplicationTransition.objects.filter(on__gt=today).exists()
    # Certificates of every kind of standing on the load date: mid-term, expiring within 90 days, lapsed.
    hnte = Recognition.objects.filter(scheme=c.Scheme.HNTE)
    days_left = {r.enterprise.name: (r.valid_until - today).days for r in hnte if not r.renewed_by.exists()}
    assert 0 <= days_left["青海东台锂资源有限公司"] <= 90 and 0 <= days_left["青海中信国安锂业有限公司"] <= 90
    assert days_left["青海三元钾肥有限公司"] > 180 and days_left["青海金昆仑有限公司"] < 0
    # The recorded 高企 are re-recognised on schedule: each successor issued the day its predecessor expires.
    salt_lake = hnte.filter(enterprise__name=NAMES["盐湖股份"]).order_by("issued_on")
    assert all(
        b.renews == a and b.issued_on == a.valid_until for a, b in zip(salt_lake, salt_lake[1:], strict=False)
    )
    assert salt_lake.last().valid_until >= today
    # An expiring 高企 has its re-recognition in preparation.
    renewal = Application.objects.get(renews__enterprise__name="青海东台锂资源有限公司")
    assert renewal.kind == c.ApplicationKind.RENEWAL and renewal.status == c.ApplicationStatus.PREPARING
    # The 2023 applications were decided after the half year.
    passed = Application.objects.filter(batch__scheme=c.Scheme.QH_TECH_ENTERPRISE, status="passed")
    assert passed.count() == 5 and all(
        a.decided_on == dt.date(2023, 10, 20) and a.recognition for a in passed
    )
    assert Application.objects.get(batch__scheme=c.Scheme.LITTLE_GIANT).status == c.ApplicationStatus.REJECTED
    # This year's 高企 batch exists and its applications are as far as the date allows.
    batch = Batch.objects.get(name=f"{today.year}年度高新技术企业认定（第一批）")
    assert batch.applications.filter(enterprise__name=NAMES["藏格锂业"]).exists()
