"""Background jobs with progress: a Job row the page polls, run by a django-tasks worker.

`enqueue()` stores the Job and hands its id to the task queue (database backend: any number of
`manage.py run_worker` processes, on several machines when the database is PostgreSQL). Handlers are
plain functions registered by kind; they report progress through `JobContext.step()`.

A running job is leased to its worker: the worker renews the lease from a heartbeat thread and with every
progress step. A worker killed outright (`kill -9`, power loss) renews nothing, so once the lease has
expired (or, on the worker's own machine, as soon as its process is gone) the job is marked failed by
`recover_expired()` (each worker tick, core.schedule) or `recover_if_dead()` (when someone opens the
job), and its kind's `on_interrupted` hook puts what the job was working on back into a state the user
can submit again.
"""

import datetime as dt
import hashlib
import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from . import audit
from .models import AuditEvent, Job, JobStatus

logger = logging.getLogger(__name__)
HANDLERS: dict[str, Callable[["JobContext"], dict]] = {}
# Handlers registered with atomic=False manage their own transactions, so the progress they report while
# reading and validating is visible to the progress page (a write transaction hides it until commit).
NON_ATOMIC: set[str] = set()
ROLLED_BACK = "任务运行出错，已全部回滚，请联系系统管理员。"
INTERRUPTED = "后台任务中断（工作进程已停止），未写入任何数据，请重新提交。"
# What an unexpected error means for a job that commits in parts: {progress} and {total} are filled in.
FAILURE_MESSAGES: dict[str, str] = {}
# Per kind: called in the transaction that marks a dead worker's job failed; restores what the job held
# (e.g. an import batch back to committable) and returns {"message": ..., "url": ..., "link_text": ...}.
ON_INTERRUPTED: dict[str, Callable[[Job], dict]] = {}


class JobError(Exception):
    """A handler raises this with a Chinese message the user should read."""


class JobLost(JobError):
    """The job is no longer this worker's: its lease expired and it was marked failed meanwhile."""


def register(
    kind: str,
    *,
    atomic: bool = True,
    failure_message: str = "",
    on_interrupted: Callable[[Job], dict] | None = None,
):
    """`failure_message`: for a handler that commits in parts, what the user is told after a crash.
    `on_interrupted`: see ON_INTERRUPTED."""
    if atomic and failure_message:
        raise ValueError("an atomic job always rolls back entirely")

    def decorator(func):
        HANDLERS[kind] = func
        if not atomic:
            NON_ATOMIC.add(kind)
        if failure_message:
            FAILURE_MESSAGES[kind] = failure_message
        if on_interrupted is not None:
            ON_INTERRUPTED[kind] = on_interrupted
        return func

    return decorator


def lease_seconds() -> int:
    return max(1, settings.JOB_LEASE_SECONDS)


def _lease_until():
    return timezone.now() + dt.timedelta(seconds=lease_seconds())


class JobContext:
    def __init__(self, job: Job):
        self.job = job
        self.params = job.params

    def set_total(self, total: int) -> None:
        self.job.total = total
        self._update(total=total)

    def step(self, done: int, message: str = "") -> None:
        self.job.progress = done
        values = {"progress": done}
        if message:
            values["message"] = message
        self._update(**values)

    def _update(self, **values) -> None:
        """Every progress report renews the lease and checks that the job is still this worker's: a worker
        that was taken for dead stops here (inside a write transaction, which then rolls back)."""
        mine = Job.objects.filter(pk=self.job.pk, status=JobStatus.RUNNING)
        if self.job.worker:
            mine = mine.filter(worker=self.job.worker)
        if not mine.update(lease_expires_at=_lease_until(), **values):
            raise JobLost("后台任务已被判定中断并结束，本次运行的结果不予保存。")


def enqueue(kind: str, *, title: str, params: dict | None = None, user=None) -> Job:
    if kind not in HANDLERS:
        raise ValueError(f"no job handler for {kind!r}")
    job = Job.objects.create(kind=kind, title=title, params=params or {}, created_by=user)
    audit.record(AuditEvent.JOB, obj=job, user=user, message=f"提交后台任务：{title}")
    run_job.enqueue(str(job.pk))
    return job


class _Heartbeat:
    """Renews a running job's lease from its own thread and database connection, so a handler that
    reports no progress for a while (or reports it inside a long transaction) keeps its lease."""

    def __init__(self, job_id, worker: str):
        self.job_id = job_id
        self.worker = worker
        self.stopped = threading.Event()
        self.thread: threading.Thread | None = None

    def __enter__(self):
        # Inside an enclosing transaction (the test suite) no other connection can see the job anyway.
        if not connection.in_atomic_block:
            self.thread = threading.Thread(target=self._beat, name=f"job-lease-{self.job_id}", daemon=True)
            self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stopped.set()
        if self.thread is not None:
            self.thread.join(timeout=5)

    def _beat(self) -> None:
        interval = lease_seconds() / 4
        try:
            while not self.stopped.wait(interval):
                try:
                    Job.objects.filter(pk=self.job_id, status=JobStatus.RUNNING, worker=self.worker).update(
                        lease_expires_at=_lease_until()
                    )
                except DatabaseError:
                    # A busy SQLite database (a long import holds the write lock): the next beat retries.
                    logger.warning("could not renew the lease of job %s", self.job_id, exc_info=True)
        finally:
            connection.close()


def _machine() -> str:
    """This boot of this machine and this PID namespace: where process ids mean the same processes."""
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()
        namespace = os.stat("/proc/self/ns/pid").st_ino
    except OSError:
        return ""
    return hashlib.sha256(f"{socket.gethostname()}:{boot}:{namespace}".encode()).hexdigest()[:12]


def _started(pid: int) -> str:
    """When process `pid` started (clock ticks since boot), so a reused process id is not taken for it."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return ""


def _worker_name() -> str:
    """host:pid:machine:start — the last two let a checker on the same machine see whether it still runs."""
    pid = os.getpid()
    machine, started = _machine(), _started(pid)
    if not machine or not started:
        machine, started = "-", uuid.uuid4().hex[:8]
    return f"{socket.gethostname()[:40]}:{pid}:{machine}:{started}"


def _local_state(worker: str) -> str:
    """Whether a worker process of this machine is "alive" or "gone"; "unknown" for another machine's
    (then only its lease tells)."""
    try:
        _host, pid, machine, started = worker.rsplit(":", 3)
        pid_number = int(pid)
    except ValueError:
        return "unknown"
    if machine == "-" or machine != _machine():
        return "unknown"
    return "alive" if _started(pid_number) == started else "gone"


def run(job_id: str) -> None:
    job = Job.objects.get(pk=job_id)
    if job.is_finished:
        return
    worker = _worker_name()
    claimed = Job.objects.filter(pk=job.pk, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), lease_expires_at=_lease_until(), worker=worker
    )
    if not claimed:
        return  # another worker runs it, or it was finished meanwhile
    job.refresh_from_db()
    handler = HANDLERS[job.kind]
    # The final state is written only by the worker that ran the job (a job taken for dead keeps the
    # failure recorded by recover_expired unless this worker finished the work after all).
    mine = Job.objects.filter(pk=job.pk, worker=worker)
    with _Heartbeat(job.pk, worker):
        try:
            if job.kind in NON_ATOMIC:
                result = handler(JobContext(job)) or {}
            else:
                with transaction.atomic():
                    result = handler(JobContext(job)) or {}
        except JobLost:
            logger.warning("job %s was taken for dead while its worker %s still ran", job_id, worker)
            return
        except JobError as exc:
            mine.update(status=JobStatus.FAILED, message=str(exc), finished_at=timezone.now())
            return
        except Exception:  # noqa: BLE001 - a job must always end in a visible state
            logger.exception("job %s failed", job_id)
            job.refresh_from_db(fields=["progress", "total"])
            message = FAILURE_MESSAGES.get(job.kind, ROLLED_BACK).format(
                progress=job.progress, total=job.total
            )
            mine.update(status=JobStatus.FAILED, message=message, finished_at=timezone.now())
            return
    job.refresh_from_db()
    mine.update(
        status=JobStatus.SUCCEEDED,
        result=result,
        progress=max(job.progress, job.total),
        finished_at=timezone.now(),
        message=result.get("message", job.message) if isinstance(result, dict) else job.message,
    )


def _expired(now) -> Q:
    """Running with an expired lease; a running job without a lease (started by a worker older than the
    lease) counts as expired once it has run for a whole lease."""
    since = now - dt.timedelta(seconds=lease_seconds())
    return Q(status=JobStatus.RUNNING) & (
        Q(lease_expires_at__lt=now) | Q(lease_expires_at__isnull=True, started_at__lt=since)
    )


def _dead(now, running=None) -> Q:
    """Running jobs whose worker died: on this machine, a worker process that no longer exists (at once);
    elsewhere, an expired lease. A worker process of this machine that still exists is never taken for
    dead: its lease can look expired while a long write transaction keeps its renewals from being seen."""
    running = Job.objects.filter(status=JobStatus.RUNNING) if running is None else running
    states = {pk: _local_state(worker) for pk, worker in running.values_list("pk", "worker")}
    gone = [pk for pk, state in states.items() if state == "gone"]
    alive = [pk for pk, state in states.items() if state == "alive"]
    return Q(status=JobStatus.RUNNING) & (Q(pk__in=gone) | (_expired(now) & ~Q(pk__in=alive)))


def _interrupted_message(job: Job) -> str:
    if job.kind in FAILURE_MESSAGES:
        parts = FAILURE_MESSAGES[job.kind].format(progress=job.progress, total=job.total)
        return f"后台任务中断（工作进程已停止）。{parts}"
    return INTERRUPTED


def _recover(pk, now) -> Job | None:
    with transaction.atomic():
        # A worker inside a write transaction holds its job's row (its progress steps update it): on
        # PostgreSQL that row is skipped, not waited for; SQLite serialises the whole transaction anyway.
        one = Job.objects.filter(pk=pk)
        job = one.select_for_update(skip_locked=True).filter(_dead(now, one)).first()
        if job is None:
            return None
        hook = ON_INTERRUPTED.get(job.kind)
        outcome = dict(hook(job) or {}) if hook is not None else {}
        message = outcome.pop("message", "") or _interrupted_message(job)
        Job.objects.filter(pk=pk).update(
            status=JobStatus.FAILED, message=message, result=outcome, finished_at=timezone.now()
        )
        audit.record(
            AuditEvent.JOB,
            obj=job,
            result="failure",
            message=f"后台任务中断：{job.title}（工作进程 {job.worker or '未知'} 已停止）。{message}",
        )
    job.refresh_from_db()
    logger.warning("job %s (%s) of a dead worker marked failed", pk, job.kind)
    return job


def recover_expired(*, now=None) -> list[Job]:
    """Mark failed every running job whose worker stopped renewing its lease; returns those jobs."""
    now = now or timezone.now()
    dead = list(Job.objects.filter(_dead(now)).values_list("pk", flat=True))
    return [job for job in (_recover(pk, now) for pk in dead) if job is not None]


def recover_if_dead(job: Job) -> Job:
    """The job as it stands, after marking it failed if its worker died (for pages that show a job)."""
    now = timezone.now()
    one = Job.objects.filter(pk=job.pk)
    if job.status != JobStatus.RUNNING or not one.filter(_dead(now, one)).exists():
        return job
    return _recover(job.pk, now) or job


@task()
def run_job(job_id: str) -> None:
    """The task the queue carries: run the job `job_id` (its kind's handler, with lease and progress)."""
    run(job_id)
