from django import forms
from django.conf import settings
from django.contrib.auth.forms import AdminPasswordChangeForm, AdminUserCreationForm, AuthenticationForm
from django.utils import timezone

from . import services
from .password_policy import is_dormant


class LockoutAuthenticationForm(AuthenticationForm):
    """Login form that refuses locked accounts and counts failures (等保 DB-AU-2)."""

    error_messages = {
        "invalid_login": "用户名或密码错误。连续 5 次错误将锁定账户 30 分钟。",
        "inactive": "该账户已停用。",
        "locked": "该账户因多次登录失败已被锁定，请 %(minutes)s 分钟后再试。",
        "dormant": "该账户超过 %(days)s 天未登录，已停用，请联系系统管理员。",
    }

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
        user = services.find_user(username) if username else None
        if user is not None:
            minutes = services.lock_remaining_minutes(user)
            if minutes:
                services.login_failed(username)
                raise forms.ValidationError(
                    self.error_messages["locked"], code="locked", params={"minutes": minutes}
                )
        try:
            return super().clean()
        except forms.ValidationError:
            if username:
                services.login_failed(username)
            raise


class InitialPasswordCreationForm(AdminUserCreationForm):
    """An account created by an administrator: its first password must be changed at first login."""

    def save(self, commit=True):
        self.instance.must_change_password = True
        return super().save(commit)


class ResetPasswordForm(AdminPasswordChangeForm):
    """A password reset by an administrator must be changed by its user at the next login."""

    def save(self, commit=True):
        self.user.must_change_password = True
        return super().save(commit)
