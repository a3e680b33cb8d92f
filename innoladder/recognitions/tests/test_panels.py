import datetime as dt

from django.utils import timezone
from freezegun import freeze_time

from innoladder.core import enterprise_page
from innoladder.core.home import home_context
from innoladder.core.notifications import notify
from innoladder.core.testing.access import request_as
from innoladder.recognitions import choices as c
from innoladder.recognitions import services

from .factories import BatchFactory, RecognitionFactory


def test_enterprise_panel_and_timeline(cast):
    today = timezone.localdate()
    RecognitionFactory(
        enterprise=cast.ent_a,
        number="GR-A-1",
        issued_on=today - dt.timedelta(days=400),
        valid_until=today + dt.timedelta(days=60),
    )
    RecognitionFactory(enterprise=cast.ent_b, number="GR-B-1", valid_until=today + dt.timedelta(days=60))
    batch = BatchFactory(park=cast.park, name="测试批次甲")
    app = services.application_create(user=cast.officer, enterprise=cast.ent_a, batch=batch)
    services.application_transition(
        user=cast.officer, application=app, to_status=c.ApplicationStatus.PREPARING
    )

    panels = [
        p
        for p in enterprise_page.panels(request_as(cast.user_a), cast.ent_a)
        if p.title == "资质认定与保存量"
    ]
    html = panels[0].html
    assert "GR-A-1" in html and "GR-B-1" not in html
    assert "即将到期" in html  # 60 days left, within the 180-day window
    assert "测试批次甲" in html and "材料准备" in html
    assert "高新技术企业证书到期" in html  # the expiry obligation within the next year

    titles = [e.title for e in enterprise_page.events(request_as(cast.user_a), cast.ent_a)]
    assert "获得高新技术企业认定（GR-A-1）" in titles
    assert "测试批次甲：材料准备" in titles and "测试批次甲：意向" in titles


@freeze_time("2026-11-25")
def test_home_panels_show_unread_and_next_deadlines(cast):
    today = timezone.localdate()
    ends = today + dt.timedelta(days=10)
    RecognitionFactory(
        enterprise=cast.ent_a, number="GR-A-2", issued_on=ends - dt.timedelta(days=3 * 365), valid_until=ends
    )
    # Issued 2023-12-06, ends 2026-12-05: its annual reports (due 31 May 2024–2026) and the re-recognition
    # window (2026-01-01) are past, so the expiry is the only deadline in the next 90 days.
    expected = 1
    notify(cast.user_a, key="x:1", title="提醒一", email=False)
    notify(cast.user_a, key="x:2", title="提醒二", email=False)
    panels = {p["title"]: p for p in home_context(cast.user_a)["panels"]}
    assert panels["未读通知"]["value"] == 2
    assert panels["近期到期事项（90天内）"]["value"] == expected
    assert "高新技术企业证书到期" in panels["近期到期事项（90天内）"]["text"]
    other = {p["title"]: p for p in home_context(cast.user_b)["panels"]}
    assert other["近期到期事项（90天内）"]["value"] == 0 and other["未读通知"]["value"] == 0
