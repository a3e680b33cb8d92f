"""When a password must be changed and when an account has gone dormant (等保 DB-AU-1, DB-AC-3)."""

import datetime as dt

from django.conf import settings
from django.utils.translation import gettext as _

from .choices import Role

# Accounts of the bureau and its agencies change their password periodically; enterprise users only when
# an administrator set or reset it.
PERIODIC_ROLES = frozenset(
    {Role.ADMIN, Role.OFFICER, Role.AGENCY, Role.AUDITOR, Role.SYSADMIN, Role.SECADMIN, Role.AUDITADMIN}
)


def password_change_reason(user, now: dt.datetime) -> str:
    """Why this user must change the password before doing anything else; "" when nothing is due."""
    if user.must_change_password:
        return _("您的密码由管理员设置或重置，请先修改密码。")
    if user.role in PERIODIC_ROLES:
        changed = user.password_changed_at
        if changed is None or now - changed > dt.timedelta(days=settings.PASSWORD_MAX_AGE_DAYS):
            return _("密码已超过 %(days)s 天未修改，请先修改密码。") % {
                "days": settings.PASSWORD_MAX_AGE_DAYS
            }
    return ""


def is_dormant(user, now: dt.datetime) -> bool:
    """No login (or, never logged in, no account) for longer than ACCOUNT_DORMANT_DAYS."""
    last = user.last_login or user.date_joined
    return now - last > dt.timedelta(days=settings.ACCOUNT_DORMANT_DAYS)
