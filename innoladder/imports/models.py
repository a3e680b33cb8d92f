import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from innoladder.core.models import detail_url, optional_fk

from .choices import BatchStatus


class ImportBatch(models.Model):
    """One uploaded file for one dataset: its hash, who sent it, the dry-run counts and the commit outcome.

    The file itself is kept under a random name in MEDIA_ROOT/imports (never the user's file name), so
    the commit job and the error report read exactly the bytes that were previewed.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dataset = models.CharField(_("数据集"), max_length=60, db_index=True)
    dataset_title = models.CharField(_("数据集名称"), max_length=100)
    file_name = models.CharField(_("原文件名"), max_length=255)
    file_sha256 = models.CharField(_("文件SHA-256"), max_length=64, db_index=True)
    file_size = models.PositiveIntegerField(_("文件大小"))
    stored_name = models.CharField(_("存储文件名"), max_length=80)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="import_batches",
        verbose_name=_("导入人"),
    )
    park = optional_fk("enterprises.Park", _("园区"))
    enterprise = optional_fk("enterprises.Enterprise", _("企业"))
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=BatchStatus.choices, default=BatchStatus.PREVIEWED
    )
    rows_total = models.PositiveIntegerField(_("数据行数"), default=0)
    rows_create = models.PositiveIntegerField(_("新增"), default=0)
    rows_update = models.PositiveIntegerField(_("更新"), default=0)
    rows_unchanged = models.PositiveIntegerField(_("未变化"), default=0)
    rows_error = models.PositiveIntegerField(_("有错误的行"), default=0)
    example_rows = models.PositiveIntegerField(_("忽略的示例行"), default=0)
    rows_skip = models.PositiveIntegerField(_("跳过"), default=0)
    # Dataset.options_form's choices for the whole file: {"values": {...}, "shown": [[label, text], ...]}
    options = models.JSONField(_("文件选项"), default=dict, blank=True)
    row_notes = models.JSONField(_("逐行结果"), default=list, blank=True)  # [row, key, outcome, note, skip]
    errors = models.JSONField(_("错误"), default=list, blank=True)
    file_errors = models.JSONField(_("文件级问题"), default=list, blank=True)
    warnings = models.JSONField(_("提示"), default=list, blank=True)
    duplicate_of = optional_fk("self", _("相同文件的已导入批次"))
    job = optional_fk("core.Job")
    committed_at = models.DateTimeField(_("导入时间"), null=True, blank=True)
    message = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("导入批次")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["dataset", "file_sha256", "status"])]

    def __str__(self):
        return f"{self.dataset_title} {self.file_name}"

    get_absolute_url = detail_url("import_batch_detail")

    @property
    def can_commit(self) -> bool:
        return (
            self.status == BatchStatus.PREVIEWED
            and not self.rows_error
            and not self.file_errors
            and bool(self.stored_name)
        )

    @property
    def file_expired(self) -> bool:
        """The upload was deleted after its retention time (services.purge_stored_files) before use."""
        return (
            not self.stored_name
            and not self.file_errors
            and self.status
            in (
                BatchStatus.PREVIEWED,
                BatchStatus.INVALID,
            )
        )
