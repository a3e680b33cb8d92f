from django import forms
from django.contrib.auth.forms import AuthenticationForm

from . import services


class LockoutAuthenticationForm(AuthenticationForm):
    """Login form that refuses locked accounts and counts failures (等保 DB-AU-2)."""

    error_messages = {
        "invalid_login": "用户名或密码错误。连续 5 次错误将锁定账户 30 分钟。",
        "inactive": "该账户已停用。",
        "locked": "该账户因多次登录失败已被锁定，请 %(minutes)s 分钟后再试。",
    }

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
