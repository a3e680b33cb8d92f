"""Login bookkeeping: failure counting, lockout, and the audit entries for authentication events."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from innoladder.core import audit
from innoladder.core.models import AuditEvent

from .models import LoginFailure, User
from .password_policy import is_dormant


def find_user(username: str) -> User | None:
    return User.objects.filter(username__iexact=(username or "").strip()).first()


def lock_remaining_minutes(user: User, now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    if user.locked_until and user.locked_until > now:
        return max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
    return 0


def ip_throttled(ip: str | None, now: dt.datetime | None = None) -> bool:
    """Too many failed logins from this address lately (any accounts): refuse before checking anything."""
    now = now or timezone.now()
    since = now - dt.timedelta(minutes=settings.LOGIN_IP_WINDOW_MINUTES)
    return LoginFailure.objects.filter(ip=ip, at__gte=since).count() >= settings.LOGIN_IP_MAX_FAILURES


def _note_failure(ip: str | None) -> None:
    now = timezone.now()
    LoginFailure.objects.create(ip=ip, at=now)
    # Keep the table to what the window needs (a day is plenty); the index on `at` makes this cheap.
    LoginFailure.objects.filter(at__lt=now - dt.timedelta(days=1)).delete()


def _safe(username: str) -> str:
    return (username or "").replace("\r", "\\r").replace("\n", "\\n")[:150]


def _record_name_failure(username: str, message: str) -> None:
    """A failed login recorded against the name typed, where no account is at hand."""
    audit.record(
        AuditEvent.LOGIN_FAILED,
        result="failure",
        message=message,
        object_type="accounts.User",
        object_repr=_safe(username),
    )


@transaction.atomic
def login_throttled(username: str, ip: str | None) -> None:
    _note_failure(ip)
    _record_name_failure(username, f"来源地址登录失败过多，已限流（用户名：{_safe(username)}）")


@transaction.atomic
def login_failed(username: str, ip: str | None = None, *, step: str = "密码") -> None:
    """A failed attempt: counted per address, and per account unless the account is locked already.

    Attempts during a lock neither count nor extend it: otherwise anyone who knows a user name could keep
    that account locked for ever by trying a wrong password every half hour.
    """
    _note_failure(ip)
    user = find_user(username)
    if user is None:
        _record_name_failure(username, f"未知用户名：{_safe(username)}")
        return
    if lock_remaining_minutes(user):
        audit.record(AuditEvent.LOGIN_FAILED, obj=user, result="failure", message="账户锁定期间的登录尝试")
        return
    User.objects.filter(pk=user.pk).update(failed_login_count=F("failed_login_count") + 1)
    user.refresh_from_db(fields=["failed_login_count"])
    audit.record(
        AuditEvent.LOGIN_FAILED,
        obj=user,
        result="failure",
        message=f"{step}错误，连续失败 {user.failed_login_count} 次",
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


def burn_password_check(user: User, password: str) -> None:
    """Hash the offered password as a real check would, so a locked account answers in the same time."""
    user.check_password(password or "")


@transaction.atomic
def login_succeeded(user: User, *, second_factor: bool = False) -> None:
    """Both steps passed (or the only one the account has): reset the failure count and audit the login."""
    User.objects.filter(pk=user.pk).update(failed_login_count=0, locked_until=None)
    audit.record(
        AuditEvent.LOGIN, obj=user, user=user, message="口令 + 动态验证码" if second_factor else "口令"
    )


def logged_out(user) -> None:
    if user is not None and user.is_authenticated:
        audit.record(AuditEvent.LOGOUT, obj=user, user=user)


def password_changed(user) -> None:
    """The user chose a new password: any administrator-set password is now replaced."""
    if user.must_change_password:
        User.objects.filter(pk=user.pk).update(must_change_password=False)
        user.must_change_password = False
    audit.record(AuditEvent.PASSWORD_CHANGE, obj=user, user=user)


def recovery_codes_renewed(user) -> None:
    audit.record(AuditEvent.UPDATE, obj=user, user=user, message="重新生成双因素认证恢复码（旧恢复码作废）")


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
