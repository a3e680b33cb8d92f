"""Periodic work: each slot is enqueued once whatever the number of workers, and a missed slot catches up."""

import datetime as dt
import threading
import zoneinfo

import pytest
from django.db import connection
from freezegun import freeze_time

from innoladder.core import jobs, schedule
from innoladder.core.models import Job, JobStatus, PeriodicRun

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
RUNS: list[str] = []


@jobs.register("test_periodic")
def _count(ctx):
    RUNS.append(ctx.job.title)
    return {"message": "已运行"}


@pytest.fixture
def daily():
    """A periodic job due every day at 07:00 (registered for the test only)."""
    RUNS.clear()
    entry = schedule.periodic("test.daily", kind="test_periodic", title="每日测试", at=dt.time(7, 0))
    yield entry
    schedule.PERIODIC.pop("test.daily")


def at(year, month, day, hour, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def due(now) -> list[str]:
    """The slots of the test's daily job a worker ticking at `now` enqueues."""
    return [run.slot for run in schedule.run_due(now=now, names=("test.daily",))]


@pytest.mark.parametrize("year", [2026, 2028])
def test_a_daily_slot_is_the_day_once_its_time_has_come(year):
    entry = schedule.Periodic(name="x", kind="test_periodic", title="x", at=dt.time(7, 0))
    assert entry.slot(at(year, 3, 1, 6, 59)) == f"{year}-02-{29 if year % 4 == 0 else 28}"
    assert entry.slot(at(year, 3, 1, 7, 0)) == f"{year}-03-01"
    # An aware time in another zone is read in local time (Asia/Shanghai).
    assert entry.slot(dt.datetime(year, 3, 1, 0, 0, tzinfo=dt.UTC)) == f"{year}-03-01"


def test_an_interval_slot_starts_on_the_interval():
    entry = schedule.Periodic(name="x", kind="test_periodic", title="x", every_minutes=15)
    assert entry.slot(at(2027, 5, 4, 10, 7)) == "2027-05-04T10:00"
    assert entry.slot(at(2027, 5, 4, 10, 15)) == "2027-05-04T10:15"
    assert entry.slot(at(2027, 5, 4, 23, 59)) == "2027-05-04T23:45"


def test_a_periodic_job_needs_one_schedule_that_divides_the_day():
    with pytest.raises(ValueError):
        schedule.periodic("bad", kind="test_periodic", title="x")
    with pytest.raises(ValueError):
        schedule.periodic("bad", kind="test_periodic", title="x", at=dt.time(7), every_minutes=60)
    with pytest.raises(ValueError):
        schedule.periodic("bad", kind="test_periodic", title="x", every_minutes=7)
    assert "bad" not in schedule.PERIODIC


@pytest.mark.parametrize("year", [2026, 2028])
def test_a_run_missed_while_the_workers_were_down_is_caught_up_once(db, daily, year):
    # No worker at 07:00; one starts at 15:20 and runs today's reminders then, once.
    assert due(at(year, 6, 10, 15, 20)) == [f"{year}-06-10"]
    assert due(at(year, 6, 10, 16, 0)) == []
    # Before 07:00 the next morning the due slot is still yesterday's, which ran.
    assert due(at(year, 6, 11, 6, 59)) == []
    assert due(at(year, 6, 11, 7, 0)) == [f"{year}-06-11"]
    # Down for three days: one run when it comes back, not one per missed day.
    assert due(at(year, 6, 14, 9, 0)) == [f"{year}-06-14"]
    assert len(RUNS) == 3
    runs = PeriodicRun.objects.filter(name="test.daily").select_related("job")
    assert sorted(run.slot for run in runs) == [f"{year}-06-10", f"{year}-06-11", f"{year}-06-14"]
    assert {run.job.status for run in runs} == {JobStatus.SUCCEEDED}
    assert {run.job.title for run in runs} >= {f"每日测试（定时 {year}-06-10）"}


def test_the_tick_enqueues_due_work_and_recovers_dead_jobs(db, daily):
    dead = Job.objects.create(
        kind="test_periodic", title="死去的任务", status=JobStatus.RUNNING, worker="elsewhere:1:abc:1"
    )
    Job.objects.filter(pk=dead.pk).update(
        started_at=at(2027, 1, 1, 0, 0), lease_expires_at=at(2027, 1, 1, 0, 2)
    )
    with freeze_time(at(2027, 1, 1, 8, 0)):
        outcome = schedule.tick()
    assert outcome["recovered"] == [dead.pk]
    assert "test.daily" in outcome["started"]
    dead.refresh_from_db()
    assert dead.status == JobStatus.FAILED


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("year", [2026, 2028])
def test_two_workers_claiming_the_same_slot_at_once_enqueue_it_once(daily, year):
    """Two connections claim the same slot at once (two workers ticking together): one claim wins."""
    now = at(year, 9, 1, 7, 0)
    start = threading.Barrier(2)
    claimed: list = []
    errors: list = []

    def worker():
        try:
            start.wait(timeout=10)
            claimed.append(schedule.claim(daily, now=now))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    winners = [run for run in claimed if run is not None]
    assert len(claimed) == 2 and len(winners) == 1
    assert schedule.claim(daily, now=now) is None  # and any later claim of that slot loses too
    assert PeriodicRun.objects.filter(name="test.daily").count() == 1
    assert Job.objects.filter(kind="test_periodic").count() == 1
    assert RUNS == [f"每日测试（定时 {year}-09-01）"]
