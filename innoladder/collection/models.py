from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from innoladder.core.models import (
    NATURAL_KEY,
    OPTIONAL_MONEY,
    StatusChange,
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

from .choices import CampaignStatus, SubmissionStatus


class Campaign(Tracked):
    """A yearly collection of enterprise figures (年度数据填报) for a park or a chosen set of enterprises."""

    park = models.ForeignKey(Park, on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("园区"))
    title = models.CharField(_("名称"), max_length=200)
    fiscal_year = models.PositiveSmallIntegerField(_("填报年度"))
    fields = models.JSONField(_("填报字段"), default=list)
    opens_on = models.DateField(_("开始日期"))
    deadline = models.DateField(_("截止日期"))
    instructions = models.TextField(_("填报说明"), blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=CampaignStatus.choices, default=CampaignStatus.OPEN
    )
    created_by = optional_fk(settings.AUTH_USER_MODEL, blank=False)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("填报任务")
        ordering = ["-fiscal_year", "-opens_on"]
        constraints = [dates_in_order("opens_on", "deadline", "campaign_dates")]

    def __str__(self):
        return self.title

    get_absolute_url = detail_url("campaign_detail")


class Submission(EnterpriseChild):
    """One enterprise's form in a campaign: draft, submitted, returned or accepted."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="submissions")
    enterprise = enterprise_fk("submissions")
    status = models.CharField(
        _("状态"), max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.NOT_STARTED
    )
    data = models.JSONField(_("填报数据"), default=dict, blank=True)
    confirmed_warnings = models.JSONField(_("已确认的提示"), default=list, blank=True)
    declaration = models.BooleanField(_("已承诺数据真实"), default=False)
    on_behalf = models.BooleanField(_("由工作人员代填"), default=False)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    submitted_by = optional_fk(settings.AUTH_USER_MODEL)
    return_comment = models.TextField(_("退回意见"), blank=True)
    accepted_at = models.DateTimeField(_("采纳时间"), null=True, blank=True)
    accepted_by = optional_fk(settings.AUTH_USER_MODEL)
    assessment_changes = models.JSONField(_("评估变化"), default=list, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("企业填报")
        ordering = ["campaign", "enterprise__name"]
        constraints = [unique_key("campaign", "enterprise")]
        indexes = [models.Index(fields=["campaign", "status"])]

    __str__ = joined_str("campaign", "enterprise")

    get_absolute_url = detail_url("submission_detail")


class SubmissionEvent(StatusChange):
    """History of a submission: every save, submit, return and acceptance with who, when and a comment."""

    scope_enterprise_path = "submission__enterprise"

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    from_status, to_status = status_fields(SubmissionStatus.choices, from_blank=False)
    actor = optional_fk(settings.AUTH_USER_MODEL, blank=False)

    objects = ScopedQuerySet.as_manager()

    class Meta(StatusChange.Meta):
        verbose_name = verbose_name_plural = _("填报记录")


class Evidence(models.Model):
    """A supporting document attached to a submission (audited statements, tax return pages)."""

    scope_enterprise_path = "submission__enterprise"

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("文件"), upload_to="collection/%Y/")
    original_name = models.CharField(_("文件名"), max_length=200)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    uploaded_by = optional_fk(settings.AUTH_USER_MODEL, blank=False)
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("证明材料")
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.original_name


class CollectionImportRow(EnterpriseChild):
    """One row of an imported campaign sheet (one enterprise per row), waiting to be applied to its form.

    The shared Excel framework writes model fields in bulk and cannot fill a form's data or run its
    workflow, so rows land here; `services.campaign_apply_import` then fills and submits the forms in one
    transaction (recorded as filled on behalf), or applies nothing when any row is refused.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="import_rows")
    enterprise = enterprise_fk("collection_import_rows")
    employees = models.PositiveIntegerField(_("职工总数"), null=True, blank=True)
    tech_staff = models.PositiveIntegerField(_("科技人员"), null=True, blank=True)
    rd_staff = models.PositiveIntegerField(_("研发人员"), null=True, blank=True)
    tech_conversions = models.PositiveIntegerField(_("技术成果转化数"), null=True, blank=True)
    sales_revenue = models.DecimalField(_("销售收入"), **OPTIONAL_MONEY)
    main_revenue = models.DecimalField(_("主营业务收入"), **OPTIONAL_MONEY)
    operating_revenue = models.DecimalField(_("营业收入"), **OPTIONAL_MONEY)
    total_income = models.DecimalField(_("收入总额"), **OPTIONAL_MONEY)
    non_taxable_income = models.DecimalField(_("不征税收入"), **OPTIONAL_MONEY)
    hitech_revenue = models.DecimalField(_("高新技术产品(服务)收入"), **OPTIONAL_MONEY)
    rd_expense = models.DecimalField(_("研发费用"), **OPTIONAL_MONEY)
    rd_domestic = models.DecimalField(_("境内研发费用"), **OPTIONAL_MONEY)
    rd_entrusted_domestic = models.DecimalField(_("委托境内研发费用"), **OPTIONAL_MONEY)
    rd_entrusted_overseas = models.DecimalField(_("委托境外研发费用"), **OPTIONAL_MONEY)
    total_cost = models.DecimalField(_("成本费用支出总额"), **OPTIONAL_MONEY)
    total_assets = models.DecimalField(_("资产总额"), **OPTIONAL_MONEY)
    total_liabilities = models.DecimalField(_("负债总额"), **OPTIONAL_MONEY)
    net_assets = models.DecimalField(_("净资产"), **OPTIONAL_MONEY)
    net_profit = models.DecimalField(_("净利润"), **OPTIONAL_MONEY)
    taxes_paid = models.DecimalField(_("上缴税金"), **OPTIONAL_MONEY)
    export_value = models.DecimalField(_("出口额"), **OPTIONAL_MONEY)
    equity_financing = models.DecimalField(_("股权融资"), **OPTIONAL_MONEY)
    applied_at = models.DateTimeField(_("转入时间"), null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("填报导入行")
        ordering = ["campaign", "enterprise"]
        constraints = [unique_key("campaign", "enterprise", name=NATURAL_KEY)]

    __str__ = joined_str("campaign", "enterprise")
