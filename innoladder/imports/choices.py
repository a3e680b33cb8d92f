from django.db import models
from django.utils.translation import gettext_lazy as _


class BatchStatus(models.TextChoices):
    PREVIEWED = "previewed", _("已预检")
    INVALID = "invalid", _("预检未通过")
    QUEUED = "queued", _("写入中")
    COMMITTED = "committed", _("已导入")
    FAILED = "failed", _("导入失败")
