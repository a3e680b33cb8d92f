"""R&D projects, the auxiliary ledger (研发费用辅助账), tax-year profiles, subsidy rules and stored runs."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innoladder.core.models import (
    MONEY,
    NATURAL_KEY,
    OPTIONAL_MONEY,
    Tracked,
    detail_url,
    optional_fk,
    unique_key,
)
from innoladder.enterprises.models import EnterpriseChild, EnterpriseYear, Park, enterprise_fk

from . import choices as c

ZERO = Decimal("0.00")


class RDProject(EnterpriseChild):
    """One R&D project of an enterprise; the ledger keeps one 辅助账 per project."""

    enterprise = enterprise_fk("rd_projects")
    code = models.CharField(_("项目编号"), max_length=50)
    name = models.CharField(_("项目名称"), max_length=200)
    form = models.CharField(_("研发形式"), max_length=30, choices=c.RDForm.choices, default=c.RDForm.SELF)
    related_party = models.BooleanField(_("关联方"), default=False)
    capitalised = models.BooleanField(_("资本化"), default=False)
    intangible_formed_year = models.PositiveSmallIntegerField(
        _("形成无形资产年度"), null=True, blank=True, help_text=_("资本化项目形成无形资产的年度")
    )
    starts_on = models.DateField(_("开始日期"), null=True, blank=True)
    ends_on = models.DateField(_("结束日期"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=c.ProjectStatus.choices, default=c.ProjectStatus.ONGOING
    )
    completion = models.PositiveSmallIntegerField(_("完成进度(%)"), default=0)
    # The S&T plan projects app is built in parallel; the link becomes a FK once it lands.
    plan_project_id = models.PositiveIntegerField(_("科技计划项目ID"), null=True, blank=True)
    contract_registration_no = models.CharField(_("技术合同登记号"), max_length=60, blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("研发项目")
        ordering = ["enterprise", "code"]
        constraints = [
            unique_key("enterprise", "code"),
            models.CheckConstraint(
                condition=models.Q(completion__lte=100), name="rdproject_completion_le_100"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    get_absolute_url = detail_url("rnd_project_detail")

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "结束日期不能早于开始日期"})
        if self.form in c.ENTRUSTED_FORMS + (c.RDForm.COOPERATIVE,) and not self.contract_registration_no:
            raise ValidationError({"contract_registration_no": "委托、合作研发项目须填写技术合同登记号"})
        if (
            self.capitalised
            and self.intangible_formed_year is None
            and self.status == c.ProjectStatus.FINISHED
        ):
            raise ValidationError({"intangible_formed_year": "已完成的资本化项目须填写形成无形资产年度"})


class LedgerLine(EnterpriseChild):
    """One voucher line of the auxiliary ledger, booked to one project and one official category.

    Natural key: enterprise + project + voucher number + date + line number (voucher numbers restart
    every month, and one voucher may carry several lines for the same project).
    """

    enterprise = enterprise_fk("ledger_lines")
    project = models.ForeignKey(
        RDProject, on_delete=models.PROTECT, related_name="lines", verbose_name=_("研发项目")
    )
    date = models.DateField(_("日期"))
    voucher_no = models.CharField(_("凭证号"), max_length=40)
    line_no = models.PositiveSmallIntegerField(_("行号"), default=1)
    summary = models.CharField(_("摘要"), max_length=200)
    amount = models.DecimalField(_("金额(元)"), **MONEY)
    category = models.CharField(_("费用类别"), max_length=30, choices=c.Category.choices)
    sub_category = models.CharField(_("明细科目"), max_length=100, blank=True)
    overseas_individual = models.BooleanField(_("委托境外个人"), default=False)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("辅助账明细")
        ordering = ["enterprise", "date", "voucher_no", "line_no"]
        constraints = [
            unique_key("project", "voucher_no", "date", "line_no", name=NATURAL_KEY),
            models.CheckConstraint(condition=~models.Q(amount=0), name="ledgerline_amount_nonzero"),
        ]
        indexes = [models.Index(fields=["enterprise", "date"]), models.Index(fields=["project", "date"])]

    def __str__(self):
        return f"{self.date} {self.voucher_no} {self.summary}"

    def clean(self):
        project = self.project if self.project_id else None
        if project is None:
            return
        problems = line_problems(
            project=project,
            enterprise_id=self.enterprise_id,
            category=self.category,
            overseas_individual=self.overseas_individual,
        )
        if problems:
            raise ValidationError(problems)


def line_problems(*, project: RDProject, enterprise_id, category: str, overseas_individual: bool) -> dict:
    """Why a line cannot be booked to this project (field → Chinese message); shared with the importer."""
    if enterprise_id and project.enterprise_id != enterprise_id:
        return {"project": "研发项目不属于该企业"}
    entrusted = category in (c.Category.ENTRUSTED_DOMESTIC, c.Category.ENTRUSTED_OVERSEAS)
    if project.form in c.ENTRUSTED_FORMS:
        if category != project.form:
            label = c.Category(project.form).label
            return {"category": f"{project.get_form_display()}项目的明细只能计入“{label}”"}
    elif entrusted:
        return {"category": "委托研发费用须记入研发形式为委托研发的项目"}
    if overseas_individual and category != c.Category.ENTRUSTED_OVERSEAS:
        return {"overseas_individual": "只有委托境外研发的明细可以标记为境外个人"}
    return {}


class TaxYearProfile(EnterpriseYear):
    """The enterprise's tax facts for one year that the super-deduction needs besides the ledger."""

    enterprise = enterprise_fk("tax_profiles")
    year = models.PositiveSmallIntegerField(_("年度"))
    enterprise_type = models.CharField(
        _("企业类型"), max_length=20, choices=c.EnterpriseType.choices, default=c.EnterpriseType.GENERAL
    )
    manufacturing = models.BooleanField(_("制造业企业"), default=False)
    tech_sme = models.BooleanField(_("科技型中小企业"), default=False)
    q4_2022_share = models.DecimalField(
        _("2022年第四季度研发费用占比"), max_digits=7, decimal_places=6, null=True, blank=True
    )
    excluded_industry_revenue = models.DecimalField(_("负面清单行业收入"), default=ZERO, **MONEY)
    total_income = models.DecimalField(_("收入总额"), default=ZERO, **MONEY)
    non_taxable_income = models.DecimalField(_("不征税收入"), default=ZERO, **MONEY)
    investment_income = models.DecimalField(_("投资收益"), default=ZERO, **MONEY)
    deemed_taxation = models.BooleanField(_("核定征收"), default=False)
    offsets = models.DecimalField(_("特殊收入等抵减额"), default=ZERO, **MONEY)
    capitalised_amortisation_base = models.DecimalField(
        _("研发形成无形资产本年摊销额"), default=ZERO, **MONEY
    )
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta(EnterpriseYear.Meta):
        verbose_name = verbose_name_plural = _("年度税务信息")

    def __str__(self):
        return f"{self.enterprise} {self.year}年度税务信息"


class SubsidyRule(Tracked):
    """A park's R&D subsidy rule (研发投入补助) for one year: min(rate × base, cap), none below min_amount.

    Park-level: read by the park's officers and auditors, changed by officers and admins only.
    """

    park = models.ForeignKey(
        Park, on_delete=models.CASCADE, related_name="rd_subsidy_rules", verbose_name=_("园区")
    )
    year = models.PositiveSmallIntegerField(_("补助年度"))
    tax_year = models.PositiveSmallIntegerField(_("适用研发费用年度"))
    title = models.CharField(_("名称"), max_length=200)
    rate = models.DecimalField(_("补助比例"), max_digits=5, decimal_places=4)
    cap = models.DecimalField(_("单户上限(元)"), **OPTIONAL_MONEY)
    base = models.CharField(
        _("补助基数"), max_length=30, choices=c.SubsidyBase.choices, default=c.SubsidyBase.DEDUCTION_AMOUNT
    )
    min_amount = models.DecimalField(_("最低补助金额(元)"), default=ZERO, **MONEY)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("研发投入补助规则")
        ordering = ["park", "-year"]
        constraints = [
            unique_key("park", "year"),
            models.CheckConstraint(
                condition=models.Q(rate__gte=0) & models.Q(rate__lte=1), name="subsidyrule_rate_0_1"
            ),
        ]

    def __str__(self):
        return self.title


class DeductionRun(EnterpriseChild):
    """A stored super-deduction computation: the figures, every explanation line, who ran it and on what."""

    enterprise = enterprise_fk("deduction_runs")
    year = models.PositiveSmallIntegerField(_("年度"))
    status = models.CharField(_("结论"), max_length=30)
    rate = models.DecimalField(_("加计扣除比例"), max_digits=9, decimal_places=6)
    ledger_total = models.DecimalField(_("辅助账合计"), **MONEY)
    entrusted_domestic_actual = models.DecimalField(_("委托境内研发实际发生额"), **MONEY)
    entrusted_overseas_actual = models.DecimalField(_("委托境外研发实际发生额"), **MONEY)
    eligible_total = models.DecimalField(_("允许加计扣除的研发费用合计"), **MONEY)
    deduction_base = models.DecimalField(_("加计扣除计算基数"), **MONEY)
    extra_deduction = models.DecimalField(_("加计扣除额"), **MONEY)
    result = models.JSONField(_("计算明细"), default=dict)
    inputs_hash = models.CharField(_("输入摘要"), max_length=64)
    computed_at = models.DateTimeField(_("计算时间"))
    computed_by = optional_fk(settings.AUTH_USER_MODEL)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("加计扣除计算")
        ordering = ["enterprise", "-year", "-computed_at", "-id"]
        indexes = [models.Index(fields=["enterprise", "year", "computed_at"])]

    def __str__(self):
        return f"{self.enterprise} {self.year}年度加计扣除"

    def get_absolute_url(self):
        return reverse("rnd_computation", args=[self.enterprise_id, self.year])


class SubsidyAward(EnterpriseChild):
    """The subsidy one enterprise secured under a park rule, computed from a stored run, with its date."""

    enterprise = enterprise_fk("rd_subsidy_awards")
    rule = models.ForeignKey(
        SubsidyRule, on_delete=models.PROTECT, related_name="awards", verbose_name=_("补助规则")
    )
    run = models.ForeignKey(
        DeductionRun, on_delete=models.PROTECT, related_name="awards", verbose_name=_("依据计算")
    )
    amount = models.DecimalField(_("补助金额(元)"), **MONEY)
    awarded_on = models.DateField(_("兑现日期"))
    explanation = models.TextField(_("计算说明"))
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("研发投入补助")
        ordering = ["-awarded_on", "enterprise"]
        constraints = [unique_key("enterprise", "rule")]

    def __str__(self):
        return f"{self.enterprise} {self.rule.year}年研发投入补助"
