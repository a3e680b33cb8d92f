from django.db import models


class BatchStatus(models.TextChoices):
    PREVIEWED = "previewed", "已预检"
    INVALID = "invalid", "预检未通过"
    QUEUED = "queued", "写入中"
    COMMITTED = "committed", "已导入"
    FAILED = "failed", "导入失败"
