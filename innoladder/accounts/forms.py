from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innoladder.core.middleware import client_ip

from . import services
from .password_policy import is_dormant


class LockoutAuthenticationForm(AuthenticationForm):
    """Login form: per-address limit, lockout and failure counting (等保 DB-AU-2).

    An unknown user name, a wrong password and a locked account get the same message after the same
    hashing work, so nobody can tell which accounts exist or are locked.
    """

    error_messages = {
        "invalid_login": _(
            "用户名或密码错误。连续 %(max)s 次错误将锁定账户 %(minutes)s 分钟，锁定期间无法登录。"
        ),
        "throttled": _("来自您网络地址的登录失败次数过多，请 %(minutes)s 分钟后再试。"),
        "inactive": _("该账户已停用。"),
        "dormant": _("该账户超过 %(days)s 天未登录，已停用，请联系系统管理员。"),
    }

    def get_invalid_login_error(self):
        return forms.ValidationError(
            self.error_messages["invalid_login"],
            code="invalid_login",
            params={"max": settings.LOGIN_MAX_FAILURES, "minutes": settings.LOGIN_LOCKOUT_MINUTES},
        )

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if is_dormant(user, timezone.now()):
            services.account_disable(
                user, reason=f"超过 {settings.ACCOUNT_DORMANT_DAYS} 天未登录，登录时停用", by=user
            )
            raise forms.ValidationError(
                self.error_messages["dormant"], code="dormant", params={"days": settings.ACCOUNT_DORMANT_DAYS}
            )

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        ip = client_ip(self.request) if self.request is not None else None
        if services.ip_throttled(ip):
            services.login_throttled(username, ip)
            raise forms.ValidationError(
                self.error_messages["throttled"],
                code="throttled",
                params={"minutes": settings.LOGIN_IP_WINDOW_MINUTES},
            )
        user = services.find_user(username) if username else None
        if user is not None and services.lock_remaining_minutes(user):
            services.burn_password_check(user, password)
            services.login_failed(username, ip)
            raise self.get_invalid_login_error()
        try:
            return super().clean()
        except forms.ValidationError:
            if username:
                services.login_failed(username, ip)
            raise
