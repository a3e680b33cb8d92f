"""An import whose commit's worker died: the batch page says so, and the batch can be committed again.
(The real kill -9 of a worker mid-commit is in core/tests/test_worker_kill.py.)"""

import datetime as dt

import pytest
from django.utils import timezone

from innoladder.core.models import AuditEntry, Job, JobStatus
from innoladder.enterprises.models import AnnualData
from innoladder.imports import services
from innoladder.imports.choices import BatchStatus

from .helpers import preview, xlsx


def _stuck_commit(cast):
    """A previewed batch whose commit job a worker on another machine took and then stopped renewing."""
    batch = preview(
        cast.officer,
        "annual_data",
        xlsx([["统一社会信用代码", "年度", "职工总数"], [cast.ent_a.uscc, 2025, 88]]),
    )
    assert batch.can_commit
    job = Job.objects.create(
        kind=services.COMMIT_JOB,
        title="导入",
        params={"batch_id": str(batch.pk)},
        created_by=cast.officer,
        status=JobStatus.RUNNING,
        worker="another-host:4242:0123456789ab:99",
        started_at=timezone.now() - dt.timedelta(minutes=5),
        lease_expires_at=timezone.now() - dt.timedelta(minutes=1),
    )
    type(batch).objects.filter(pk=batch.pk).update(status=BatchStatus.QUEUED, job=job)
    return batch, job


def test_opening_a_batch_whose_worker_died_offers_to_commit_it_again(client, cast):
    batch, job = _stuck_commit(cast)
    client.force_login(cast.officer)
    html = client.get(f"/imports/batches/{batch.pk}/").content.decode()
    assert "后台任务中断（工作进程已停止），未写入任何数据，请重新提交。" in html
    assert "alert-warning" in html
    batch.refresh_from_db()
    job.refresh_from_db()
    assert batch.status == BatchStatus.PREVIEWED and batch.can_commit
    assert job.status == JobStatus.FAILED
    assert job.result == {"url": f"/imports/batches/{batch.pk}/", "link_text": "返回导入批次重新导入"}
    assert AuditEntry.objects.filter(
        object_id=str(batch.pk), result="failure", message__contains="中断"
    ).exists()

    response = client.post(f"/imports/batches/{batch.pk}/commit/")
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMMITTED
    assert list(
        AnnualData.objects.filter(enterprise=cast.ent_a, year=2025).values_list("employees", flat=True)
    ) == [88]


def test_a_commit_taken_for_dead_writes_nothing_if_it_resumes_after_its_batch_was_put_back(cast):
    batch, job = _stuck_commit(cast)
    batch.refresh_from_db()
    services.batch_sync_status(batch)  # someone looked: the batch is committable again
    assert batch.status == BatchStatus.PREVIEWED
    with pytest.raises(services.CommitFailed, match="该批次已不在写入中"):
        services.batch_run_commit(batch=batch)
    assert not AnnualData.objects.filter(enterprise=cast.ent_a, year=2025).exists()
