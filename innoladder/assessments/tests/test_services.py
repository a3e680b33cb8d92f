import datetime as dt

from innoladder.assessments import services
from innoladder.assessments.models import Assessment, SchemeResult
from innoladder.core import jobs
from innoladder.core.models import AuditEntry, Job, JobStatus
from innoladder.enterprises.models import AnnualData, Enterprise

from .factories import add_years

ON = dt.date(2023, 6, 30)


def _row(assessment, scheme):
    return assessment.scheme_results.get(scheme=scheme)


def test_assessment_stores_every_scheme_with_versions_and_snapshot(cast, ent):
    assessment = services.assess_enterprise(user=cast.officer, enterprise=ent, on=ON)
    schemes = set(assessment.scheme_results.values_list("scheme", flat=True))
    assert schemes == {"tsme", "hnte", "innovative_sme", "srdi_sme", "little_giant", "qh_tech_enterprise"}
    assert assessment.versions["hnte"] == "hnte_2016"
    assert assessment.facts["years"][-1]["tech_staff"] == 15
    assert assessment.run_by == cast.officer
    hnte = _row(assessment, "hnte")
    # every objective condition is met; only the innovation score (no expert marks yet) fails
    assert (hnte.outcome, hnte.standing, hnte.unmet) == ("not_eligible", "close", 1)
    assert _row(assessment, "qh_tech_enterprise").standing == "eligible"
    assert AuditEntry.objects.filter(object_type="assessments.Assessment", event_type="create").count() == 1


def test_a_new_run_replaces_the_latest_flag(cast, ent):
    first = services.assess_enterprise(user=cast.officer, enterprise=ent, on=ON)
    second = services.assess_enterprise(user=cast.officer, enterprise=ent, on=ON)
    first.refresh_from_db()
    assert (first.is_latest, second.is_latest) == (False, True)
    assert SchemeResult.objects.filter(enterprise=ent, is_latest=True).count() == 6
    assert not SchemeResult.objects.filter(assessment=first, is_latest=True).exists()


def test_stored_snapshot_reexplains_after_the_data_changes(client, cast, ent):
    assessment = services.assess_enterprise(user=cast.officer, enterprise=ent, on=ON)
    AnnualData.objects.filter(enterprise=ent).update(tech_staff=5)
    client.force_login(cast.officer)
    page = client.get(f"/assessments/{assessment.pk}/").content.decode()
    # 15 of 100 employees when assessed; the registry now says 5, the stored page still says 15%
    assert "<td>15.00%</td>" in page and "<td>5.00%</td>" not in page
    assert _row(assessment, "qh_tech_enterprise").outcome == "eligible"
    assert services.results_by_scheme(assessment)["qh_tech_enterprise"]["outcome"] == "eligible"


def test_reassess_reports_new_eligibility_and_lost_points(cast, ent):
    AnnualData.objects.filter(enterprise=ent).update(tech_staff=9)
    first = services.reassess_enterprise(ent, ON, cast.officer)
    assert first.previous is None and first.changes == ()
    AnnualData.objects.filter(enterprise=ent).update(tech_staff=15)
    second = services.reassess_enterprise(ent, ON, cast.officer)
    texts = [str(change) for change in second]  # iterating gives the changes (collection uses this)
    # Qinghai: 科技人员 ≥ 10% of employees — 9% failed, 15% passes
    assert "现已符合「青海省科技型企业」认定条件" in texts
    # 科技型中小企业: 9% scores 0 (below 10%), 15% scores 8 in the 15–20% band
    assert "「科技型中小企业」在「科技人员」上增加 8 分" in texts
    AnnualData.objects.filter(enterprise=ent).update(tech_staff=9)
    third = services.reassess_enterprise(ent, ON, cast.officer)
    texts = [change.text for change in third.changes]
    assert "「科技型中小企业」在「科技人员」上减少 8 分" in texts
    assert any(t.startswith("不再符合「青海省科技型企业」认定条件") and "科技人员" in t for t in texts)
    assert third.previous == second.assessment


def test_batch_job_assesses_the_officers_park_with_progress(cast, ent):
    add_years(cast.ent_b)
    add_years(cast.ent_other_park)
    job = jobs.enqueue("assess_batch", title="批量评估", params={"on": ON.isoformat()}, user=cast.officer)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert (job.progress, job.total) == (2, 2)
    assert job.result["enterprises"] == 2 and job.result["url"].startswith("/assessments/candidates/")
    assessed = set(Assessment.objects.filter(job=job).values_list("enterprise_id", flat=True))
    assert assessed == {cast.ent_a.pk, cast.ent_b.pk}
    assert SchemeResult.objects.filter(assessment__job=job).count() == 12


def test_batch_job_follows_the_filter(cast, ent):
    job = jobs.enqueue(
        "assess_batch", title="批量评估", params={"on": ON.isoformat(), "tech_field": "4"}, user=cast.officer
    )
    assert set(Assessment.objects.filter(job=job).values_list("enterprise_id", flat=True)) == {ent.pk}


def test_batch_job_refuses_a_user_without_batch_rights(cast, ent):
    job = jobs.enqueue("assess_batch", title="批量评估", params={"on": ON.isoformat()}, user=cast.auditor)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and not Assessment.objects.exists()


def test_assess_many_reports_progress_per_batch(cast, ent):
    calls = []
    summary = services.assess_many(
        user=cast.admin,
        queryset=Enterprise.objects.all(),
        on=ON,
        progress=lambda done, total: calls.append((done, total)),
        batch_size=2,
    )
    assert calls == [(2, 3), (3, 3)]
    assert summary["enterprises"] == 3
    assert Job.objects.count() == 0


def test_batch_job_commits_per_chunk_and_says_what_was_kept_when_the_database_fails(cast, ent, monkeypatch):
    from django.db import DatabaseError

    assert "assess_batch" in jobs.NON_ATOMIC  # progress is visible while the job runs

    def failing(*, progress, **kwargs):
        progress(1000, 2500)
        raise DatabaseError("disk I/O error")

    monkeypatch.setattr(services, "assess_many", failing)
    job = jobs.enqueue("assess_batch", title="批量评估", params={"on": ON.isoformat()}, user=cast.officer)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.message == "数据库出错，批量评估中断：已保存 1000 家企业的评估结果，其余未评估，可重新提交。"
