from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """A personal API token: named, expiring, revocable; only a SHA-256 hash of its secret is stored.

    The token text is ``il_<prefix>_<secret>``: the prefix finds the row (unique, indexed), the secret's hash
    is compared in constant time. The text is shown once when issued and cannot be recovered afterwards.
    The rate-limit window (``window_start``, ``window_count``) lives on the row so that every worker process
    counts against the same numbers (see throttling.py).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("用户")
    )
    name = models.CharField(_("名称"), max_length=100)
    prefix = models.CharField(_("前缀"), max_length=16, unique=True)
    digest = models.CharField(_("密钥哈希"), max_length=64)
    created_at = models.DateTimeField(_("签发时间"), auto_now_add=True)
    expires_at = models.DateTimeField(_("有效期至"))
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    window_start = models.DateTimeField(_("限流窗口起点"), null=True, blank=True, editable=False)
    window_count = models.PositiveIntegerField(_("限流窗口内请求数"), default=0, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = _("接口令牌")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.name}（{self.prefix}）"

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now

    @property
    def state_label(self) -> str:
        if self.revoked_at is not None:
            return "已吊销"
        if self.expires_at <= timezone.now():
            return "已过期"
        return "有效"
