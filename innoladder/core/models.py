import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .validators import MONEY_DECIMALS, MONEY_DIGITS

# The arguments of every stored amount's DecimalField (yuan, to the fen; see validators.is_money_field):
# MONEY for an amount a record must have, OPTIONAL_MONEY for one that may stay empty.
MONEY = {"max_digits": MONEY_DIGITS, "decimal_places": MONEY_DECIMALS}
OPTIONAL_MONEY = {**MONEY, "null": True, "blank": True}


class Tracked(models.Model):
    """Abstract base: creation/update times and a version number for optimistic locking."""

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    version = models.PositiveIntegerField(_("版本"), default=1)

    class Meta:
        abstract = True


def detail_url(url_name: str):
    """A model's `get_absolute_url` that is the page named `url_name`, found by the record's primary key."""

    def get_absolute_url(self):
        return reverse(url_name, args=[self.pk])

    return get_absolute_url


def optional_fk(to, verbose_name=None, *, on_delete=models.SET_NULL, related_name="+", blank=True, **kwargs):
    """A ForeignKey that may stay empty (null, and blank unless `blank=False`: set by code, never left
    empty in a form): by default cleared when its target is deleted, with no reverse accessor. Declares
    the same field as spelling the arguments out (no migration)."""
    return models.ForeignKey(
        to,
        null=True,
        blank=blank,
        on_delete=on_delete,
        related_name=related_name,
        verbose_name=verbose_name,
        **kwargs,
    )


def joined_str(*attrs: str):
    """A model's `__str__` that names the record by the records it links, joined by " · " (e.g. a
    campaign's form for one enterprise: "2025年度数据填报 · 某某公司")."""

    def __str__(self):
        return " · ".join(f"{getattr(self, attr)}" for attr in attrs)

    return __str__


NATURAL_KEY = "%(class)s_natural_key"


def unique_key(*fields: str, name: str | None = None, **kwargs) -> models.UniqueConstraint:
    """A unique constraint over `fields`, named `<model>_<field>_<field>…` unless `name` is given
    (`NATURAL_KEY` for the key an import matches its rows on)."""
    return models.UniqueConstraint(
        fields=list(fields), name=name or "_".join(("%(class)s", *fields)), **kwargs
    )


def dates_in_order(start: str, end: str, name: str, *, may_be_empty=(), **kwargs) -> models.CheckConstraint:
    """A check that the date field `end` is not before `start`; a row where a field of `may_be_empty` is
    NULL passes."""
    condition = models.Q()
    for field in may_be_empty:
        condition |= models.Q(**{f"{field}__isnull": True})
    condition |= models.Q(**{f"{end}__gte": models.F(start)})
    return models.CheckConstraint(condition=condition, name=name, **kwargs)


def status_fields(choices, *, from_blank=True):
    """The `from_status`, `to_status` pair of a workflow history row over the workflow's status choices
    (`from_status` is blank on the row that records the creation)."""
    return (
        models.CharField(_("原状态"), max_length=20, choices=choices, blank=from_blank),
        models.CharField(_("新状态"), max_length=20, choices=choices),
    )


class StatusChange(models.Model):
    """Abstract base of a workflow's history rows: who moved the record from which status to which, when,
    and why. A subclass adds the record it belongs to and `from_status, to_status = status_fields(...)`."""

    actor = optional_fk(settings.AUTH_USER_MODEL)
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    comment = models.TextField(_("说明"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class StatusChangeNote(StatusChange):
    """A workflow history row whose comment is one short line (at most 300 characters)."""

    comment = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta(StatusChange.Meta):
        abstract = True


class AuditEvent(models.TextChoices):
    CREATE = "create", _("新增")
    UPDATE = "update", _("修改")
    DELETE = "delete", _("删除")
    LOGIN = "login", _("登录")
    LOGIN_FAILED = "login_failed", _("登录失败")
    LOCKOUT = "lockout", _("账户锁定")
    LOGOUT = "logout", _("退出")
    PASSWORD_CHANGE = "password_change", _("修改密码")
    ACCOUNT_DISABLED = "account_disabled", _("停用账户")
    EXPORT = "export", _("导出")
    IMPORT = "import", _("导入")
    REPORT = "report", _("生成报告")
    JOB = "job", _("后台任务")
    TRANSITION = "transition", _("流程变更")
    AUDIT_READ = "audit_read", _("查阅审计日志")
    AUDIT_VERIFY = "audit_verify", _("审计日志校验")
    BACKUP = "backup", _("数据备份")
    RESTORE = "restore", _("数据恢复")


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("审计日志不可修改")

    def delete(self):
        raise PermissionError("审计日志不可删除")


class AuditEntry(models.Model):
    """One append-only audit record: who did what, when, from where, with before/after values.

    The database refuses UPDATE and DELETE on this table (triggers added in a migration), and each entry
    carries the HMAC of the one before it (`core.audit_chain`), so changes made around the triggers show.
    Written only through `core.audit.record`/`record_many`, which chain it.
    """

    # Read through core.scoping.for_user with the audit rule (park-scoped auditors, 审计管理员 all).
    scope_audit_log = True

    ts = models.DateTimeField(_("时间"), default=timezone.now, editable=False, db_index=True)
    actor = optional_fk(settings.AUTH_USER_MODEL)
    actor_name = models.CharField(_("操作人"), max_length=150, blank=True)
    actor_role = models.CharField(_("角色"), max_length=20, blank=True)
    source_ip = models.GenericIPAddressField(_("来源IP"), null=True, blank=True)
    request_id = models.CharField(_("请求ID"), max_length=36, blank=True)
    event_type = models.CharField(_("事件"), max_length=20, choices=AuditEvent.choices, db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=100, blank=True)
    object_id = models.CharField(_("对象ID"), max_length=64, blank=True)
    object_repr = models.CharField(_("对象"), max_length=300, blank=True)
    enterprise_id = models.BigIntegerField(_("企业ID"), null=True, blank=True, db_index=True)
    # The park the entry concerns (its object's or enterprise's), kept even after the object is deleted.
    park_id = models.BigIntegerField(_("园区ID"), null=True, blank=True, db_index=True)
    result = models.CharField(_("结果"), max_length=20, default="success")
    changes = models.JSONField(_("变更内容"), default=dict, blank=True)
    message = models.TextField(_("说明"), blank=True)
    prev_hash = models.CharField(_("前一条哈希"), max_length=64, editable=False)
    entry_hash = models.CharField(_("本条哈希"), max_length=64, editable=False)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("审计日志")
        ordering = ["-ts", "-id"]
        constraints = [
            # Only the chained writers (core.audit) insert rows; an unchained insert is refused.
            models.CheckConstraint(condition=~models.Q(entry_hash=""), name="auditentry_chained"),
        ]

    def __str__(self):
        return (
            f"{self.ts:%Y-%m-%d %H:%M} {self.actor_name} {self.get_event_type_display()} {self.object_repr}"
        )

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("审计日志不可修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("审计日志不可删除")


class AuditEntryEnterprise(models.Model):
    """Which enterprises a batched audit entry concerns (`core.audit.record_batch`: one entry holds the
    rows of a bulk write, e.g. an import), so the audit log finds the entry by enterprise. A finding aid
    only: the rows themselves are in the entry, under its hash; written with the entry, never changed."""

    entry = models.ForeignKey(AuditEntry, on_delete=models.PROTECT, related_name="+")
    enterprise_id = models.BigIntegerField(_("企业ID"), db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = _("审计日志涉及企业")
        constraints = [unique_key("entry", "enterprise_id", name="auditentryenterprise_unique")]

    def __str__(self):
        return f"{self.entry_id} → {self.enterprise_id}"


class AuditChainHead(models.Model):
    """The audit chain's lock row (id 1; PostgreSQL appends lock it) and the last verified link: the
    daily check records the newest entry it verified, so deleting entries up to it is seen later."""

    checked_id = models.BigIntegerField(_("已校验到的记录ID"), default=0)
    checked_hash = models.CharField(_("已校验到的记录哈希"), max_length=64, blank=True)
    checked_at = models.DateTimeField(_("校验时间"), null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("审计日志链头")

    def __str__(self):
        return f"{self.checked_id} {self.checked_hash[:12]}"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "运行中"
    SUCCEEDED = "succeeded", "已完成"
    FAILED = "failed", "失败"


class Job(models.Model):
    """A long piece of work (import, batch assessment, report) run by a worker, with progress."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("任务类型"), max_length=50)
    title = models.CharField(_("任务"), max_length=200)
    params = models.JSONField(_("参数"), default=dict, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveIntegerField(_("已完成"), default=0)
    total = models.PositiveIntegerField(_("总数"), default=0)
    message = models.TextField(_("说明"), blank=True)
    result = models.JSONField(_("结果"), default=dict, blank=True)
    created_by = optional_fk(settings.AUTH_USER_MODEL, related_name="jobs")
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    # A running job belongs to its worker until the lease expires; the worker renews it while alive
    # (core.jobs), so an expired lease means the worker died and the job is marked failed.
    lease_expires_at = models.DateTimeField(_("租约到期"), null=True, blank=True)
    worker = models.CharField(_("工作进程"), max_length=100, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("后台任务")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "lease_expires_at"], name="job_status_lease")]

    def __str__(self):
        return self.title

    @property
    def percent(self) -> int:
        if self.status == JobStatus.SUCCEEDED:
            return 100
        if not self.total:
            return 0
        return min(100, int(self.progress * 100 / self.total))

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)


class PeriodicRun(models.Model):
    """One claimed run of a periodic job (core.schedule): the unique (name, slot) lets exactly one worker
    enqueue it, however many workers tick at the same moment. A daily job's slot is its day."""

    name = models.CharField(_("定时任务"), max_length=100)
    slot = models.CharField(_("时段"), max_length=20)
    job = optional_fk(Job)
    claimed_at = models.DateTimeField(_("启动时间"), auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("定时任务运行")
        ordering = ["-claimed_at"]
        constraints = [unique_key("name", "slot", name="periodic_run_name_slot")]

    def __str__(self):
        return f"{self.name} {self.slot}"


class Notification(models.Model):
    """A message in a user's notification centre; `key` makes each reminder unique per user."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    key = models.CharField(_("提醒标识"), max_length=200)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("邮件发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("通知")
        ordering = ["-created_at"]
        constraints = [unique_key("user", "key")]

    def __str__(self):
        return self.title
