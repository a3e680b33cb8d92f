"""The Golmud demo loaded on 7 December 2026 and the report of the second half of 2026 written that day: the
next steps name the 青海省科技型企业 certificates ending on 31 December, and count the requests overdue today
as the requests list does (not those due between today and the end of the period)."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from freezegun import freeze_time

from innoladder.reports.providers import requirement_met

TODAY = "2026-12-07 02:00:00"  # 10:00 in Xining
H2_2026 = (dt.date(2026, 7, 1), dt.date(2026, 12, 31))

pytestmark = pytest.mark.skipif(
    not all(requirement_met(m) for m in ("recognitions.Recognition", "services.EnterpriseRequest")),
    reason="模块尚未合并",
)


def due_tomorrow(park) -> None:
    """An open request of the park due tomorrow, before the end of the period: not overdue today."""
    from innoladder.services.models import EnterpriseRequest, RequestCategory

    EnterpriseRequest.objects.create(
        enterprise=park.enterprises.order_by("pk").first(),
        category=RequestCategory.objects.order_by("pk").first(),
        title="协调厂区道路维修",
        raised_on=dt.date(2026, 12, 1),
        due_on=dt.date(2026, 12, 8),
        status="pending",
    )


@pytest.fixture(scope="module")
def december(django_db_setup, django_db_blocker):
    """The demo loaded and the report composed on `TODAY`, as the demo officer; rolled back afterwards."""
    from innoladder.accounts.models import User
    from innoladder.enterprises.models import Park
    from innoladder.reports.services import compose

    with freeze_time(TODAY), django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        park = Park.objects.get(name="格尔木工业园")
        officer = User.objects.get(username="officer")
        due_tomorrow(park)
        composed = compose(user=officer, park=park, start=H2_2026[0], end=H2_2026[1])
        yield {"park": park, "officer": officer, "facts": {f.key: f for f in composed.facts}}
        transaction.set_rollback(True)


def test_next_steps_name_the_provincial_certificates_ending_on_31_december(december, db):
    from innoladder.recognitions.models import Recognition

    fact = december["facts"]["next_steps.expiring.qh_tech_enterprise"]
    ending = Recognition.objects.filter(
        enterprise__park=december["park"],
        scheme="qh_tech_enterprise",
        valid_until=H2_2026[1],
        renewed_by__isnull=True,
    )
    assert ending.count() >= 3
    assert set(fact.row_ids) >= set(ending.values_list("pk", flat=True))
    for name in ("地沣肥业", "昆仑新能源", "盐湖环保"):
        assert name in fact.sentence


def test_next_steps_count_the_requests_overdue_today(december, db):
    from innoladder.services import selectors

    with freeze_time(TODAY):
        today = dt.date(2026, 12, 7)
        listed = selectors.overdue_requests(
            selectors.request_list(december["officer"]).filter(enterprise__park=december["park"]), today
        )
        fact = december["facts"]["next_steps.overdue_requests"]
    assert fact.count == listed.count() > 0
    assert set(fact.row_ids) == set(listed.values_list("pk", flat=True))
