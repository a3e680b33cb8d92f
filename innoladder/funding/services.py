"""Writes of the funding app: audited, in a transaction, every status change with a history row."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from innoladder.core import audit
from innoladder.core import viewkit as vk
from innoladder.core.scoping import is_staff_role
from innoladder.core.services import check_step, object_create, object_transition, object_update
from innoladder.eligibility.voucher import voucher_use as compute_voucher_use
from innoladder.enterprises.models import Enterprise

from . import choices as c
from .models import FundApplication, FundApplicationHistory, Programme, VoucherUse
from .selectors import voucher_used_in_year

S = c.ApplicationStatus


programme_create, programme_update = vk.creator(Programme), vk.updater("programme")


@transaction.atomic
def fund_application_create(*, user, **fields) -> FundApplication:
    fields.setdefault("status", S.APPLIED)
    application = object_create(FundApplication(**fields), user=user)
    FundApplicationHistory.objects.create(
        application=application, from_status="", to_status=application.status, actor=user, comment="新建申请"
    )
    return application


def _editable(application: FundApplication, user) -> None:
    if application.status in (S.REJECTED, S.PAID):
        raise ValidationError(f"申请已{application.get_status_display()}，不能再修改")


# Edit the application's own data; amounts decided and status move only through transitions.
fund_application_update = vk.updater(
    "application",
    check=_editable,
    fixed=("status", "approved_amount", "paid_amount", "decided_on", "paid_on", "accepted_on"),
)


@transaction.atomic
def fund_application_transition(
    *,
    application: FundApplication,
    to_status: str,
    user,
    on: dt.date | None = None,
    amount: Decimal | None = None,
    comment: str = "",
) -> FundApplication:
    """Move an application one step: 申请 → 已受理 → 已批准/未批准 → 已拨付 (园区工作人员 only)."""
    if not is_staff_role(user):
        raise PermissionDenied("只有园区工作人员可以办理资金申请")
    current = FundApplication.objects.select_for_update().get(pk=application.pk)
    check_step(current, to_status, c.TRANSITIONS, "申请当前状态为“{current}”，不能变更为“{to}”")
    on = on or timezone.localdate()
    before = audit.snapshot(current)
    if to_status == S.ACCEPTED:
        current.accepted_on = on
    elif to_status == S.APPROVED:
        if amount is None:
            raise ValidationError({"amount": "请填写批准金额"})
        current.approved_amount = amount
        current.decided_on = on
    elif to_status == S.REJECTED:
        if not comment.strip():
            raise ValidationError({"comment": "未批准时请填写原因"})
        current.decided_on = on
    elif to_status == S.PAID:
        current.paid_amount = current.approved_amount if amount is None else amount
        current.paid_on = on
        if current.decided_on and on < current.decided_on:
            raise ValidationError({"on": "拨付日期不能早于批复日期"})
    return object_transition(
        current, to_status, user=user, before=before, history=FundApplicationHistory, comment=comment
    )


# What `voucher_use` decides for a draw, never typed.
COMPUTED = ("amount", "used_before", "explanation")


def _compute(use: VoucherUse) -> None:
    """Check a draw, then decide it against the enterprise's other draws of the year. The enterprise is locked
    first: two draws at once cannot both take the last of the quota."""
    if use.enterprise_id:
        Enterprise.objects.select_for_update().filter(pk=use.enterprise_id).first()
    use.full_clean(exclude=list(COMPUTED))
    rules = use.programme.voucher_rules()
    used = voucher_used_in_year(use.enterprise_id, use.used_on.year, exclude_pk=use.pk)
    result = compute_voucher_use(use.fee, use.service_type, use.holder_type, used, rules)
    use.used_before = used
    use.amount = result.amount
    use.explanation = result.explanation


@transaction.atomic
def voucher_use_create(*, user, **fields) -> VoucherUse:
    """Record a voucher draw; the amount is min(fee × share, quota − used this year) (criteria §7.4)."""
    use = VoucherUse(**fields)
    _compute(use)
    return object_create(use, user=user, message=use.explanation)


@transaction.atomic
def voucher_use_update(*, use: VoucherUse, user, expected_version: int | None = None, **fields) -> VoucherUse:
    """Edit a draw and compute it again against the year's other draws."""
    for name in COMPUTED:
        fields.pop(name, None)
    for name, value in fields.items():
        setattr(use, name, value)
    _compute(use)
    return object_update(use, user=user, expected_version=expected_version, message=use.explanation)
