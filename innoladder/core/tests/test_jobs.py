import pytest

from innoladder.core import jobs
from innoladder.core.models import Job, JobStatus
from innoladder.core.testing.access import OK, assert_access


def test_a_job_runs_to_completion_and_reports_progress(cast):
    job = jobs.enqueue("selftest", title="自检", params={"n": 7}, user=cast.officer)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert (job.progress, job.total, job.percent) == (7, 7, 100)
    assert job.result["count"] == 7


def test_a_failing_job_ends_failed_with_a_chinese_message_and_writes_nothing(cast):
    from innoladder.enterprises.models import Enterprise

    @jobs.register("test_failing")
    def failing(ctx):
        Enterprise.objects.filter(pk=cast.ent_a.pk).update(name="半途写入")
        raise jobs.JobError("第 3 行数据有误")

    job = jobs.enqueue("test_failing", title="失败的任务", user=cast.officer)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.message == "第 3 行数据有误"
    assert Enterprise.objects.get(pk=cast.ent_a.pk).name == "企业甲有限公司"


def test_an_unexpected_error_says_rolled_back_or_what_a_partial_job_kept(cast):
    @jobs.register("test_crash_atomic")
    def crash(ctx):
        raise RuntimeError("boom")

    @jobs.register("test_crash_parts", atomic=False, failure_message="中断：已保存 {progress}/{total}")
    def crash_in_parts(ctx):
        ctx.set_total(10)
        ctx.step(3, "3 done")
        raise RuntimeError("boom")

    whole = jobs.enqueue("test_crash_atomic", title="整体", user=cast.officer)
    parts = jobs.enqueue("test_crash_parts", title="分段", user=cast.officer)
    whole.refresh_from_db()
    parts.refresh_from_db()
    assert (whole.status, whole.message) == (JobStatus.FAILED, jobs.ROLLED_BACK)
    assert (parts.status, parts.message) == (JobStatus.FAILED, "中断：已保存 3/10")
    with pytest.raises(ValueError):
        jobs.register("test_bad", failure_message="x")


def test_job_page_is_visible_to_its_owner_and_admin_only(client, cast):
    job = jobs.enqueue("selftest", title="自检", params={"n": 2}, user=cast.officer)
    assert_access(client, cast, f"/jobs/{job.pk}/", {"officer": OK, "admin": OK})


def test_job_progress_partial_polls_until_finished(client, cast):
    job = Job.objects.create(
        kind="selftest", title="排队", created_by=cast.officer, total=4, progress=1, status=JobStatus.RUNNING
    )
    client.force_login(cast.officer)
    body = client.get(f"/jobs/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in body and "25%" in body
    Job.objects.filter(pk=job.pk).update(status=JobStatus.SUCCEEDED, progress=4)
    body = client.get(f"/jobs/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in body and "100%" in body


def test_unknown_job_kind_is_refused(cast):
    with pytest.raises(ValueError):
        jobs.enqueue("no-such-kind", title="x", user=cast.officer)
