"""Login bookkeeping: failure counting, lockout, and the audit entries for authentication events."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from innoladder.core import audit
from innoladder.core.models import AuditEvent

from .models import User
from .password_policy import is_dormant


def find_user(username: str) -> User | None:
    return User.objects.filter(username__iexact=(username or "").strip()).first()


def lock_remaining_minutes(user: User, now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    if user.locked_until and user.locked_until > now:
        return max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
    return 0


@transaction.atomic
def login_failed(username: str) -> None:
    user = find_user(username)
    safe_name = (username or "").replace("\r", "\\r").replace("\n", "\\n")[:150]
    if user is None:
        audit.record(
            AuditEvent.LOGIN_FAILED,
            result="failure",
            message=f"未知用户名：{safe_name}",
            object_type="accounts.User",
            object_repr=safe_name,
        )
        return
    User.objects.filter(pk=user.pk).update(failed_login_count=F("failed_login_count") + 1)
    user.refresh_from_db(fields=["failed_login_count"])
    audit.record(
        AuditEvent.LOGIN_FAILED, obj=user, result="failure", message=f"连续失败 {user.failed_login_count} 次"
    )
    if user.failed_login_count >= settings.LOGIN_MAX_FAILURES:
        until = timezone.now() + dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
        User.objects.filter(pk=user.pk).update(locked_until=until, failed_login_count=0)
        audit.record(
            AuditEvent.LOCKOUT,
            obj=user,
            result="failure",
            message=f"连续 {settings.LOGIN_MAX_FAILURES} 次登录失败，锁定至 {until:%Y-%m-%d %H:%M}",
        )


@transaction.atomic
def login_succeeded(user: User) -> None:
    User.objects.filter(pk=user.pk).update(failed_login_count=0, locked_until=None)
    audit.record(AuditEvent.LOGIN, obj=user, user=user)


def logged_out(user) -> None:
    if user is not None and user.is_authenticated:
        audit.record(AuditEvent.LOGOUT, obj=user, user=user)


def password_changed(user) -> None:
    """The user chose a new password: any administrator-set password is now replaced."""
    if user.must_change_password:
        User.objects.filter(pk=user.pk).update(must_change_password=False)
        user.must_change_password = False
    audit.record(AuditEvent.PASSWORD_CHANGE, obj=user, user=user)


@transaction.atomic
def account_disable(user: User, *, reason: str, by=None) -> None:
    """Disable an account (kept, never deleted) and end its sessions; audited."""
    User.objects.filter(pk=user.pk).update(is_active=False)
    user.is_active = False
    audit.record(AuditEvent.ACCOUNT_DISABLED, obj=user, user=by, result="success", message=reason)


def disable_dormant_accounts(now: dt.datetime | None = None) -> list[User]:
    """Disable every active account without a login for longer than ACCOUNT_DORMANT_DAYS (等保 DB-AC-3)."""
    now = now or timezone.now()
    disabled = []
    for user in User.objects.filter(is_active=True).order_by("pk"):
        if is_dormant(user, now):
            account_disable(user, reason=f"超过 {settings.ACCOUNT_DORMANT_DAYS} 天未登录，自动停用")
            disabled.append(user)
    return disabled
