"""Writes of the annual data collection: opening campaigns, saving, submitting, returning, accepting."""

import datetime as dt
import importlib
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from innoladder.accounts.choices import Role
from innoladder.core import audit, jobs, services
from innoladder.core.models import AuditEvent
from innoladder.core.notifications import notify
from innoladder.core.scoping import CHANGE, for_user
from innoladder.enterprises.choices import DataSource, EnterpriseStatus
from innoladder.enterprises.models import AnnualData, Enterprise

from . import checks, presenters
from .choices import TRANSITIONS, CampaignStatus, SubmissionStatus
from .fields import ALL_FIELDS, entry_text
from .models import Campaign, Submission, SubmissionEvent


class CollectionError(ValidationError):
    """A refused action, with a Chinese message for the user."""


def is_bureau(user) -> bool:
    return user.is_authenticated and user.role in (Role.ADMIN, Role.OFFICER)


def speaks_for_enterprise(user) -> bool:
    """The enterprise's own user, or a service agency filling its forms (not the park's staff)."""
    return user.is_authenticated and user.role in (Role.ENTERPRISE, Role.AGENCY)


def _require_bureau(user, park) -> None:
    if not is_bureau(user) or (user.role == Role.OFFICER and not user.parks.filter(pk=park.pk).exists()):
        raise PermissionDenied("只有园区工作人员可以执行此操作")


@transaction.atomic
def campaign_open(
    *,
    user,
    park,
    title: str,
    fiscal_year: int,
    fields: list[str],
    opens_on: dt.date,
    deadline: dt.date,
    instructions: str = "",
    enterprises=None,
) -> Campaign:
    """Open a campaign and create one not-started form per targeted active enterprise of the park."""
    _require_bureau(user, park)
    unknown = [f for f in fields if f not in ALL_FIELDS]
    if unknown or not fields:
        raise CollectionError("请至少选择一个填报字段" if not fields else f"未知字段：{'、'.join(unknown)}")
    campaign = Campaign(
        park=park,
        title=title,
        fiscal_year=fiscal_year,
        fields=list(fields),
        opens_on=opens_on,
        deadline=deadline,
        instructions=instructions,
        created_by=user,
    )
    services.object_create(campaign, user=user)
    targets = Enterprise.objects.filter(park=park, status=EnterpriseStatus.ACTIVE)
    if enterprises is not None:
        targets = targets.filter(pk__in=[e.pk for e in enterprises])
    Submission.objects.bulk_create(
        [Submission(campaign=campaign, enterprise_id=pk) for pk in targets.values_list("pk", flat=True)]
    )
    return campaign


def _annual(enterprise, year) -> AnnualData | None:
    return AnnualData.objects.filter(enterprise=enterprise, year=year).first()


def _as_dict(row: AnnualData | None) -> dict:
    if row is None:
        return {}
    return {f: getattr(row, f) for f in ALL_FIELDS}


def prefill(submission: Submission) -> dict[str, str]:
    """What the form shows first, as typed (万元 for money): the saved figures, else nothing. This year's
    fields start empty; last year's figures are shown beside them as a hint, never copied into them, so
    nothing is submitted that the enterprise did not type."""
    data = submission.data or {}
    return {f: entry_text(f, data.get(f)) for f in submission.campaign.fields}


def last_year_values(submission: Submission) -> dict:
    return _as_dict(_annual(submission.enterprise, submission.campaign.fiscal_year - 1))


def form_rows(submission: Submission, raw: dict[str, str], errors: list) -> list[dict]:
    """The form's rows: typed value, last year's figure and the change against it, per field."""
    values, _ = checks.parse(raw, submission.campaign.fields)
    return presenters.form_rows(submission.campaign.fields, raw, values, errors, last_year_values(submission))


def evaluate(submission: Submission, raw: dict[str, str]):
    """Parse and check typed values (money in 万元): (values in yuan, errors, warnings)."""
    values, errors = checks.parse(raw, submission.campaign.fields)
    warnings = checks.plausibility(values, last_year_values(submission)) if not errors else []
    return values, errors, warnings


def _transition(submission: Submission, to_status: str, *, user, comment: str = "") -> None:
    from_status = submission.status
    if to_status not in TRANSITIONS[SubmissionStatus(from_status)]:
        raise CollectionError(
            f"当前状态“{SubmissionStatus(from_status).label}”不能变为“{SubmissionStatus(to_status).label}”"
        )
    submission.status = to_status
    SubmissionEvent.objects.create(
        submission=submission, from_status=from_status, to_status=to_status, actor=user, comment=comment
    )


def _may_fill(user, submission: Submission) -> bool:
    return for_user(Submission.objects.filter(pk=submission.pk), user, CHANGE).exists() and user.role not in (
        Role.AUDITOR,
        Role.REGIONAL,
    )


@transaction.atomic
def submission_save(
    *,
    user,
    submission: Submission,
    raw: dict[str, str],
    submit: bool,
    confirmed_warnings: list[str] | None = None,
    declaration: bool = False,
    expected_version: int | None = None,
):
    """Save a draft or submit. Submitting needs no errors, every warning confirmed and the declaration."""
    if not _may_fill(user, submission):
        raise PermissionDenied("您无权填写该企业的数据")
    if submission.campaign.status != CampaignStatus.OPEN:
        raise CollectionError("该填报任务已结束")
    values, errors, warnings = evaluate(submission, raw)
    if errors:
        return errors, warnings
    confirmed = set(confirmed_warnings or [])
    if submit:
        unconfirmed = [w for w in warnings if w.key not in confirmed]
        if unconfirmed:
            return [checks.Problem("confirm", "", "请逐项确认或更正以下提示后再提交")], warnings
        if not declaration:
            return [checks.Problem("declaration", "", "提交前须承诺所填数据真实、准确")], warnings
    submission.data = {
        f: ("" if values.get(f) is None else str(values[f])) for f in submission.campaign.fields
    }
    submission.confirmed_warnings = sorted(confirmed & {w.key for w in warnings})
    submission.on_behalf = is_bureau(user) or user.role == Role.AGENCY
    if submit:
        _transition(
            submission,
            SubmissionStatus.SUBMITTED,
            user=user,
            comment="工作人员代为填报并提交" if submission.on_behalf else "企业提交",
        )
        submission.declaration = True
        submission.submitted_at = timezone.now()
        submission.submitted_by = user
    elif submission.status in (SubmissionStatus.NOT_STARTED, SubmissionStatus.RETURNED):
        _transition(submission, SubmissionStatus.DRAFT, user=user, comment="保存草稿")
    elif submission.status not in (SubmissionStatus.DRAFT,):
        raise CollectionError("已提交的数据不能再修改；如需更正请联系园区工作人员退回")
    services.object_update(submission, user=user, expected_version=expected_version)
    return [], warnings


def submission_submit_figures(*, user, submission: Submission, figures) -> list[checks.Problem]:
    """Submit the form on the enterprise's behalf with the campaign's fields read from `figures` (an import
    row, a year's annual data), typed as in the form, its warnings confirmed. Returns the errors that kept
    it from being saved (nothing saved then)."""
    raw = {f: entry_text(f, getattr(figures, f)) for f in submission.campaign.fields}
    _, errors, warnings = evaluate(submission, raw)
    if errors:
        return errors
    errors, _ = submission_save(
        user=user,
        submission=submission,
        raw=raw,
        submit=True,
        confirmed_warnings=[w.key for w in warnings],
        declaration=True,
    )
    return errors


@transaction.atomic
def submission_return(*, user, submission: Submission, comment: str) -> Submission:
    _require_bureau(user, submission.campaign.park)
    if not comment.strip():
        raise CollectionError("退回时须填写退回意见")
    _transition(submission, SubmissionStatus.RETURNED, user=user, comment=comment)
    submission.return_comment = comment
    services.object_update(submission, user=user)
    for recipient in submission.enterprise.users.filter(is_active=True):
        notify(
            recipient,
            key=f"collection-return:{submission.pk}:{submission.events.count()}",
            title=f"{submission.campaign.title}：填报已退回",
            body=comment,
            url=submission.get_absolute_url(),
        )
    return submission


@transaction.atomic
def submission_accept(*, user, submission: Submission, on: dt.date | None = None):
    """Write the figures into the enterprise's annual data (previous values stay in the audit history),
    then re-run its assessments in the background."""
    _require_bureau(user, submission.campaign.park)
    _transition(submission, SubmissionStatus.ACCEPTED, user=user, comment="采纳")
    now = timezone.now()
    submission.accepted_at, submission.accepted_by = now, user
    services.object_update(submission, user=user)
    year = submission.campaign.fiscal_year
    row = _annual(submission.enterprise, year)
    creating = row is None
    if creating:
        row = AnnualData(enterprise=submission.enterprise, year=year)
    for field, text in submission.data.items():
        if text != "":
            setattr(
                row,
                field,
                int(text)
                if field in ("employees", "tech_staff", "rd_staff", "tech_conversions")
                else Decimal(text),
            )
    row.source = DataSource.COLLECTION
    row.source_note = f"{year}年度填报，{user}于{timezone.localdate():%Y-%m-%d}采纳"
    row.confirmed_by, row.confirmed_at = user, now
    if creating:
        services.object_create(row, user=user, message=row.source_note)
    else:
        services.object_update(row, user=user, message=row.source_note)
    job = jobs.enqueue(
        "collection_reassess",
        title=f"重新评估：{submission.enterprise.name}",
        params={"submission": submission.pk, "on": (on or timezone.localdate()).isoformat(), "user": user.pk},
        user=user,
    )
    return row, job


def reassess(submission: Submission, on: dt.date, user) -> list[str]:
    """Re-run the enterprise's assessments through the assessments app and keep the changes it reports."""
    try:
        module = importlib.import_module("innoladder.assessments.services")
    except ModuleNotFoundError:
        return []
    reassess_enterprise = getattr(module, "reassess_enterprise", None)
    if reassess_enterprise is None:
        return []
    changes = [str(c) for c in reassess_enterprise(submission.enterprise, on, user) or []]
    Submission.objects.filter(pk=submission.pk).update(assessment_changes=changes)
    return changes


def reminder_stage(deadline: dt.date, today: dt.date) -> str | None:
    """Which reminder is due: 7 days before, the day before, on the day, then overdue."""
    days = (deadline - today).days
    if days < 0:
        return "overdue"
    if days == 0:
        return "due"
    if days == 1:
        return "1d"
    if days <= 7:
        return "7d"
    return None


def campaign_remind(*, user, campaign: Campaign, today: dt.date) -> int:
    """Remind the enterprises that have not submitted; never the same stage twice to the same person."""
    _require_bureau(user, campaign.park)
    stage = reminder_stage(campaign.deadline, today) or "open"
    pending = campaign.submissions.filter(
        status__in=[SubmissionStatus.NOT_STARTED, SubmissionStatus.DRAFT, SubmissionStatus.RETURNED]
    ).select_related("enterprise")
    sent = 0
    for submission in pending:
        for recipient in submission.enterprise.users.filter(is_active=True):
            note = notify(
                recipient,
                key=f"collection:{campaign.pk}:{submission.enterprise_id}:{stage}",
                title=f"请填报：{campaign.title}",
                body=f"截止日期 {campaign.deadline:%Y-%m-%d}，当前状态：{submission.get_status_display()}",
                url=submission.get_absolute_url(),
            )
            sent += note is not None
    audit.record(
        AuditEvent.UPDATE, obj=campaign, user=user, message=f"发送填报提醒（{stage}），新提醒 {sent} 条"
    )
    return sent


@transaction.atomic
def campaign_apply_import(*, user, campaign: Campaign) -> int:
    """Fill and submit the forms from the campaign's imported rows, all or nothing.

    Every row must reach a form that can still be filled and pass the field checks; warnings are
    recorded as confirmed by the importing officer. One refused row applies nothing.
    """
    from .models import CollectionImportRow

    _require_bureau(user, campaign.park)
    rows = list(
        for_user(
            CollectionImportRow.objects.filter(campaign=campaign, applied_at__isnull=True), user, CHANGE
        ).select_related("enterprise")
    )
    problems = []
    forms = {
        s.enterprise_id: s
        for s in campaign.submissions.filter(enterprise__in=[r.enterprise_id for r in rows])
    }
    for row in rows:
        submission = forms.get(row.enterprise_id)
        if submission is None:
            problems.append(f"{row.enterprise.name}：不在本次填报范围内")
            continue
        try:
            errors = submission_submit_figures(user=user, submission=submission, figures=row)
        except CollectionError as exc:
            errors = [checks.Problem("refused", "", m) for m in exc.messages]
        if errors:
            problems.append(f"{row.enterprise.name}：" + "；".join(e.message for e in errors))
    if problems:
        transaction.set_rollback(True)
        raise CollectionError("未转入任何数据：" + " | ".join(problems))
    CollectionImportRow.objects.filter(pk__in=[r.pk for r in rows]).update(applied_at=timezone.now())
    audit.record(
        AuditEvent.IMPORT, obj=campaign, user=user, message=f"由导入数据代填并提交 {len(rows)} 家企业"
    )
    return len(rows)
