"""Account administration by the 安全管理员, with the two-person rule (等保 2.0 §8.1.4.2 d, §8.1.5).

One security administrator alone may open accounts of the business roles, edit them, unlock them and reset
their passwords. A second one must approve (`CredentialRequest`) before:
- any second-factor reset;
- a password reset of a protected account (administrators, auditors) or of the requester's own account;
- a role change to or from a protected role (and a new account with such a role stays disabled until then).
Every change and every decision is audited.
"""

from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from innoladder.core import audit
from innoladder.core.models import AuditEvent

from . import mfa, roles
from .choices import RequestKind, RequestStatus, Role
from .models import CredentialRequest, PasswordHistory, User

PROFILE_FIELDS = ("display_name", "role", "agency_id", "enterprise_id", "region_id", "is_active")

# Roles whose whole scope is their parks: without a park such an account sees nothing.
PARK_ROLES = frozenset({Role.OFFICER, Role.AUDITOR})


def park_missing(role: str, has_parks: bool) -> str:
    """Why an account of `role` cannot be stored without a park ("" when it can)."""
    if role in PARK_ROLES and not has_parks:
        return gettext("%(role)s账户须选择至少一个所属园区。") % {"role": Role(role).label}
    return ""


def _require_secadmin(by: User) -> None:
    if not roles.can_manage_accounts(by):
        raise PermissionDenied


def needs_second_person(by: User, target: User) -> bool:
    return target.pk == by.pk or target.role in roles.PROTECTED_ROLES


def _profile(user: User) -> dict:
    data = {name: getattr(user, name) for name in PROFILE_FIELDS}
    data["parks"] = sorted(user.parks.values_list("pk", flat=True)) if user.pk else []
    return data


def _account_save(user: User, parks=None, *, require_park: bool = True) -> None:
    """Check and store the account. Only an agency account names an agency, only an enterprise account an
    enterprise, only a regional account a region: the links another role would have are cleared first.
    An officer or auditor account needs at least one park (`parks`, else the parks it already has) unless
    `require_park` is off (an account being disabled)."""
    if user.role != Role.AGENCY:
        user.agency = None
    if user.role != Role.ENTERPRISE:
        user.enterprise = None
    if user.role != Role.REGIONAL:
        user.region = None
    has_parks = bool(parks) if parks is not None else user.parks.exists()
    missing = park_missing(user.role, has_parks) if require_park else ""
    if missing:
        raise ValidationError({"parks": missing})
    user.full_clean(exclude=["password"])
    user.save()
    if parks is not None:
        user.parks.set(parks)


def _request(*, kind: str, target: User, by: User, reason: str, new_role: str = "", password_hash: str = ""):
    if CredentialRequest.objects.filter(target=target, kind=kind, status=RequestStatus.PENDING).exists():
        raise ValidationError("该账户已有一条同类申请等待复核，请等待另一名安全管理员处理。")
    req = CredentialRequest.objects.create(
        kind=kind,
        target=target,
        new_role=new_role,
        password_hash=password_hash,
        reason=reason,
        requested_by=by,
    )
    audit.record(
        AuditEvent.CREATE,
        obj=req,
        user=by,
        changes={"kind": kind, "target": target.username, "new_role": new_role, "reason": reason},
        message="提交复核申请（须另一名安全管理员批准）",
    )
    return req


@transaction.atomic
def user_create(
    *,
    by: User,
    username: str,
    display_name: str,
    role: str,
    parks,
    agency,
    enterprise,
    password: str,
    region=None,
) -> tuple[User, CredentialRequest | None]:
    """Open an account with an initial password its user must change; a protected role waits for approval."""
    _require_secadmin(by)
    protected = role in roles.PROTECTED_ROLES
    user = User(
        username=username.strip(),
        display_name=display_name,
        role=role,
        agency=agency,
        enterprise=enterprise,
        region=region,
        must_change_password=True,
        is_active=not protected,
    )
    user.set_password(password)
    _account_save(user, parks)
    audit.record(AuditEvent.CREATE, obj=user, user=by, changes=_profile(user), message="安全管理员开设账户")
    req = None
    if protected:
        req = _request(
            kind=RequestKind.ROLE_GRANT,
            target=user,
            by=by,
            new_role=role,
            reason=f"新开设{Role(role).label}账户",
        )
    return user, req


@transaction.atomic
def user_update(
    *,
    by: User,
    user: User,
    display_name: str,
    role: str,
    parks,
    agency,
    enterprise,
    is_active: bool,
    reason: str,
    region=None,
) -> CredentialRequest | None:
    """Edit an account; a role change to or from a protected role becomes a request for approval."""
    _require_secadmin(by)
    if user.pk == by.pk:
        raise ValidationError("不能修改自己的账户角色与状态，请由另一名安全管理员办理。")
    before = _profile(user)
    req = None
    if role != user.role and (role in roles.PROTECTED_ROLES or user.role in roles.PROTECTED_ROLES):
        req = _request(kind=RequestKind.ROLE_GRANT, target=user, by=by, new_role=role, reason=reason)
        role = user.role
    user.display_name = display_name
    user.role = role
    user.agency = agency
    user.enterprise = enterprise
    user.region = region
    user.is_active = is_active
    _account_save(user, parks, require_park=is_active)
    changes = audit.diff(before, _profile(user))
    if changes:
        audit.record(
            AuditEvent.UPDATE, obj=user, user=by, changes=changes, message=reason or "安全管理员修改账户"
        )
    return req


@transaction.atomic
def password_reset(*, by: User, user: User, password: str, reason: str) -> CredentialRequest | None:
    """Set a password the user must change at the next login; for protected accounts, after approval."""
    _require_secadmin(by)
    if needs_second_person(by, user):
        return _request(
            kind=RequestKind.PASSWORD_RESET,
            target=user,
            by=by,
            reason=reason,
            password_hash=make_password(password),
        )
    user.must_change_password = True
    user.set_password(password)
    user.save()
    audit.record(AuditEvent.PASSWORD_CHANGE, obj=user, user=by, message=f"安全管理员重置密码：{reason}")
    return None


@transaction.atomic
def mfa_reset_request(*, by: User, user: User, reason: str) -> CredentialRequest:
    _require_secadmin(by)
    return _request(kind=RequestKind.MFA_RESET, target=user, by=by, reason=reason)


@transaction.atomic
def user_unlock(*, by: User, user: User) -> None:
    _require_secadmin(by)
    User.objects.filter(pk=user.pk).update(locked_until=None, failed_login_count=0)
    audit.record(
        AuditEvent.UPDATE,
        obj=user,
        user=by,
        changes={"locked_until": [str(user.locked_until), None]},
        message="安全管理员解除锁定",
    )


@transaction.atomic
def request_decide(*, by: User, request_id: int, approve: bool) -> CredentialRequest:
    """The second security administrator approves (and the change happens now) or rejects a request."""
    _require_secadmin(by)
    req = (
        CredentialRequest.objects.select_for_update()
        .select_related("target", "requested_by")
        .get(pk=request_id)
    )
    if req.status != RequestStatus.PENDING:
        raise ValidationError("该申请已处理。")
    if by.pk == req.requested_by_id:
        raise ValidationError("申请人不能复核自己的申请，须由另一名安全管理员复核。")
    if by.pk == req.target_id:
        raise ValidationError("不能复核涉及自己账户的申请。")
    target = req.target
    who = f"申请人 {req.requested_by.username}，复核人 {by.username}"
    if approve:
        _execute(req, target, by=by, who=who)
    req.status = RequestStatus.APPROVED if approve else RequestStatus.REJECTED
    req.decided_by = by
    req.decided_at = timezone.now()
    req.password_hash = ""
    req.save()
    audit.record(
        AuditEvent.TRANSITION,
        obj=req,
        user=by,
        changes={"status": [RequestStatus.PENDING, req.status]},
        message=f"{'批准' if approve else '驳回'}{req.get_kind_display()}：{target.username}（{who}）",
    )
    return req


def _execute(req: CredentialRequest, target: User, *, by: User, who: str) -> None:
    if req.kind == RequestKind.MFA_RESET:
        mfa.second_factor_remove(target, by=by, message=f"经复核重置双因素认证（{who}）")
    elif req.kind == RequestKind.PASSWORD_RESET:
        now = timezone.now()
        target.password = req.password_hash
        target.must_change_password = True
        target.password_changed_at = now
        target.save(update_fields=["password", "must_change_password", "password_changed_at"])
        PasswordHistory.objects.create(
            user=target, password_hash=req.password_hash, set_by_admin=True, created_at=now
        )
        audit.record(AuditEvent.PASSWORD_CHANGE, obj=target, user=by, message=f"经复核重置密码（{who}）")
    elif req.kind == RequestKind.ROLE_GRANT:
        before = _profile(target)
        target.role = req.new_role
        if target.last_login is None:
            target.is_active = True  # an account opened for this role starts when the role is approved
        _account_save(target)
        audit.record(
            AuditEvent.UPDATE,
            obj=target,
            user=by,
            changes=audit.diff(before, _profile(target)),
            message=f"经复核变更角色（{who}）",
        )
