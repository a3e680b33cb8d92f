import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CLASSES = (
    ("大写字母", re.compile(r"[A-Z]")),
    ("小写字母", re.compile(r"[a-z]")),
    ("数字", re.compile(r"[0-9]")),
    ("符号", re.compile(r"[^A-Za-z0-9]")),
)


class CharacterClassesValidator:
    """Requires characters from at least `min_classes` of upper, lower, digit and symbol (等保 DB-AU-1)."""

    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        found = sum(1 for _, pattern in CLASSES if pattern.search(password))
        if found < self.min_classes:
            raise ValidationError(
                _("密码须包含大写字母、小写字母、数字、符号中的至少 %(n)s 类。") % {"n": self.min_classes},
                code="password_too_simple",
            )

    def get_help_text(self):
        return _("密码须包含大写字母、小写字母、数字、符号中的至少 %(n)s 类。") % {"n": self.min_classes}


class PasswordHistoryValidator:
    """A new password may not be the current one, any of the last PASSWORD_HISTORY_COUNT, or the latest
    password an administrator set (等保 DB-AU-1: history). Hashes only; every check costs one hashing."""

    def _recent_hashes(self, user) -> list[str]:
        from django.conf import settings

        from .models import PasswordHistory

        history = PasswordHistory.objects.filter(user=user)
        hashes = list(history.values_list("password_hash", flat=True)[: settings.PASSWORD_HISTORY_COUNT])
        admin_set = history.filter(set_by_admin=True).values_list("password_hash", flat=True).first()
        if admin_set:
            hashes.append(admin_set)
        if user.password:
            hashes.insert(0, user.password)
        return list(dict.fromkeys(h for h in hashes if h))

    def validate(self, password, user=None):
        if user is None or user.pk is None:
            return
        from django.contrib.auth.hashers import check_password

        for encoded in self._recent_hashes(user):
            if check_password(password, encoded):
                raise ValidationError(
                    _("新密码不能与当前密码、最近 %(count)s 次使用过的密码或管理员设置的初始密码相同。")
                    % {"count": self._count()},
                    code="password_reused",
                )

    def password_changed(self, password, user=None):
        """Called by Django after a new password is saved: remember its hash."""
        if user is None or user.pk is None or not user.password:
            return
        from .models import PasswordHistory

        PasswordHistory.objects.create(
            user=user, password_hash=user.password, set_by_admin=bool(user.must_change_password)
        )

    def _count(self) -> int:
        from django.conf import settings

        return settings.PASSWORD_HISTORY_COUNT

    def get_help_text(self):
        return _("新密码不能与最近 %(count)s 次使用过的密码或管理员设置的初始密码相同。") % {
            "count": self._count()
        }
