"""Periodic work run by the job workers: named jobs due daily at a local time, or every N minutes.

Apps register theirs beside their job handlers (their `job_handlers` module)::

    schedule.periodic("recognitions.reminders", kind="recognitions_send_reminders",
                      title="发送保存量到期提醒", at=dt.time(7, 0))

Every worker (`manage.py run_worker`) calls `tick()` every WORKER_TICK_SECONDS: it marks failed the jobs
of dead workers (core.jobs.recover_expired) and enqueues each periodic run that is due. A run is claimed
by inserting PeriodicRun(name, slot), unique in the database, so however many workers tick at the same
moment exactly one enqueues it. The slot is the latest scheduled time that has passed (a daily job's slot
is its day): a worker that was down at 07:00 enqueues that day's run when it comes back, once. Slots
missed entirely (the workers were down for days) are not replayed: each run works from today's state.
"""

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import jobs
from .models import PeriodicRun

logger = logging.getLogger(__name__)
KEEP_CLAIMS_DAYS = 35


@dataclass(frozen=True)
class Periodic:
    """A job kind (core.jobs) enqueued at each slot: daily at `at` (local time) or every `every_minutes`
    minutes counted from local midnight."""

    name: str
    kind: str
    title: str
    at: dt.time | None = None
    every_minutes: int | None = None
    params: dict = field(default_factory=dict)

    def slot(self, now: dt.datetime) -> str:
        """The latest slot at or before `now` (an aware datetime), as stored in PeriodicRun.slot."""
        local = timezone.localtime(now)
        if self.at is not None:
            day = local.date() if local.time() >= self.at else local.date() - dt.timedelta(days=1)
            return day.isoformat()
        minutes = local.hour * 60 + local.minute
        start = minutes - minutes % self.every_minutes
        return f"{local.date().isoformat()}T{start // 60:02d}:{start % 60:02d}"


PERIODIC: dict[str, Periodic] = {}


def periodic(
    name: str,
    *,
    kind: str,
    title: str,
    at: dt.time | None = None,
    every_minutes: int | None = None,
    params: dict | None = None,
) -> Periodic:
    """Register a periodic run of the job `kind`: exactly one of `at` (daily) or `every_minutes`."""
    if (at is None) == (every_minutes is None):
        raise ValueError(f"periodic job {name!r}: give either a daily time or an interval")
    if every_minutes is not None and not (0 < every_minutes <= 1440 and 1440 % every_minutes == 0):
        raise ValueError(f"periodic job {name!r}: the interval must divide a day into whole minutes")
    entry = Periodic(
        name=name, kind=kind, title=title, at=at, every_minutes=every_minutes, params=params or {}
    )
    PERIODIC[name] = entry
    return entry


def claim(entry: Periodic, *, now: dt.datetime | None = None) -> PeriodicRun | None:
    """Claim the entry's current slot and enqueue its job, in one transaction (a claim never exists
    without its job); None when the slot was claimed already, by this or any other worker: the unique
    (name, slot) decides between workers claiming at the same moment."""
    slot = entry.slot(now or timezone.now())
    try:
        with transaction.atomic():
            run = PeriodicRun.objects.create(name=entry.name, slot=slot)
            job = jobs.enqueue(entry.kind, title=f"{entry.title}（定时 {slot}）", params=dict(entry.params))
            run.job = job
            run.save(update_fields=["job"])
    except IntegrityError:
        return None
    # Claims record the real time (a `now` given by a caller may be another day's).
    PeriodicRun.objects.filter(claimed_at__lt=timezone.now() - dt.timedelta(days=KEEP_CLAIMS_DAYS)).delete()
    logger.info("periodic job %s enqueued for %s", entry.name, slot)
    return run


def run_due(*, now: dt.datetime | None = None, names: tuple[str, ...] | None = None) -> list[PeriodicRun]:
    """Enqueue every registered periodic job (or those named) whose current slot is not claimed yet."""
    now = now or timezone.now()
    runs = []
    for entry in list(PERIODIC.values()):
        if names is not None and entry.name not in names:
            continue
        # Most ticks find every slot taken: a read, not a failed insert.
        if PeriodicRun.objects.filter(name=entry.name, slot=entry.slot(now)).exists():
            continue
        run = claim(entry, now=now)
        if run is not None:
            runs.append(run)
    return runs


def tick(*, now: dt.datetime | None = None) -> dict:
    """One worker tick: recover dead workers' jobs, then enqueue the due periodic runs."""
    recovered = jobs.recover_expired(now=now)
    started = run_due(now=now)
    return {"recovered": [job.pk for job in recovered], "started": [run.name for run in started]}
