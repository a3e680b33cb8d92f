"""The database status filter agrees with the Python status for every recognition."""

import datetime as dt

import pytest

from innoladder.recognitions import choices as c
from innoladder.recognitions.models import Recognition
from innoladder.recognitions.selectors import status_q

from .factories import RecognitionFactory

D = dt.date
TODAY = D(2026, 1, 1)


@pytest.mark.django_db
def test_status_q_matches_python_status():
    expected = {
        RecognitionFactory(valid_until=D(2026, 12, 31)).pk: c.RecognitionStatus.VALID,  # 364 days left
        RecognitionFactory(valid_until=D(2026, 6, 30)).pk: c.RecognitionStatus.EXPIRING,  # 180 days left
        RecognitionFactory(valid_until=D(2026, 7, 1)).pk: c.RecognitionStatus.VALID,  # 181 days left
        RecognitionFactory(valid_until=D(2026, 1, 1)).pk: c.RecognitionStatus.EXPIRING,
        RecognitionFactory(valid_until=D(2025, 12, 31)).pk: c.RecognitionStatus.EXPIRED,
        RecognitionFactory(
            valid_until=D(2027, 1, 1), revoked_on=D(2025, 5, 1)
        ).pk: c.RecognitionStatus.REVOKED,
        RecognitionFactory(
            valid_until=D(2027, 1, 1), cancelled_on=D(2026, 1, 1)
        ).pk: c.RecognitionStatus.CANCELLED,
        RecognitionFactory(
            valid_until=D(2027, 1, 1), cancelled_on=D(2026, 1, 2)
        ).pk: c.RecognitionStatus.VALID,
        # 科技型中小企业 has a 90-day window: 91 days left is still plain valid.
        RecognitionFactory(scheme=c.Scheme.TSME, valid_until=D(2026, 4, 2)).pk: c.RecognitionStatus.VALID,
        RecognitionFactory(scheme=c.Scheme.TSME, valid_until=D(2026, 4, 1)).pk: c.RecognitionStatus.EXPIRING,
    }
    for rec in Recognition.objects.all():
        assert rec.status_on(TODAY) == expected[rec.pk]
    for status in c.RecognitionStatus.values:
        got = set(Recognition.objects.filter(status_q(status, TODAY)).values_list("pk", flat=True))
        assert got == {pk for pk, s in expected.items() if s == status}, status
