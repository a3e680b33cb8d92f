import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from innoladder.core.models import (
    Tracked,
    dates_in_order,
    detail_url,
    joined_str,
    optional_fk,
    status_fields,
    unique_key,
)
from innoladder.core.scoping import ScopedQuerySet
from innoladder.enterprises.models import EnterpriseChild, Park, enterprise_fk

from . import choices as c
from . import rules
from .storage import private_storage, upload_to


class SchemeRule(models.Model):
    """Per-scheme validity parameters (configurable data, seeded by a data migration)."""

    scheme = models.CharField(_("认定类别"), max_length=30, choices=c.Scheme.choices, unique=True)
    validity_kind = models.CharField(_("有效期规则"), max_length=30, choices=c.ValidityKind.choices)
    years = models.PositiveSmallIntegerField(_("有效年限"), default=3)
    expiring_days = models.PositiveSmallIntegerField(_("即将到期提示天数"), default=180)
    review_at_expiry = models.BooleanField(_("到期复核"), default=False)
    source = models.CharField(_("依据"), max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("认定有效期规则")
        ordering = ["scheme"]

    def __str__(self):
        return self.get_scheme_display()

    def as_validity(self) -> rules.Validity:
        return rules.Validity(kind=self.validity_kind, years=self.years, expiring_days=self.expiring_days)


def rule_for(scheme: str) -> rules.Validity:
    """The scheme's rule; an unknown or 'other' scheme falls back to 3 years from issue."""
    row = SchemeRule.objects.filter(scheme=scheme).first()
    if row is None:
        return rules.Validity(kind=c.ValidityKind.YEARS_FROM_ISSUE, years=3, expiring_days=180)
    return row.as_validity()


def rules_by_scheme() -> dict[str, rules.Validity]:
    found = {row.scheme: row.as_validity() for row in SchemeRule.objects.all()}
    for scheme in c.Scheme.values:
        found.setdefault(
            scheme, rules.Validity(kind=c.ValidityKind.YEARS_FROM_ISSUE, years=3, expiring_days=180)
        )
    return found


class Batch(Tracked):
    """An application batch (申报批次), e.g. 2023年青海省第一批创新型中小企业; park-level, no enterprise."""

    park = models.ForeignKey(
        Park, on_delete=models.PROTECT, related_name="recognition_batches", verbose_name=_("园区")
    )
    name = models.CharField(_("批次名称"), max_length=200)
    scheme = models.CharField(_("认定类别"), max_length=30, choices=c.Scheme.choices)
    scheme_name = models.CharField(_("类别名称（其他）"), max_length=100, blank=True)
    level = models.CharField(_("级别"), max_length=20, choices=c.RecognitionLevel.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    opens_on = models.DateField(_("开始日期"), null=True, blank=True)
    closes_on = models.DateField(_("截止日期"), null=True, blank=True)
    online_deadline = models.DateField(_("网上申报截止"), null=True, blank=True)
    paper_deadline = models.DateField(_("纸质材料报送截止"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("申报批次")
        ordering = ["-year", "-opens_on", "name"]
        constraints = [
            models.UniqueConstraint(fields=["park", "name"], name="recognitions_batch_park_name"),
            dates_in_order(
                "opens_on",
                "closes_on",
                "recognitions_batch_dates_ordered",
                may_be_empty=["closes_on", "opens_on"],
            ),
        ]

    def __str__(self):
        return self.name

    get_absolute_url = detail_url("batch_detail")

    def deadlines(self) -> list[tuple[str, str, dt.date]]:
        found = []
        for code, label, day in (
            ("online", "网上申报截止", self.online_deadline),
            ("paper", "纸质材料报送截止", self.paper_deadline),
            ("close", "批次申报截止", self.closes_on),
        ):
            if day is not None:
                found.append((code, label, day))
        return found


class Recognition(EnterpriseChild):
    """A recognition (资质认定) the enterprise holds or held; status is derived from dates and events."""

    enterprise = enterprise_fk("recognitions")
    scheme = models.CharField(_("认定类别"), max_length=30, choices=c.Scheme.choices)
    scheme_name = models.CharField(_("类别名称（其他）"), max_length=100, blank=True)
    level = models.CharField(_("级别"), max_length=20, choices=c.RecognitionLevel.choices)
    number = models.CharField(_("证书编号/入库登记编号"), max_length=60, blank=True)
    batch = optional_fk(Batch, _("批次"), related_name="recognitions")
    issued_on = models.DateField(_("发证/认定日期"))
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    renews = optional_fk("self", _("重新认定前的资质"), related_name="renewed_by")
    revoked_on = models.DateField(_("撤销日期"), null=True, blank=True)
    cancelled_on = models.DateField(_("取消日期"), null=True, blank=True)
    end_reason = models.CharField(_("撤销/取消原因"), max_length=300, blank=True)
    certificate = models.FileField(
        _("证书文件"), storage=private_storage, upload_to=upload_to, blank=True, max_length=200
    )
    certificate_type = models.CharField(_("证书文件类型"), max_length=50, blank=True)
    note = models.TextField(_("备注"), blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("资质认定")
        ordering = ["enterprise", "-issued_on"]
        indexes = [
            models.Index(fields=["scheme", "valid_until"]),
            models.Index(fields=["enterprise", "scheme"]),
        ]

    def __str__(self):
        return gettext("%(enterprise)s · %(scheme)s（%(on)s）") % {
            "enterprise": self.enterprise,
            "scheme": self.scheme_label,
            "on": f"{self.issued_on:%Y-%m-%d}",
        }

    get_absolute_url = detail_url("recognition_detail")

    @property
    def scheme_label(self) -> str:
        if self.scheme == c.Scheme.OTHER and self.scheme_name:
            return self.scheme_name
        return self.get_scheme_display()

    def status_on(self, today: dt.date, rule: rules.Validity | None = None) -> str:
        rule = rule or rule_for(self.scheme)
        return rules.status_on(
            today=today,
            valid_until=self.valid_until,
            expiring_days=rule.expiring_days,
            revoked_on=self.revoked_on,
            cancelled_on=self.cancelled_on,
        )

    @property
    def ended_on(self) -> dt.date | None:
        return rules.ended_on(self.valid_until, self.revoked_on, self.cancelled_on)


class Application(EnterpriseChild):
    """An enterprise's application (申报) into a batch, moved through the workflow by services only."""

    enterprise = enterprise_fk("recognition_applications")
    batch = models.ForeignKey(
        Batch, on_delete=models.PROTECT, related_name="applications", verbose_name=_("申报批次")
    )
    kind = models.CharField(
        _("申报类型"), max_length=20, choices=c.ApplicationKind.choices, default=c.ApplicationKind.NEW
    )
    renews = optional_fk(Recognition, _("重新认定的原资质"), related_name="renewal_applications")
    status = models.CharField(
        _("状态"), max_length=20, choices=c.ApplicationStatus.choices, default=c.ApplicationStatus.INTENT
    )
    started_on = models.DateField(_("登记日期"))
    decided_on = models.DateField(_("结果日期"), null=True, blank=True)
    officer = optional_fk(settings.AUTH_USER_MODEL, _("负责干部"), related_name="recognition_applications")
    agency = optional_fk("accounts.ServiceAgency", _("服务机构"), related_name="recognition_applications")
    # The assessments app is built in parallel; a plain id keeps this app free of its migrations.
    assessment_id = models.PositiveBigIntegerField(_("支撑评估编号"), null=True, blank=True)
    recognition = models.OneToOneField(
        Recognition,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
        verbose_name=_("认定结果"),
    )
    note = models.TextField(_("说明"), blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("申报")
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["status", "batch"])]

    __str__ = joined_str("enterprise", "batch")

    get_absolute_url = detail_url("application_detail")

    @property
    def is_open(self) -> bool:
        return self.status in c.OPEN_STATUSES


class ApplicationTransition(models.Model):
    """One step of an application's workflow: who moved it, when, from where to where, and why."""

    scope_enterprise_path = "application__enterprise"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="transitions")
    from_status, to_status = status_fields(c.ApplicationStatus.choices)
    by = optional_fk(settings.AUTH_USER_MODEL, _("操作人"))
    at = models.DateTimeField(_("操作时间"), auto_now_add=True)
    on = models.DateField(_("业务日期"))
    comment = models.TextField(_("意见/说明"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("申报流程记录")
        ordering = ["application", "at", "id"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class ApplicationDocument(EnterpriseChild):
    """A document uploaded for an application (PDF/JPG/PNG, checked by content, stored privately)."""

    scope_enterprise_path = "application__enterprise"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(
        _("材料类型"), max_length=20, choices=c.DocumentKind.choices, default=c.DocumentKind.OTHER
    )
    title = models.CharField(_("材料名称"), max_length=200)
    file = models.FileField(_("文件"), storage=private_storage, upload_to=upload_to, max_length=200)
    content_type = models.CharField(_("文件类型"), max_length=50)
    size = models.PositiveIntegerField(_("大小(字节)"))
    uploaded_by = optional_fk(settings.AUTH_USER_MODEL)

    class Meta:
        verbose_name = verbose_name_plural = _("申报材料")
        ordering = ["application", "-created_at"]

    def __str__(self):
        return self.title


class AnnualReport(EnterpriseChild):
    """A 高企 annual report (年报) submitted for one fiscal year of a recognition."""

    scope_enterprise_path = "recognition__enterprise"

    recognition = models.ForeignKey(Recognition, on_delete=models.CASCADE, related_name="annual_reports")
    year = models.PositiveSmallIntegerField(_("报告年度"))
    submitted_on = models.DateField(_("报送日期"))
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("年报报送")
        ordering = ["recognition", "year"]
        constraints = [unique_key("recognition", "year", name="recognitions_annualreport_year")]

    def __str__(self):
        return f"{self.recognition} {self.year}年度年报"


class ChangeEvent(EnterpriseChild):
    """A name change or material change that must be reported within 3 months."""

    enterprise = enterprise_fk("recognition_changes")
    kind = models.CharField(_("变更类型"), max_length=20, choices=c.ChangeKind.choices)
    occurred_on = models.DateField(_("发生日期"))
    reported_on = models.DateField(_("报告日期"), null=True, blank=True)
    description = models.CharField(_("说明"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("变更事项")
        ordering = ["enterprise", "-occurred_on"]

    def __str__(self):
        return f"{self.enterprise} {self.get_kind_display()} {self.occurred_on}"

    @property
    def report_due(self) -> dt.date:
        return rules.add_months(self.occurred_on, 3)
