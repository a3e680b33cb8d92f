"""Writes of the services app: visits and enterprise requests (audited, requests with history)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from innoladder.accounts.choices import Role
from innoladder.core import audit
from innoladder.core.models import AuditEvent
from innoladder.core.services import acting_user, check_step, object_create, object_update

from . import rules
from .choices import REQUEST_TRANSITIONS, RequestStatus
from .models import EnterpriseRequest, RequestHistory, Visit, VisitImportRow


def _ids(items) -> list[int]:
    return sorted(item.pk for item in items)


@transaction.atomic
def visit_create(*, user, enterprises, staff=(), **fields) -> Visit:
    if not enterprises:
        raise ValidationError("请至少选择一家走访企业。")
    visit = Visit(created_by=acting_user(user), **fields)
    visit.full_clean()
    visit.save()
    visit.enterprises.set(enterprises)
    visit.staff.set(staff)
    after = audit.snapshot(visit) | {"enterprises": _ids(enterprises), "staff": _ids(staff)}
    audit.record(AuditEvent.CREATE, obj=visit, changes={"after": after}, user=user)
    return visit


@transaction.atomic
def visit_update(*, visit: Visit, user, enterprises, staff=(), expected_version=None, **fields) -> Visit:
    if not enterprises:
        raise ValidationError("请至少选择一家走访企业。")
    for name, value in fields.items():
        setattr(visit, name, value)
    before = {"enterprises": _ids(visit.enterprises.all()), "staff": _ids(visit.staff.all())}
    object_update(visit, user=user, expected_version=expected_version)
    visit.enterprises.set(enterprises)
    visit.staff.set(staff)
    after = {"enterprises": _ids(enterprises), "staff": _ids(staff)}
    changes = audit.diff(before, after)
    if changes:
        audit.record(AuditEvent.UPDATE, obj=visit, changes=changes, user=user, message="走访企业或人员变更")
    return visit


def _check_request(request: EnterpriseRequest) -> None:
    """A request is raised no later than today, and its source visit visited the request's enterprise."""
    if request.raised_on > timezone.localdate():
        raise ValidationError({"raised_on": gettext("提出日期不能晚于今天。")})
    visit = request.visit
    if visit is not None and not visit.enterprises.filter(pk=request.enterprise_id).exists():
        message = gettext("所选走访未走访“%(name)s”，请选择走访过该企业的记录。")
        raise ValidationError({"visit": message % {"name": request.enterprise.name}})


def _history(request: EnterpriseRequest, *, from_status: str, to_status: str, user, comment: str = ""):
    RequestHistory.objects.create(
        request=request,
        from_status=from_status,
        to_status=to_status,
        actor=acting_user(user),
        comment=comment,
    )


@transaction.atomic
def request_create(
    *,
    user,
    enterprise,
    category,
    title: str,
    raised_on: dt.date | None = None,
    description: str = "",
    visit: Visit | None = None,
    department: str = "",
    responsible: str = "",
    is_demo: bool = False,
) -> EnterpriseRequest:
    """Register a request; its deadline is the category's day rule counted from the day it was raised."""
    raised_on = raised_on or timezone.localdate()
    request = EnterpriseRequest(
        enterprise=enterprise,
        category=category,
        title=title,
        description=description,
        raised_on=raised_on,
        raised_by=acting_user(user),
        visit=visit,
        department=department,
        responsible=responsible,
        due_on=rules.request_due_on(raised_on, category.days),
        is_demo=is_demo,
    )
    _check_request(request)
    object_create(request, user=user)
    _history(request, from_status="", to_status=RequestStatus.PENDING, user=user, comment="提出诉求")
    return request


@transaction.atomic
def request_update(*, request: EnterpriseRequest, user, expected_version=None, **fields) -> EnterpriseRequest:
    """Edit the request's details; a changed category or date recomputes the deadline."""
    for name, value in fields.items():
        setattr(request, name, value)
    request.due_on = rules.request_due_on(request.raised_on, request.category.days)
    _check_request(request)
    return object_update(request, user=user, expected_version=expected_version)


@transaction.atomic
def request_transition(
    *,
    request: EnterpriseRequest,
    user,
    to_status: str,
    comment: str = "",
    resolution: str = "",
    on: dt.date | None = None,
    expected_version=None,
) -> EnterpriseRequest:
    """Move a request along 待受理 → 办理中 → 已办结, or 退回 (with a reason) from an open state."""
    current = request.status
    check_step(request, to_status, REQUEST_TRANSITIONS, "诉求当前状态为「{current}」，不能变更为「{to}」。")
    if to_status == RequestStatus.RETURNED:
        if not comment.strip():
            raise ValidationError("退回诉求必须填写退回原因。")
        request.return_reason = comment.strip()
    if to_status == RequestStatus.RESOLVED:
        if not resolution.strip():
            raise ValidationError("办结诉求必须填写办理结果。")
        request.resolution = resolution.strip()
        request.resolved_on = on or timezone.localdate()
    request.status = to_status
    object_update(request, user=user, expected_version=expected_version)
    _history(request, from_status=current, to_status=to_status, user=user, comment=comment or resolution)
    audit.record(
        AuditEvent.TRANSITION,
        obj=request,
        changes={"status": [current, to_status]},
        user=user,
        message=comment or resolution,
    )
    return request


@transaction.atomic
def request_rate(*, request: EnterpriseRequest, user, score: int, note: str = "") -> EnterpriseRequest:
    """The enterprise's own user rates a resolved request 1–5."""
    if user is None or user.role != Role.ENTERPRISE or user.enterprise_id != request.enterprise_id:
        raise ValidationError("只有提出诉求的企业本身可以评价满意度。")
    if request.status != RequestStatus.RESOLVED:
        raise ValidationError("诉求办结后才能评价满意度。")
    if not 1 <= int(score) <= 5:
        raise ValidationError("满意度应为1至5分。")
    request.satisfaction = int(score)
    request.satisfaction_note = note
    return object_update(request, user=user, message="满意度评价")


@transaction.atomic
def visit_import_apply(*, user) -> int:
    """Turn pending imported rows into visits: rows with the same date, department, staff, topics and notes
    become one visit covering all their enterprises. Returns the number of visits created."""
    from . import selectors

    rows = list(selectors.pending_import_rows(user).select_related("enterprise"))
    groups: dict[tuple, list] = {}
    for row in rows:
        key = (
            row.visited_on,
            row.department,
            row.staff_names,
            row.topics,
            row.notes,
            row.follow_up,
            row.agency_id,
        )
        groups.setdefault(key, []).append(row)
    for (visited_on, department, staff_names, topics, notes, follow_up, agency_id), members in groups.items():
        visit = visit_create(
            user=user,
            enterprises=[row.enterprise for row in members],
            staff=[],
            visited_on=visited_on,
            department=department,
            staff_names=staff_names,
            topics=[code for code in topics.split(",") if code],
            notes=notes,
            follow_up=follow_up,
            agency_id=agency_id,
        )
        VisitImportRow.objects.filter(pk__in=[row.pk for row in members]).update(visit=visit)
    return len(groups)
