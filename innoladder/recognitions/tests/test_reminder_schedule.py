"""Reminders run by themselves (the workers' daily run) and their titles state the real remaining days."""

import datetime as dt
import io
import zoneinfo

import pytest
from django.core.management import call_command
from freezegun import freeze_time

from innoladder.accounts.models import User
from innoladder.core import schedule
from innoladder.core.models import JobStatus, Notification, PeriodicRun
from innoladder.core.obligations import gather
from innoladder.core.testing.cast import build_cast
from innoladder.recognitions import choices as c
from innoladder.recognitions.reminders import SystemUser, urgency
from innoladder.recognitions.tests.factories import RecognitionFactory

D = dt.date
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def test_urgency_words_the_days_left():
    due = D(2027, 3, 31)
    assert urgency(due, D(2027, 3, 31)) == "今天到期"
    assert urgency(due, D(2027, 3, 30)) == "明天到期"
    assert urgency(due, D(2027, 3, 28)) == "3天后到期"
    assert urgency(due, D(2027, 1, 1)) == "89天后到期"
    assert urgency(due, D(2027, 4, 1)) == "已逾期1天"
    assert urgency(due, D(2027, 4, 2)) == "已逾期2天"


def _at(day: D, hour: int):
    return freeze_time(dt.datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI))


def _tick_at(day: D, hour: int = 8) -> dict:
    """A worker tick at `hour` o'clock on `day`, the clock frozen there (the run reads today from it)."""
    with _at(day, hour):
        return schedule.tick()


def _cast_with_tsme(day: D, year: int):
    """The cast, created that morning (so the tick's dormant-account run leaves them active), and a
    科技型中小企业 registered the year before: its annual update is due on 31 March `year`."""
    with _at(day, 6):
        cast = build_cast()
        tsme = RecognitionFactory(
            enterprise=cast.ent_a,
            scheme=c.Scheme.TSME,
            issued_on=D(year - 1, 6, 15),
            valid_until=D(year - 1, 12, 31),
        )
    return cast, tsme


@pytest.mark.parametrize("year", [2026, 2028])
@pytest.mark.parametrize(
    "today, title",
    [
        ((3, 31), "【今天到期】"),
        ((3, 30), "【明天到期】"),
        ((3, 28), "【3天后到期】"),
        ((3, 10), "【21天后到期】"),
        ((4, 2), "【已逾期2天】"),
    ],
)
def test_the_daily_run_titles_state_the_real_days_left(db, year, today, title):
    """The 科技型中小企业 annual update is due on 31 March; a reminder sent the day before says 明天到期,
    not the 7-day threshold that made it due."""
    cast, tsme = _cast_with_tsme(D(year, *today), year)
    outcome = _tick_at(D(year, *today))
    assert "recognitions.reminders" in outcome["started"]
    notes = Notification.objects.filter(key__startswith=f"tsme-annual-update:{tsme.pk}:{year}:")
    assert {note.user.username for note in notes} == {"user_a", "officer"}
    assert {note.title for note in notes} == {
        f"{title}{cast.ent_a.name}：科技型中小企业年度信息更新（{year}年3月31日前）"
    }


def test_reminders_run_once_a_day_by_themselves(db):
    _cast_with_tsme(D(2027, 3, 1), 2027)
    first = _tick_at(D(2027, 3, 1), hour=8)
    again = _tick_at(D(2027, 3, 1), hour=20)
    assert "recognitions.reminders" in first["started"] and "recognitions.reminders" not in again["started"]
    runs = PeriodicRun.objects.filter(name="recognitions.reminders").select_related("job")
    assert [run.slot for run in runs] == ["2027-03-01"]
    assert all(run.job.status == JobStatus.SUCCEEDED for run in runs)
    assert Notification.objects.filter(title__startswith="【30天后到期】").count() == 2


@pytest.mark.parametrize("year", [2026, 2028])
def test_the_demo_produces_reminders_through_the_daily_run_with_true_titles(db, year):
    """`make demo` loads the data and starts a worker; the demo loader claims today's reminder run the way
    a worker tick does (the tick then finds it done), so the officer has reminders on the first page."""
    day = D(year, 12, 5)
    with _at(day, 9):
        call_command("load_demo", stdout=io.StringIO())
    run = PeriodicRun.objects.select_related("job").get(name="recognitions.reminders", slot=day.isoformat())
    assert run.job.status == JobStatus.SUCCEEDED and run.job.result["sent"] > 0
    assert "recognitions.reminders" not in _tick_at(day, hour=10)["started"]

    officer = User.objects.get(username="officer")
    notes = list(Notification.objects.filter(user=officer))
    assert notes
    items = {
        item.key: item
        for item in gather(SystemUser(), day - dt.timedelta(days=30), day + dt.timedelta(days=90))
    }
    for note in notes:
        item = items[note.key.rsplit(":", 1)[0]]
        assert note.title.startswith(f"【{urgency(item.due_on, day)}】"), (note.title, item.due_on)
    # Mixed urgency, as the demo's obligations are: not one threshold repeated.
    assert len({note.title.split("】")[0] for note in notes}) > 1

    # The next morning's tick runs them again; nothing already sent is sent twice.
    before = Notification.objects.count()
    assert "recognitions.reminders" in _tick_at(day + dt.timedelta(days=1), hour=8)["started"]
    keys = list(Notification.objects.values_list("user_id", "key"))
    assert len(keys) == len(set(keys)) and len(keys) >= before
