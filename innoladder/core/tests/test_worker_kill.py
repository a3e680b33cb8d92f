"""kill -9 of a real worker process in the middle of a job, then a fresh worker: the dead worker's job is
marked failed, the work can be submitted again, and the second run completes with nothing lost or
duplicated. Runs on whichever database the suite uses (SQLite, or PostgreSQL through DATABASE_URL)."""

import io
import sqlite3
import time

import pytest
from django.db import connection
from django.db.models import Count
from django.utils import timezone
from openpyxl import Workbook

from innoladder.assessments import selectors
from innoladder.assessments.models import Assessment, SchemeResult
from innoladder.core import jobs, schedule
from innoladder.core.models import Job, JobStatus, PeriodicRun
from innoladder.core.testing.workers import Worker, alive, wait_for
from innoladder.enterprises import generator
from innoladder.enterprises.models import AnnualData, Enterprise
from innoladder.imports import registry, services
from innoladder.imports.choices import BatchStatus
from innoladder.imports.tests.helpers import preview

pytestmark = pytest.mark.django_db(transaction=True)

ENTERPRISES = 4000
YEARS = (2021, 2022, 2023, 2024, 2025)  # the generated enterprises have data for 2020 only


@pytest.fixture
def worker_env(settings, media, tmp_path, cast):
    """Jobs go to the database queue (not run in the test process); the generated enterprises exist;
    the periodic runs of today are taken, so the workers run only what the test submits."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    generator.generate(count=ENTERPRISES, park=cast.park, years=1, until=2020, seed=7)
    now = timezone.now()
    for entry in schedule.PERIODIC.values():
        PeriodicRun.objects.create(name=entry.name, slot=entry.slot(now))
    started: list[Worker] = []

    def start() -> Worker:
        worker = Worker(tmp_path / f"worker{len(started)}.log")
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def _writer_active() -> bool:
    """Whether another connection holds an open write transaction (the import's commit)."""
    if connection.vendor == "sqlite":
        probe = sqlite3.connect(connection.settings_dict["NAME"], timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            return True
        finally:
            probe.close()
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL"
            " AND xact_start < clock_timestamp() - interval '200 milliseconds'"
        )
        return cursor.fetchone()[0] > 0


def _writing_for_a_while() -> bool:
    """Inside the write transaction, not a short progress update: held on three probes 0.1 s apart."""
    for _ in range(3):
        if not _writer_active():
            return False
        time.sleep(0.1)
    return True


def _annual_file(codes: list[str]) -> bytes:
    dataset = registry.get("annual_data")
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(dataset.title)
    ws.append([column.template_header for column in dataset.columns[:5]])  # code, year, three head counts
    for number, code in enumerate(codes):
        for year in YEARS:
            staff = 20 + (number + year) % 300
            ws.append([code, year, staff, staff // 4, staff // 8])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _job(pk) -> Job:
    return Job.objects.get(pk=pk)


def test_an_import_killed_mid_commit_writes_nothing_and_commits_once_with_a_fresh_worker(cast, worker_env):
    codes = list(Enterprise.objects.filter(park=cast.park).values_list("uscc", flat=True))
    assert len(codes) >= ENTERPRISES
    rows = len(codes) * len(YEARS)
    batch = preview(cast.officer, "annual_data", _annual_file(codes), name="年度数据.xlsx")
    assert (batch.status, batch.rows_create) == (BatchStatus.PREVIEWED, rows), batch.errors[:3]

    first = worker_env()
    job = services.batch_commit(batch=batch, user=cast.officer)
    wait_for(
        lambda: _job(job.pk).message.startswith("校验完成") and _writing_for_a_while(),
        timeout=120,
        what="the commit's write transaction",
        worker=first,
        interval=0.02,
    )
    first.kill()
    assert AnnualData.objects.filter(year__in=YEARS).count() == 0  # the open transaction died with it
    assert _job(job.pk).status == JobStatus.RUNNING  # until someone notices

    worker_env()
    dead = wait_for(lambda: (j := _job(job.pk)).is_finished and j, timeout=60, what="the recovery")
    assert dead.status == JobStatus.FAILED
    assert dead.message == "后台任务中断（工作进程已停止），未写入任何数据，请重新提交。"
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PREVIEWED and batch.can_commit

    again = services.batch_commit(batch=batch, user=cast.officer)
    done = wait_for(lambda: (j := _job(again.pk)).is_finished and j, timeout=300, what="the second commit")
    assert done.status == JobStatus.SUCCEEDED, done.message
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMMITTED
    imported = AnnualData.objects.filter(year__in=YEARS)
    assert imported.count() == rows
    assert not imported.values("enterprise_id", "year").annotate(n=Count("pk")).filter(n__gt=1).exists()
    assert set(imported.filter(year=2023).values_list("enterprise__uscc", flat=True)) == set(codes)


def test_a_batch_assessment_killed_midway_is_recovered_and_run_again_completely(cast, worker_env):
    today = timezone.localdate()
    expected = selectors.batch_enterprises(cast.officer, {"park": str(cast.park.pk)})
    total = expected.count()
    assert total > 2000  # several chunks of 1,000
    first = worker_env()
    job = jobs.enqueue(
        "assess_batch",
        title="批量评估",
        params={"park": str(cast.park.pk), "on": today.isoformat()},
        user=cast.officer,
    )
    children = []

    def midway():
        children.extend(pid for pid in first.children() if pid not in children)
        current = _job(job.pk)
        return current.total == total and 0 < current.progress < total

    wait_for(midway, timeout=180, what="the first stored chunk", worker=first, interval=0.02)
    assert children, "the batch runs in forked processes"
    first.kill()
    # The pool's processes die with their worker instead of working through the rest of the batch (a
    # chunk whose COMMIT was already on its way to the database may still land: count after that).
    wait_for(lambda: not any(alive(pid) for pid in children), timeout=20, what="the pool to end")
    time.sleep(0.5)
    kept = Assessment.objects.filter(job_id=job.pk).count()
    assert 0 < kept < total
    time.sleep(1)
    assert Assessment.objects.filter(job_id=job.pk).count() == kept

    worker_env()
    dead = wait_for(lambda: (j := _job(job.pk)).is_finished and j, timeout=60, what="the recovery")
    assert dead.status == JobStatus.FAILED
    assert dead.message == (
        f"后台任务中断（工作进程已停止）：已保存 {kept}/{total} 家企业的评估结果，其余未评估，请重新提交。"
    )

    again = jobs.enqueue(
        "assess_batch",
        title="批量评估（重新提交）",
        params={"park": str(cast.park.pk), "on": today.isoformat()},
        user=cast.officer,
    )
    done = wait_for(lambda: (j := _job(again.pk)).is_finished and j, timeout=300, what="the second run")
    assert done.status == JobStatus.SUCCEEDED, done.message
    assessed = Assessment.objects.filter(enterprise__in=expected)
    assert assessed.filter(job_id=again.pk).count() == total
    assert assessed.filter(job_id=job.pk).count() == kept  # nothing written after the kill
    latest = assessed.filter(is_latest=True)
    assert latest.count() == total and set(latest.values_list("job_id", flat=True)) == {again.pk}
    assert not (
        SchemeResult.objects.filter(is_latest=True, enterprise__in=expected)
        .values("enterprise_id", "scheme")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .exists()
    )
