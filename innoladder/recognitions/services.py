"""Every write of the recognitions app: audited, in a transaction, workflow steps with history rows."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from innoladder.core import audit
from innoladder.core import viewkit as vk
from innoladder.core.models import AuditEvent, Notification
from innoladder.core.scoping import is_staff_role
from innoladder.core.services import object_create, object_update

from . import choices as c
from . import rules
from .models import (
    AnnualReport,
    Application,
    ApplicationDocument,
    ApplicationTransition,
    Batch,
    ChangeEvent,
    Recognition,
    rule_for,
)
from .storage import check_upload


class TransitionError(ValidationError):
    """An illegal or unauthorised workflow step; the message is Chinese and shown to the user."""


def compute_valid_until(scheme: str, issued_on: dt.date) -> dt.date:
    return rules.valid_until(rule_for(scheme), issued_on)


def _attach_certificate(recognition: Recognition, certificate) -> None:
    """An uploaded certificate (when there is one), checked, stored with the record, saved by its caller."""
    if certificate is not None:
        recognition.certificate_type = check_upload(certificate)
        recognition.certificate.save(certificate.name, certificate, save=False)


def recognition_create(
    *,
    user,
    enterprise,
    scheme: str,
    level: str,
    issued_on: dt.date,
    number: str = "",
    scheme_name: str = "",
    batch: Batch | None = None,
    valid_until: dt.date | None = None,
    renews: Recognition | None = None,
    certificate=None,
    note: str = "",
    is_demo: bool = False,
) -> Recognition:
    if scheme == c.Scheme.OTHER and not scheme_name:
        raise ValidationError("类别为“其他”时请填写资质名称。")
    if renews is not None and (renews.enterprise_id != enterprise.pk or renews.scheme != scheme):
        raise ValidationError("重新认定只能接续同一企业的同类资质。")
    recognition = Recognition(
        enterprise=enterprise,
        scheme=scheme,
        scheme_name=scheme_name,
        level=level,
        number=number,
        batch=batch,
        issued_on=issued_on,
        valid_until=valid_until or compute_valid_until(scheme, issued_on),
        renews=renews,
        note=note,
        is_demo=is_demo,
    )
    with transaction.atomic():
        _attach_certificate(recognition, certificate)
        object_create(recognition, user=user)
    return recognition


def recognition_update(*, user, recognition: Recognition, expected_version: int | None = None, **fields):
    certificate = fields.pop("certificate", None)
    for name, value in fields.items():
        setattr(recognition, name, value)
    if recognition.valid_until is None:
        recognition.valid_until = compute_valid_until(recognition.scheme, recognition.issued_on)
    with transaction.atomic():
        _attach_certificate(recognition, certificate)
        return object_update(recognition, user=user, expected_version=expected_version)


def recognition_end(*, user, recognition: Recognition, how: str, on: dt.date, reason: str) -> Recognition:
    """Record a revocation (撤销) or cancellation (取消) event; the status follows from it."""
    if how not in ("revoked", "cancelled"):
        raise ValidationError("未知的操作。")
    if not reason.strip():
        raise ValidationError("请填写撤销或取消的原因。")
    if recognition.revoked_on or recognition.cancelled_on:
        raise ValidationError("该资质已被撤销或取消。")
    setattr(recognition, f"{how}_on", on)
    recognition.end_reason = reason.strip()
    return object_update(recognition, user=user, message="撤销资质" if how == "revoked" else "取消资质")


@transaction.atomic
def annual_report_record(*, user, recognition: Recognition, year: int, submitted_on: dt.date) -> AnnualReport:
    if recognition.scheme != c.Scheme.HNTE:
        raise ValidationError("只有高新技术企业需要报送年报。")
    if year not in rules.hnte_report_years(recognition.issued_on, recognition.valid_until):
        raise ValidationError(f"{year}年度不在该证书的年报年度内。")
    if AnnualReport.objects.filter(recognition=recognition, year=year).exists():
        raise ValidationError(f"{year}年度年报已登记。")
    return object_create(
        AnnualReport(recognition=recognition, year=year, submitted_on=submitted_on), user=user
    )


def missed_annual_reports(recognition: Recognition, today: dt.date) -> list[int]:
    """Report years whose 31 May deadline has passed without a recorded submission."""
    if recognition.scheme != c.Scheme.HNTE or recognition.valid_until is None:
        return []
    done = {r.year for r in recognition.annual_reports.all()}
    return [
        year
        for year in rules.hnte_report_years(recognition.issued_on, recognition.valid_until)
        if dt.date(year + 1, 5, 31) < today and year not in done
    ]


def change_event_create(*, user, enterprise, kind: str, occurred_on: dt.date, description: str = "", **extra):
    return object_create(
        ChangeEvent(
            enterprise=enterprise, kind=kind, occurred_on=occurred_on, description=description, **extra
        ),
        user=user,
    )


def change_event_report(*, user, event: ChangeEvent, reported_on: dt.date) -> ChangeEvent:
    event.reported_on = reported_on
    return object_update(event, user=user, message="登记变更报告")


batch_create, batch_update = vk.creator(Batch), vk.updater("batch")


@transaction.atomic
def application_create(
    *,
    user,
    enterprise,
    batch: Batch,
    kind: str = c.ApplicationKind.NEW,
    renews: Recognition | None = None,
    officer=None,
    agency=None,
    assessment_id: int | None = None,
    note: str = "",
    started_on: dt.date | None = None,
    is_demo: bool = False,
) -> Application:
    if batch.park_id != enterprise.park_id:
        raise ValidationError("企业不属于该批次所在园区。")
    if kind == c.ApplicationKind.RENEWAL:
        if renews is None:
            raise ValidationError("重新认定须选择即将到期的原资质。")
        if renews.enterprise_id != enterprise.pk or renews.scheme != batch.scheme:
            raise ValidationError("原资质必须是本企业同类别的资质。")
    elif renews is not None:
        raise ValidationError("首次认定不能关联原资质。")
    started_on = started_on or timezone.localdate()
    application = object_create(
        Application(
            enterprise=enterprise,
            batch=batch,
            kind=kind,
            renews=renews,
            officer=officer or enterprise.assigned_officer,
            agency=agency,
            assessment_id=assessment_id,
            note=note,
            started_on=started_on,
            is_demo=is_demo,
        ),
        user=user,
    )
    ApplicationTransition.objects.create(
        application=application,
        from_status="",
        to_status=application.status,
        by=user,
        on=started_on,
        comment="登记申报意向",
    )
    return application


application_update = vk.updater("application")


def allowed_targets(application: Application, user) -> list[str]:
    targets = list(c.TRANSITIONS.get(application.status, ()))
    if not is_staff_role(user):
        targets = [t for t in targets if t not in c.STAFF_ONLY_TARGETS]
    return targets


@transaction.atomic
def application_transition(
    *,
    user,
    application: Application,
    to_status: str,
    comment: str = "",
    on: dt.date | None = None,
    number: str = "",
    issued_on: dt.date | None = None,
    certificate=None,
) -> Application:
    """Move the application one step; passing (通过) creates the recognition in the same transaction."""
    # Lock only the application row: PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
    application = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    from_status = application.status
    labels = dict(c.ApplicationStatus.choices)
    if to_status not in labels:
        raise TransitionError("未知的申报状态。")
    if to_status not in c.TRANSITIONS.get(from_status, ()):
        raise TransitionError(f"不允许从“{labels[from_status]}”变更为“{labels[to_status]}”。")
    if to_status in c.STAFF_ONLY_TARGETS and not is_staff_role(user):
        raise TransitionError(f"“{labels[to_status]}”须由园区工作人员办理。")
    on = on or timezone.localdate()
    if to_status == c.ApplicationStatus.PASSED:
        if not number.strip():
            raise TransitionError("通过时请填写证书编号或入库登记编号。")
        batch = application.batch
        application.recognition = recognition_create(
            user=user,
            enterprise=application.enterprise,
            scheme=batch.scheme,
            scheme_name=batch.scheme_name,
            level=batch.level,
            number=number.strip(),
            batch=batch,
            issued_on=issued_on or on,
            renews=application.renews,
            certificate=certificate,
        )
    if to_status in c.FINAL_STATUSES:
        application.decided_on = on
    application.status = to_status
    application.version += 1
    application.full_clean()
    application.save()
    ApplicationTransition.objects.create(
        application=application, from_status=from_status, to_status=to_status, by=user, on=on, comment=comment
    )
    audit.record(
        AuditEvent.TRANSITION,
        obj=application,
        user=user,
        changes={"status": [from_status, to_status]},
        message=comment,
    )
    return application


@transaction.atomic
def application_document_add(
    *, user, application: Application, uploaded, title: str = "", kind: str = c.DocumentKind.OTHER
) -> ApplicationDocument:
    if application.status in c.FINAL_STATUSES:
        raise ValidationError("申报已结束，不能再上传材料。")
    content_type = check_upload(uploaded)
    document = ApplicationDocument(
        application=application,
        kind=kind,
        title=(title or uploaded.name)[:200],
        content_type=content_type,
        size=uploaded.size,
        uploaded_by=user,
    )
    document.file.save(uploaded.name, uploaded, save=False)
    return object_create(document, user=user)


def notification_mark_read(*, user, pk: int | None = None) -> int:
    """Mark one (or, without pk, all) of the user's own notifications read; returns how many changed."""
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if pk is not None:
        qs = qs.filter(pk=pk)
    return qs.update(read_at=timezone.now())
