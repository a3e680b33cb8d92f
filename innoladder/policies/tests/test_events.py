import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from innoladder.core.models import AuditEntry
from innoladder.core.testing.access import EVERYONE, OK, assert_access
from innoladder.core.testing.factories import EnterpriseFactory
from innoladder.policies import selectors, services
from innoladder.policies.models import TrainingAttendee
from innoladder.policies.tests.helpers import enrol, reach, spring_campaign, training_event

PARK_READERS = {"admin": OK, "officer": OK, "agency": OK, "user_a": OK, "user_b": OK, "auditor": OK}
STAFF = {"admin": OK, "officer": OK}


@pytest.fixture
def spring(cast):
    campaign = spring_campaign(cast)
    reach(cast, campaign, cast.ent_a, dt.date(2023, 3, 2))
    reach(cast, campaign, cast.ent_b, dt.date(2023, 6, 30), "online")
    return campaign


@pytest.fixture
def training(cast):
    event = training_event(cast)
    enrol(cast, event, cast.ent_a, ("张三", "总经理"))
    enrol(cast, event, cast.ent_b, ("李四", "副总"), ("王五", "技术总监"))
    return event


def test_campaigns_in_period_count_enterprises_reached_in_the_period(cast, spring):
    outside = spring_campaign(cast, "往年活动", dt.date(2022, 3, 1), dt.date(2022, 12, 31))
    [row] = selectors.campaigns_in_period(cast.officer, cast.park, dt.date(2023, 1, 1), dt.date(2023, 6, 29))
    assert row == spring and row.enterprise_count == 1  # the 6-30 reach is just outside
    [row] = selectors.campaigns_in_period(cast.officer, cast.park, dt.date(2023, 1, 1), dt.date(2023, 6, 30))
    assert row.enterprise_count == 2
    assert outside not in selectors.campaigns_in_period(
        cast.officer, cast.park, dt.date(2023, 1, 1), dt.date(2023, 6, 30)
    )
    [row] = selectors.campaigns_in_period(cast.user_a, cast.park, dt.date(2023, 1, 1), dt.date(2023, 6, 30))
    assert row.enterprise_count == 1  # user_a counts only what they may see


def test_trainings_in_period_by_start_date_with_counts(cast, training):
    assert not selectors.trainings_in_period(
        cast.officer, cast.park, dt.date(2023, 1, 1), dt.date(2023, 6, 29)
    )
    [row] = selectors.trainings_in_period(
        cast.officer, cast.park, dt.date(2023, 6, 30), dt.date(2023, 12, 31)
    )
    assert (row.enterprise_count, row.attendee_count) == (2, 3)
    assert not selectors.trainings_in_period(
        cast.officer, cast.park, dt.date(2023, 7, 1), dt.date(2023, 12, 31)
    )


def test_enrolling_again_adds_attendees_to_the_same_enrolment(cast, training):
    services.training_enrol(
        user=cast.officer, event=training, enterprise=cast.ent_a, attendees=[("赵六", "工程师")]
    )
    assert training.enrolments.count() == 2
    assert TrainingAttendee.objects.filter(enrolment__enterprise=cast.ent_a).count() == 2


def test_other_park_enterprise_cannot_be_reached(cast, spring):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        reach(cast, spring, cast.ent_other_park, dt.date(2023, 3, 5))


def test_event_pages_are_scoped_and_show_only_visible_enterprises(client, cast, spring, training):
    assert_access(client, cast, f"/policies/campaigns/{spring.pk}/", PARK_READERS)
    assert_access(client, cast, f"/policies/trainings/{training.pk}/", PARK_READERS)
    assert_access(client, cast, f"/policies/campaigns/{spring.pk}/edit/", STAFF)
    assert_access(client, cast, f"/policies/trainings/{training.pk}/edit/", STAFF)
    assert_access(client, cast, "/policies/events/campaigns/export/", EVERYONE)
    assert_access(client, cast, "/policies/events/trainings/export/", EVERYONE)
    client.force_login(cast.user_a)
    body = client.get(f"/policies/trainings/{training.pk}/").content.decode()
    assert "张三" in body and "李四" not in body
    sheet = load_workbook(io.BytesIO(client.get("/policies/events/trainings/export/").content)).active
    assert [r[5] for r in sheet.iter_rows(min_row=2, values_only=True)] == [1]


def test_staff_add_and_remove_reaches_with_audit(client, cast, spring):
    client.force_login(cast.user_a)
    url = f"/policies/campaigns/{spring.pk}/reaches/"
    data = {"enterprise": cast.ent_a.pk, "reached_on": "2023-04-01", "channel": "phone"}
    assert client.post(url, data).status_code == 404
    client.force_login(cast.officer)
    client.post(url, data)
    assert spring.reaches.count() == 3
    reach = spring.reaches.get(reached_on=dt.date(2023, 4, 1))
    client.post(f"/policies/campaigns/{spring.pk}/reaches/{reach.pk}/remove/")
    assert spring.reaches.count() == 2
    assert AuditEntry.objects.filter(object_type="policies.CampaignReach", event_type="delete").count() == 1


def test_event_list_queries_stay_flat(client, cast, spring, django_assert_max_num_queries):
    for _i in range(20):
        reach(cast, spring, EnterpriseFactory(park=cast.park), dt.date(2023, 4, 1))
    client.force_login(cast.officer)
    with django_assert_max_num_queries(10):
        assert client.get("/policies/events/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(f"/policies/campaigns/{spring.pk}/").status_code == 200
