"""Jobs whose worker died: the lease expires, the job is marked failed with a clear message, and its
kind's hook releases what it held. (The real kill -9 of a worker process: test_worker_kill.py.)"""

import datetime as dt
import os

import pytest
from django.utils import timezone

from innoladder.core import jobs
from innoladder.core.models import AuditEntry, AuditEvent, Job, JobStatus


def _running(cast, *, lease_in: float | None, started_ago: float = 10, kind: str = "selftest") -> Job:
    now = timezone.now()
    return Job.objects.create(
        kind=kind,
        title="写入中的任务",
        status=JobStatus.RUNNING,
        created_by=cast.officer,
        started_at=now - dt.timedelta(seconds=started_ago),
        lease_expires_at=None if lease_in is None else now + dt.timedelta(seconds=lease_in),
        worker="host:123:abcd",
        total=10,
        progress=4,
    )


def test_an_expired_lease_marks_the_job_failed_with_the_interrupted_message_and_audits(cast):
    dead = _running(cast, lease_in=-1)
    alive = _running(cast, lease_in=60)
    recovered = jobs.recover_expired()
    assert [job.pk for job in recovered] == [dead.pk]
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert dead.status == JobStatus.FAILED and dead.finished_at is not None
    assert dead.message == "后台任务中断（工作进程已停止），未写入任何数据，请重新提交。"
    assert alive.status == JobStatus.RUNNING
    entry = AuditEntry.objects.get(event_type=AuditEvent.JOB, object_id=str(dead.pk), result="failure")
    assert "host:123:abcd" in entry.message
    assert jobs.recover_expired() == []  # once


def test_a_running_job_without_a_lease_counts_as_dead_after_a_whole_lease(cast, settings):
    """Jobs left running by a worker from before leases existed are recovered too."""
    settings.JOB_LEASE_SECONDS = 60
    recent = _running(cast, lease_in=None, started_ago=30)
    old = _running(cast, lease_in=None, started_ago=61)
    assert [job.pk for job in jobs.recover_expired()] == [old.pk]
    recent.refresh_from_db()
    assert recent.status == JobStatus.RUNNING


def test_opening_the_job_page_recovers_a_dead_job(client, cast):
    job = _running(cast, lease_in=-5)
    client.force_login(cast.officer)
    body = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "后台任务中断（工作进程已停止）" in body and 'data-status="failed"' in body
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED


def test_a_hook_releases_what_the_job_held_and_words_the_message(cast):
    seen = []

    def interrupted(job):
        seen.append(job.pk)
        return {"message": f"中断：{job.progress}/{job.total}", "url": "/imports/", "link_text": "重新导入"}

    jobs.register("test_hooked", atomic=False, on_interrupted=interrupted)(lambda ctx: {})
    job = _running(cast, lease_in=-1, kind="test_hooked")
    jobs.recover_expired()
    job.refresh_from_db()
    assert seen == [job.pk]
    assert job.message == "中断：4/10"
    assert job.result == {"url": "/imports/", "link_text": "重新导入"}


def test_a_partial_job_without_hook_says_what_it_kept(cast):
    register = jobs.register("test_parts_dead", atomic=False, failure_message="已保存 {progress}/{total}")
    register(lambda ctx: {})
    job = _running(cast, lease_in=-1, kind="test_parts_dead")
    jobs.recover_expired()
    job.refresh_from_db()
    assert job.message == "后台任务中断（工作进程已停止）。已保存 4/10"


def test_progress_renews_the_lease_and_a_worker_taken_for_dead_stops_at_its_next_step(cast, settings):
    settings.JOB_LEASE_SECONDS = 90
    job = _running(cast, lease_in=1)
    ctx = jobs.JobContext(job)
    ctx.step(5, "第 5 步")
    job.refresh_from_db()
    assert job.progress == 5
    assert job.lease_expires_at > timezone.now() + dt.timedelta(seconds=80)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, message="已中断")
    with pytest.raises(jobs.JobLost):
        ctx.step(6)
    job.refresh_from_db()
    assert (job.progress, job.message) == (5, "已中断")


def test_a_job_is_run_by_one_worker_only(cast):
    job = Job.objects.create(kind="selftest", title="自检", params={"n": 3}, created_by=cast.officer)
    jobs.run(str(job.pk))
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.worker and job.lease_expires_at is not None
    # The same job delivered twice (or already taken by another worker) is not run again.
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, progress=0, result={})
    jobs.run(str(job.pk))
    job.refresh_from_db()
    assert (job.status, job.progress) == (JobStatus.RUNNING, 0)


def test_on_its_own_machine_a_worker_is_dead_when_its_process_is_gone_whatever_its_lease(cast):
    here = jobs._worker_name()
    host, _pid, machine, _started = here.rsplit(":", 3)
    alive = _running(cast, lease_in=-30)
    Job.objects.filter(pk=alive.pk).update(worker=here)  # this process: running, however old its lease
    gone = _running(cast, lease_in=60)
    Job.objects.filter(pk=gone.pk).update(worker=f"{host}:999999999:{machine}:1")  # no such process
    reused = _running(cast, lease_in=60)
    Job.objects.filter(pk=reused.pk).update(worker=f"{host}:{os.getpid()}:{machine}:1")  # pid reused
    assert {job.pk for job in jobs.recover_expired()} == {gone.pk, reused.pk}
    alive.refresh_from_db()
    assert alive.status == JobStatus.RUNNING


def test_a_worker_that_finishes_after_all_records_its_success(cast, monkeypatch):
    """A worker that was only slow (taken for dead by another machine, then done): its real outcome wins."""
    monkeypatch.setattr(jobs, "_local_state", lambda worker: "unknown")

    @jobs.register("test_slow")
    def slow(ctx):
        Job.objects.filter(pk=ctx.job.pk).update(lease_expires_at=timezone.now() - dt.timedelta(seconds=1))
        jobs.recover_expired()
        return {"message": "完成"}

    job = jobs.enqueue("test_slow", title="慢任务", user=cast.officer)
    job.refresh_from_db()
    assert (job.status, job.message) == (JobStatus.SUCCEEDED, "完成")
