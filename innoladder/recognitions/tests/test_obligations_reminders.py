import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from innoladder.accounts.choices import Role
from innoladder.core.models import Notification
from innoladder.core.testing.factories import UserFactory
from innoladder.recognitions import choices as c
from innoladder.recognitions import obligations
from innoladder.recognitions.models import AnnualReport, ChangeEvent
from innoladder.recognitions.reminders import send_reminders

from .factories import BatchFactory, RecognitionFactory

D = dt.date


def _keys(user, start, end, today):
    return {(i.key.split(":")[0], i.due_on) for i in obligations.items(user, start, end, today)}


def test_hnte_items_expiry_window_and_annual_reports(cast):
    rec = RecognitionFactory(enterprise=cast.ent_a, issued_on=D(2023, 12, 1), valid_until=D(2026, 11, 30))
    AnnualReport.objects.create(recognition=rec, year=2023, submitted_on=D(2024, 5, 20))
    got = _keys(cast.officer, D(2024, 1, 1), D(2027, 12, 31), D(2024, 1, 1))
    assert got == {
        ("hnte-expiry", D(2026, 11, 30)),
        ("hnte-rerecognition", D(2026, 1, 1)),
        ("hnte-annual-report", D(2025, 5, 31)),  # 2024 report
        ("hnte-annual-report", D(2026, 5, 31)),  # 2025 report; the 2023 one was submitted
    }


def test_two_missed_annual_reports_flag_cancellation_risk(cast):
    RecognitionFactory(enterprise=cast.ent_a, issued_on=D(2023, 12, 1), valid_until=D(2026, 11, 30))
    one_missed = obligations.items(cast.officer, D(2024, 1, 1), D(2027, 1, 1), D(2024, 6, 1))
    assert all("取消资格风险" not in i.note for i in one_missed)
    two_missed = obligations.items(cast.officer, D(2024, 1, 1), D(2027, 1, 1), D(2025, 6, 1))
    reports = [i for i in two_missed if i.kind == "hnte_annual_report"]
    assert reports and all("已有2个年度未报" in i.note for i in reports)


def test_renewed_recognition_has_no_expiry_item(cast):
    old = RecognitionFactory(enterprise=cast.ent_a, issued_on=D(2020, 12, 1), valid_until=D(2023, 11, 30))
    RecognitionFactory(
        enterprise=cast.ent_a, renews=old, issued_on=D(2023, 11, 30), valid_until=D(2026, 11, 29)
    )
    keys = {i.key for i in obligations.items(cast.officer, D(2023, 1, 1), D(2023, 12, 31), D(2023, 1, 1))}
    assert f"hnte-expiry:{old.pk}" not in keys


def test_tsme_update_review_change_and_batch_items(cast):
    tsme = RecognitionFactory(
        enterprise=cast.ent_a, scheme=c.Scheme.TSME, issued_on=D(2023, 6, 15), valid_until=D(2023, 12, 31)
    )
    srdi = RecognitionFactory(
        enterprise=cast.ent_b, scheme=c.Scheme.SRDI_SME, issued_on=D(2022, 8, 1), valid_until=D(2025, 7, 31)
    )
    change = ChangeEvent.objects.create(enterprise=cast.ent_a, kind="name", occurred_on=D(2023, 11, 30))
    batch = BatchFactory(
        park=cast.park, closes_on=D(2024, 3, 15), online_deadline=D(2024, 3, 10), opens_on=D(2024, 2, 1)
    )
    items = {
        i.key: i.due_on
        for i in obligations.items(cast.officer, D(2023, 1, 1), D(2025, 12, 31), D(2023, 1, 1))
    }
    assert items[f"tsme-annual-update:{tsme.pk}:2024"] == D(2024, 3, 31)
    assert items[f"review:{srdi.pk}"] == D(2025, 7, 31)
    assert items[f"change-report:{change.pk}"] == D(2024, 2, 29)  # 3 months, clipped to February's end
    assert items[f"batch:{batch.pk}:close"] == D(2024, 3, 15)
    assert items[f"batch:{batch.pk}:online"] == D(2024, 3, 10)


def test_items_are_scoped(cast):
    RecognitionFactory(enterprise=cast.ent_a, valid_until=D(2026, 11, 30))
    RecognitionFactory(enterprise=cast.ent_other_park, valid_until=D(2026, 11, 30))
    window = (D(2026, 1, 1), D(2026, 12, 31), D(2026, 1, 1))
    names = lambda user: {i.enterprise_name for i in obligations.items(user, *window)}  # noqa: E731
    assert names(cast.user_a) == {cast.ent_a.name}
    assert names(cast.user_b) == set()
    assert names(cast.agency) == {cast.ent_a.name}
    assert names(cast.other_officer) == {cast.ent_other_park.name}
    assert names(cast.officer) == {cast.ent_a.name}


@pytest.fixture
def tsme_due(cast):
    """A 科技型中小企业 annual update due 2024-03-31 for enterprise A (its only obligation)."""
    cast.ent_a.assigned_officer = UserFactory(username="liaison", role=Role.OFFICER)
    cast.ent_a.save()
    return RecognitionFactory(
        enterprise=cast.ent_a, scheme=c.Scheme.TSME, issued_on=D(2023, 6, 15), valid_until=D(2023, 12, 31)
    )


@pytest.mark.parametrize(
    "today, threshold",
    [(D(2024, 1, 1), "90"), (D(2024, 3, 1), "30"), (D(2024, 3, 24), "7"), (D(2024, 4, 1), "overdue")],
)
def test_reminder_at_each_threshold_without_duplicates(cast, tsme_due, today, threshold):
    send_reminders(today)
    key = f"tsme-annual-update:{tsme_due.pk}:2024:{threshold}"
    recipients = set(Notification.objects.filter(key=key).values_list("user__username", flat=True))
    # Enterprise A's user, its liaison officer, and the park's officers — nobody else.
    assert recipients == {"user_a", "liaison", "officer"}
    assert Notification.objects.count() == 3
    send_reminders(today)
    assert Notification.objects.count() == 3


def test_too_early_means_no_reminder(cast, tsme_due):
    send_reminders(D(2023, 12, 31))  # 91 days before 2024-03-31
    assert not Notification.objects.exists()


def test_a_whole_season_sends_each_threshold_once(cast, tsme_due):
    day = D(2023, 12, 1)
    while day <= D(2024, 4, 15):
        send_reminders(day)
        day += dt.timedelta(days=1)
    keys = sorted(set(Notification.objects.filter(user__username="user_a").values_list("key", flat=True)))
    base = f"tsme-annual-update:{tsme_due.pk}:2024"
    assert keys == sorted(f"{base}:{t}" for t in ("90", "30", "7", "overdue"))


def test_command_and_email_when_smtp_configured(cast, tsme_due, settings):
    settings.EMAIL_HOST = "smtp.example.org"
    cast.user_a.email = "a@example.org"
    cast.user_a.save()
    call_command("send_reminders", "--today", "2024-03-01")
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    assert "科技型中小企业年度信息更新" in mail.outbox[0].subject
    call_command("send_reminders", "--today", "2024-03-02")
    assert len(mail.outbox) == 1


def test_reminder_job_runs(cast, tsme_due):
    from innoladder.core import jobs
    from innoladder.core.models import Job

    job = Job.objects.create(kind="recognitions_send_reminders", title="提醒", params={"today": "2024-03-01"})
    jobs.run(str(job.pk))
    job.refresh_from_db()
    assert job.status == "succeeded"
    assert job.result["sent"] == 3


def test_officer_runs_reminders_as_a_job(client, cast):
    from innoladder.core.testing.access import assert_access

    assert_access(
        client,
        cast,
        "/recognitions/obligations/reminders/",
        {"admin": 302, "officer": 302, "other_officer": 302},
        method="post",
    )
    client.force_login(cast.officer)
    response = client.post("/recognitions/obligations/reminders/")
    assert response.status_code == 302 and "/jobs/" in response["Location"]


def test_change_report_redirect_stays_on_site(client, cast):
    event = ChangeEvent.objects.create(enterprise=cast.ent_a, kind="name", occurred_on=D(2025, 1, 1))
    client.force_login(cast.user_a)
    response = client.post(f"/recognitions/changes/{event.pk}/reported/", {"next": "https://evil.example/"})
    assert response["Location"] == "/recognitions/"
    event.refresh_from_db()
    assert event.reported_on is not None
    client.force_login(cast.user_b)
    other = ChangeEvent.objects.create(enterprise=cast.ent_a, kind="name", occurred_on=D(2025, 1, 1))
    assert client.post(f"/recognitions/changes/{other.pk}/reported/").status_code == 404


def test_items_for_one_enterprise_leave_out_other_enterprises_and_batches(cast):
    from innoladder.recognitions.tests.factories import BatchFactory, RecognitionFactory

    RecognitionFactory(enterprise=cast.ent_a, valid_until=dt.date(2026, 11, 30))
    RecognitionFactory(enterprise=cast.ent_b, valid_until=dt.date(2026, 11, 30))
    BatchFactory(park=cast.park, closes_on=dt.date(2026, 6, 1))
    start, end, today = dt.date(2026, 1, 1), dt.date(2026, 12, 31), dt.date(2026, 1, 1)
    everything = obligations.items(cast.officer, start, end, today)
    mine = obligations.items(cast.officer, start, end, today, enterprise=cast.ent_a)
    assert {i.enterprise_id for i in everything} == {cast.ent_a.pk, cast.ent_b.pk, None}
    assert mine and {i.enterprise_id for i in mine} == {cast.ent_a.pk}
    assert sorted(i.key for i in mine) == sorted(
        i.key for i in everything if i.enterprise_id == cast.ent_a.pk
    )


def test_calendar_names_every_kind_in_chinese(cast, client):
    """A project milestone reads 项目节点 in the calendar, never its internal kind."""
    from django.utils import timezone

    from innoladder.core.testing.cast import PASSWORD
    from innoladder.projects import services as project_services
    from innoladder.projects.tests.factories import make_project

    today = timezone.localdate()
    project = make_project(cast.officer, cast.ent_a)
    project_services.milestone_create(
        user=cast.officer, project=project, title="中期检查", due_on=today + dt.timedelta(days=20)
    )
    client.login(username=cast.officer.username, password=PASSWORD)
    html = client.get("/recognitions/obligations/").content.decode()
    assert "中期检查" in html
    assert "项目节点" in html
    assert "project_milestone" not in html.replace('value="project_milestone"', "")
