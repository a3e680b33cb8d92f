"""The 一企一档 timeline dates an expiry by the certificate's last valid day, as the 保存量日历 and the
recognitions list do; a revocation stays on the day it took effect."""

import datetime as dt

from freezegun import freeze_time

from innoladder.recognitions import choices as c

from .factories import RecognitionFactory


@freeze_time("2026-12-07 10:00")
def test_the_timeline_dates_an_expiry_by_its_last_valid_day(client, cast):
    RecognitionFactory(
        enterprise=cast.ent_a,
        scheme=c.Scheme.QH_TECH_ENTERPRISE,
        level=c.RecognitionLevel.PROVINCIAL,
        number="QHKJ2023-0101",
        issued_on=dt.date(2023, 10, 20),
        valid_until=dt.date(2025, 12, 31),
    )
    client.force_login(cast.officer)
    html = client.get(f"/enterprises/{cast.ent_a.pk}/timeline/").content.decode()
    assert "青海省科技型企业到期" in html
    assert "2025-12-31" in html and "2026-01-01" not in html
