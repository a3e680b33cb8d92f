"""Background jobs with progress: a Job row the page polls, run by a django-tasks worker.

`enqueue()` stores the Job and hands its id to the task queue (database backend: any number of
`manage.py db_worker` processes, on several machines when the database is PostgreSQL). Handlers are
plain functions registered by kind; they report progress through `JobContext.step()`.
"""

import logging
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from . import audit
from .models import AuditEvent, Job, JobStatus

logger = logging.getLogger(__name__)
HANDLERS: dict[str, Callable[["JobContext"], dict]] = {}
# Handlers registered with atomic=False manage their own transactions, so the progress they report while
# reading and validating is visible to the progress page (a write transaction hides it until commit).
NON_ATOMIC: set[str] = set()
ROLLED_BACK = "任务运行出错，已全部回滚，请联系系统管理员。"
# What an unexpected error means for a job that commits in parts: {progress} and {total} are filled in.
FAILURE_MESSAGES: dict[str, str] = {}


class JobError(Exception):
    """A handler raises this with a Chinese message the user should read."""


def register(kind: str, *, atomic: bool = True, failure_message: str = ""):
    """`failure_message`: for a handler that commits in parts, what the user is told after a crash."""
    if atomic and failure_message:
        raise ValueError("an atomic job always rolls back entirely")

    def decorator(func):
        HANDLERS[kind] = func
        if not atomic:
            NON_ATOMIC.add(kind)
        if failure_message:
            FAILURE_MESSAGES[kind] = failure_message
        return func

    return decorator


class JobContext:
    def __init__(self, job: Job):
        self.job = job
        self.params = job.params

    def set_total(self, total: int) -> None:
        self.job.total = total
        Job.objects.filter(pk=self.job.pk).update(total=total)

    def step(self, done: int, message: str = "") -> None:
        self.job.progress = done
        values = {"progress": done}
        if message:
            values["message"] = message
        Job.objects.filter(pk=self.job.pk).update(**values)


def enqueue(kind: str, *, title: str, params: dict | None = None, user=None) -> Job:
    if kind not in HANDLERS:
        raise ValueError(f"no job handler for {kind!r}")
    job = Job.objects.create(kind=kind, title=title, params=params or {}, created_by=user)
    audit.record(AuditEvent.JOB, obj=job, user=user, message=f"提交后台任务：{title}")
    from .tasks import run_job

    run_job.enqueue(str(job.pk))
    return job


def run(job_id: str) -> None:
    job = Job.objects.get(pk=job_id)
    if job.is_finished:
        return
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now())
    handler = HANDLERS[job.kind]
    try:
        if job.kind in NON_ATOMIC:
            result = handler(JobContext(job)) or {}
        else:
            with transaction.atomic():
                result = handler(JobContext(job)) or {}
    except JobError as exc:
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, message=str(exc), finished_at=timezone.now()
        )
        return
    except Exception:  # noqa: BLE001 - a job must always end in a visible state
        logger.exception("job %s failed", job_id)
        job.refresh_from_db(fields=["progress", "total"])
        message = FAILURE_MESSAGES.get(job.kind, ROLLED_BACK).format(progress=job.progress, total=job.total)
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, message=message, finished_at=timezone.now()
        )
        return
    job.refresh_from_db()
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.SUCCEEDED,
        result=result,
        progress=max(job.progress, job.total),
        finished_at=timezone.now(),
        message=result.get("message", job.message) if isinstance(result, dict) else job.message,
    )
