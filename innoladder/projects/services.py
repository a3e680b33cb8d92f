"""Writes of the projects app: projects with status history, milestones, progress reports."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from innoladder.core import audit
from innoladder.core.models import AuditEvent
from innoladder.core.services import acting_user, check_step, object_create, object_update

from . import files
from .choices import FINAL_STATUSES, PROJECT_TRANSITIONS, ProjectStatus
from .models import Milestone, ProgressReport, Project, ProjectHistory


@transaction.atomic
def project_create(*, user, partners=(), **fields) -> Project:
    project = Project(**fields)
    object_create(project, user=user)
    project.partners.set(partners)
    ProjectHistory.objects.create(
        project=project,
        from_status="",
        to_status=project.status,
        on=project.applied_on or timezone.localdate(),
        actor=acting_user(user),
        comment="登记项目",
    )
    return project


@transaction.atomic
def project_update(*, project: Project, user, partners=(), expected_version=None, **fields) -> Project:
    fields.pop("status", None)  # status moves only through project_transition
    for name, value in fields.items():
        setattr(project, name, value)
    before = sorted(project.partners.values_list("pk", flat=True))
    object_update(project, user=user, expected_version=expected_version)
    project.partners.set(partners)
    after = sorted(p.pk for p in partners)
    if before != after:
        audit.record(AuditEvent.UPDATE, obj=project, changes={"partners": [before, after]}, user=user)
    return project


@transaction.atomic
def project_transition(
    *,
    project: Project,
    user,
    to_status: str,
    on: dt.date | None = None,
    comment: str = "",
    expected_version=None,
) -> Project:
    """申报 → 立项 → 在研 → 中期检查 → 验收 → 结题, or 终止 from any open state; dates recorded."""
    current = project.status
    check_step(project, to_status, PROJECT_TRANSITIONS, "项目当前状态为「{current}」，不能变更为「{to}」。")
    if to_status == ProjectStatus.TERMINATED and not comment.strip():
        raise ValidationError("终止项目必须说明原因。")
    on = on or timezone.localdate()
    if to_status == ProjectStatus.APPROVED:
        project.approved_on = on
    if to_status in FINAL_STATUSES:
        project.finished_on = on
    project.status = to_status
    object_update(project, user=user, expected_version=expected_version)
    ProjectHistory.objects.create(
        project=project,
        from_status=current,
        to_status=to_status,
        on=on,
        actor=acting_user(user),
        comment=comment,
    )
    audit.record(
        AuditEvent.TRANSITION,
        obj=project,
        changes={"status": [current, to_status]},
        user=user,
        message=comment,
    )
    return project


def milestone_create(*, user, project: Project, title: str, due_on: dt.date) -> Milestone:
    return object_create(Milestone(project=project, title=title, due_on=due_on), user=user)


def milestone_complete(*, user, milestone: Milestone, done_on: dt.date | None = None) -> Milestone:
    milestone.done_on = done_on or timezone.localdate()
    return object_update(milestone, user=user)


def report_create(
    *, user, project: Project, reported_on: dt.date, summary: str, upload=None
) -> ProgressReport:
    report = ProgressReport(
        project=project, reported_on=reported_on, summary=summary, uploaded_by=acting_user(user)
    )
    if upload is not None:
        report.extension = files.check_upload(upload)
        report.original_name = upload.name[-200:]
        report.size = upload.size
        report.attachment = upload
    if not summary.strip():
        raise ValidationError("请填写进展情况。")
    with transaction.atomic():
        report.full_clean()
        report.save()
        # The shared snapshot cannot serialise a FieldFile: record the stored name instead.
        after = _report_snapshot(report)
        audit.record(AuditEvent.CREATE, obj=report, changes={"after": after}, user=user)
    return report


def _report_snapshot(report: ProgressReport) -> dict:
    return {
        "project_id": report.project_id,
        "reported_on": report.reported_on.isoformat(),
        "summary": report.summary,
        "attachment": report.attachment.name if report.attachment else "",
        "original_name": report.original_name,
        "extension": report.extension,
        "size": report.size,
    }
