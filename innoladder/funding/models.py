from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from innoladder.core.models import (
    MONEY,
    OPTIONAL_MONEY,
    StatusChangeNote,
    Tracked,
    detail_url,
    joined_str,
    status_fields,
)
from innoladder.eligibility.voucher import VoucherRules
from innoladder.enterprises.models import EnterpriseChild, Park, enterprise_fk

from . import choices as c


class Programme(Tracked):
    """A support-fund programme (扶持资金项目) of one park and year, with its rules and cap.

    Park-level: read by the park's users, changed by its officers. For 创新券 programmes the
    VoucherRules parameters (annual quota by holder type, share by service type) are stored here.
    """

    park = models.ForeignKey(
        Park, on_delete=models.PROTECT, related_name="fund_programmes", verbose_name=_("园区")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.CharField(_("类别"), max_length=20, choices=c.ProgrammeKind.choices)
    name = models.CharField(_("项目名称"), max_length=200)
    issuer = models.CharField(_("主管部门"), max_length=100, blank=True)
    rules = models.TextField(_("支持标准与规则"), blank=True)
    cap = models.DecimalField(_("单户资助上限(元)"), **OPTIONAL_MONEY)
    voucher_quotas = models.JSONField(_("创新券年度额度(按持券类型，元)"), default=dict, blank=True)
    voucher_shares = models.JSONField(_("创新券支付比例(按服务类型)"), default=dict, blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("扶持资金项目")
        ordering = ["-year", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["park", "year", "name"], name="funding_programme_park_year_name"),
            models.CheckConstraint(
                condition=models.Q(cap__isnull=True) | models.Q(cap__gte=0),
                name="funding_programme_cap_nonneg",
            ),
        ]

    def __str__(self):
        return _("%(year)s年%(name)s") % {"year": self.year, "name": self.name}

    get_absolute_url = detail_url("programme_detail")

    def clean(self):
        errors = {}
        for key, value in (self.voucher_quotas or {}).items():
            if key not in c.HolderType.values:
                errors["voucher_quotas"] = f"未知的持券类型：{key}"
            elif not _nonneg_decimal(value):
                errors["voucher_quotas"] = f"“{c.HolderType(key).label}”的年度额度应为非负金额"
        for key, value in (self.voucher_shares or {}).items():
            if key not in c.ServiceType.values:
                errors["voucher_shares"] = f"未知的服务类型：{key}"
            elif not _nonneg_decimal(value) or Decimal(str(value)) > 1:
                errors["voucher_shares"] = f"“{c.ServiceType(key).label}”的支付比例应在0与1之间"
        if errors:
            raise ValidationError(errors)

    def voucher_rules(self) -> VoucherRules:
        """The programme's VoucherRules; unset parameters fall back to the Qinghai 2025 defaults."""
        defaults = VoucherRules()
        quotas = dict(defaults.annual_quota)
        quotas.update({k: Decimal(str(v)) for k, v in (self.voucher_quotas or {}).items()})
        shares = dict(defaults.service_share)
        shares.update({k: Decimal(str(v)) for k, v in (self.voucher_shares or {}).items()})
        return VoucherRules(version=f"programme_{self.pk}", annual_quota=quotas, service_share=shares)


def _nonneg_decimal(value) -> bool:
    try:
        return Decimal(str(value)) >= 0
    except (ArithmeticError, ValueError):
        return False


class FundApplication(EnterpriseChild):
    """An enterprise's application to a programme: requested, approved and paid amounts and dates."""

    enterprise = enterprise_fk("fund_applications", _("企业"), on_delete=models.PROTECT)
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="applications", verbose_name=_("扶持资金项目")
    )
    title = models.CharField(_("申报事项"), max_length=200)
    requested_amount = models.DecimalField(_("申请金额(元)"), **MONEY)
    applied_on = models.DateField(_("申请日期"))
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    approved_amount = models.DecimalField(_("批准金额(元)"), **OPTIONAL_MONEY)
    decided_on = models.DateField(_("批复日期"), null=True, blank=True)
    paid_amount = models.DecimalField(_("拨付金额(元)"), **OPTIONAL_MONEY)
    paid_on = models.DateField(_("拨付日期"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=c.ApplicationStatus.choices, default=c.ApplicationStatus.APPLIED
    )
    note = models.TextField(_("备注"), blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("扶持资金申请")
        ordering = ["-applied_on", "-id"]
        indexes = [models.Index(fields=["status", "applied_on"]), models.Index(fields=["decided_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(requested_amount__gte=0), name="funding_app_requested_nonneg"
            ),
            models.CheckConstraint(
                condition=models.Q(approved_amount__isnull=True)
                | models.Q(approved_amount__gte=0, approved_amount__lte=models.F("requested_amount")),
                name="funding_app_approved_le_requested",
            ),
            models.CheckConstraint(
                condition=models.Q(paid_amount__isnull=True)
                | models.Q(paid_amount__gte=0, paid_amount__lte=models.F("approved_amount")),
                name="funding_app_paid_le_approved",
            ),
        ]

    __str__ = joined_str("enterprise", "title")

    get_absolute_url = detail_url("fund_application_detail")

    def clean(self):
        errors = {}
        if self.requested_amount is not None and self.requested_amount < 0:
            errors["requested_amount"] = "申请金额不能为负数"
        if self.enterprise_id and self.programme_id and self.enterprise.park_id != self.programme.park_id:
            errors["programme"] = "只能申请本企业所在园区的扶持资金项目"
        elif self.programme_id and self.applied_on and self.applied_on.year > self.programme.year + 1:
            # A programme takes applications in its year, or the next for last year's figures.
            errors["applied_on"] = (
                f"「{self.programme}」为{self.programme.year}年度项目，"
                f"申请日期须在{self.programme.year}年或{self.programme.year + 1}年内"
            )
        if self.approved_amount is not None:
            if self.approved_amount < 0:
                errors["approved_amount"] = "批准金额不能为负数"
            elif self.requested_amount is not None and self.approved_amount > self.requested_amount:
                errors["approved_amount"] = (
                    f"批准金额{self.approved_amount:,.2f}元超过申请金额{self.requested_amount:,.2f}元"
                )
            elif (
                self.programme_id
                and self.programme.cap is not None
                and self.approved_amount > self.programme.cap
            ):
                errors["approved_amount"] = (
                    f"批准金额{self.approved_amount:,.2f}元超过该项目单户资助上限{self.programme.cap:,.2f}元"
                )
        if self.paid_amount is not None:
            if self.approved_amount is None or self.paid_amount > self.approved_amount:
                errors["paid_amount"] = "拨付金额不能超过批准金额"
            elif self.paid_amount < 0:
                errors["paid_amount"] = "拨付金额不能为负数"
        if errors:
            raise ValidationError(errors)


class FundApplicationHistory(StatusChangeNote):
    """One status change of a fund application: who, when, from, to, comment."""

    scope_enterprise_path = "application__enterprise"

    application = models.ForeignKey(FundApplication, on_delete=models.CASCADE, related_name="history")
    from_status, to_status = status_fields(c.ApplicationStatus.choices)

    class Meta(StatusChangeNote.Meta):
        verbose_name = verbose_name_plural = _("资金申请流转记录")


class VoucherUse(EnterpriseChild):
    """One draw on an enterprise's innovation voucher: the service bought and what the voucher paid.

    `amount`, `used_before` and `explanation` are computed by `voucher_use` when the row is saved
    through services.voucher_use_create and kept as they were decided.
    """

    enterprise = enterprise_fk("voucher_uses", _("企业"), on_delete=models.PROTECT)
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="voucher_uses", verbose_name=_("创新券项目")
    )
    used_on = models.DateField(_("使用日期"))
    holder_type = models.CharField(_("持券类型"), max_length=30, choices=c.HolderType.choices)
    service_type = models.CharField(_("服务类型"), max_length=30, choices=c.ServiceType.choices)
    provider = models.CharField(_("服务机构"), max_length=200)
    fee = models.DecimalField(_("服务费用(元)"), **MONEY)
    used_before = models.DecimalField(_("本年此前已用(元)"), default=Decimal(0), **MONEY)
    amount = models.DecimalField(_("创新券支付(元)"), default=Decimal(0), **MONEY)
    explanation = models.TextField(_("计算说明"), blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("创新券使用")
        ordering = ["-used_on", "-id"]
        indexes = [models.Index(fields=["enterprise", "used_on"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(fee__gte=0), name="funding_voucher_fee_nonneg"),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0, amount__lte=models.F("fee")),
                name="funding_voucher_amount_le_fee",
            ),
        ]

    def __str__(self):
        return f"{self.enterprise} {self.used_on} {self.get_service_type_display()}"

    get_absolute_url = detail_url("voucher_use_detail")

    def clean(self):
        errors = {}
        if self.fee is not None and self.fee < 0:
            errors["fee"] = "服务费用不能为负数"
        if self.programme_id:
            if self.programme.kind != c.ProgrammeKind.VOUCHER:
                errors["programme"] = "请选择创新券类项目"
            elif self.used_on and self.programme.year != self.used_on.year:
                errors["used_on"] = f"使用日期应在{self.programme.year}年内"
            if self.enterprise_id and self.enterprise.park_id != self.programme.park_id:
                errors["programme"] = "只能使用本企业所在园区的创新券项目"
        if errors:
            raise ValidationError(errors)
