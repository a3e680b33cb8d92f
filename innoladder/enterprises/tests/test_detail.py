"""The 一企一档 page: annual table with year-over-year change, IP classes, awards and the timeline."""

import datetime as dt
from decimal import Decimal

from innoladder.core.testing.factories import AnnualDataFactory, IPRecordFactory
from innoladder.enterprises.models import Award
from innoladder.enterprises.selectors import yoy_change


def test_year_over_year_change():
    assert yoy_change(Decimal("1100"), Decimal("1000")) == Decimal("0.1")
    assert yoy_change(90, 120) == Decimal("-0.25")
    assert yoy_change(5, 0) is None and yoy_change(None, 5) is None


def test_detail_page_sections_and_timeline(client, cast):
    AnnualDataFactory(enterprise=cast.ent_a, year=2023, operating_revenue=Decimal("20000000"))
    AnnualDataFactory(enterprise=cast.ent_a, year=2024, operating_revenue=Decimal("25000000"))
    IPRecordFactory(
        enterprise=cast.ent_a, kind="invention_patent", title="一种提锂方法", granted_on=dt.date(2022, 5, 6)
    )
    IPRecordFactory(enterprise=cast.ent_a, kind="software_copyright", number="2023SR1", title="监控系统")
    Award.objects.create(enterprise=cast.ent_a, name="国际镁科学技术奖", level="international", year=2022)
    client.force_login(cast.user_a)
    response = client.get(f"/enterprises/{cast.ent_a.pk}/")
    body = response.content.decode()
    assert "2,500.00" in body and "+25.0%" in body  # 2500万元, up 25% on 2000万元
    assert "Ⅰ类 1 件，Ⅱ类 1 件" in body
    timeline = client.get(f"/enterprises/{cast.ent_a.pk}/timeline/")
    events = [(e.on, e.kind) for e in timeline.context["events"]]
    assert (dt.date(2022, 5, 6), "知识产权") in events
    assert (dt.date(2022, 12, 31), "获奖") in events
    assert (dt.date(2015, 3, 1), "企业档案") in events  # registration date from the factory
    assert events == sorted(events, key=lambda e: e[0], reverse=True)
    # Enterprise users may edit but not delete child records.
    assert "编辑" in body and "/delete/" not in body
