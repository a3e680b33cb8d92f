from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from innoladder.core.models import MONEY, OPTIONAL_MONEY, StatusChangeNote, detail_url, status_fields
from innoladder.eligibility import uscc
from innoladder.eligibility.tech_contract import SUBTYPES
from innoladder.enterprises.models import EnterpriseChild, enterprise_fk

from . import choices as c


class TechContract(EnterpriseChild):
    """A technology contract (技术合同) and its registration with the S&T authority (技术合同认定登记).

    `enterprise` is the park party (seller or buyer, see `enterprise_role`); the record is scoped
    through it. Both parties are kept by name and USCC as the registry records them (criteria.md §6).
    """

    enterprise = enterprise_fk("tech_contracts", _("园区企业"), on_delete=models.PROTECT)
    enterprise_role = models.CharField(_("园区企业为"), max_length=10, choices=c.PartyRole.choices)
    title = models.CharField(_("合同名称"), max_length=300)
    category = models.CharField(_("合同类别"), max_length=20, choices=c.ContractCategory.choices)
    subtype = models.CharField(_("子类"), max_length=30, choices=c.SUBTYPE_CHOICES)
    bundled_with_transfer_or_development = models.BooleanField(
        _("咨询/服务与技术转让或开发相关且同票开具"), default=False
    )
    seller_name = models.CharField(_("卖方名称"), max_length=200)
    seller_uscc = models.CharField(_("卖方统一社会信用代码"), max_length=18)
    buyer_name = models.CharField(_("买方名称"), max_length=200)
    buyer_uscc = models.CharField(_("买方统一社会信用代码"), max_length=18)
    contract_amount = models.DecimalField(_("合同成交额(元)"), **MONEY)
    transaction_amount = models.DecimalField(_("技术交易额(元)"), **MONEY)
    signed_on = models.DateField(_("签订日期"))
    term_start = models.DateField(_("履行期限自"), null=True, blank=True)
    term_end = models.DateField(_("履行期限至"), null=True, blank=True)
    prepared_on = models.DateField(_("登记准备日期"))
    status = models.CharField(
        _("登记状态"),
        max_length=20,
        choices=c.RegistrationStatus.choices,
        default=c.RegistrationStatus.PREPARING,
    )
    submitted_on = models.DateField(_("提交日期"), null=True, blank=True)
    registration_number = models.CharField(_("登记编号"), max_length=60, blank=True)
    registered_on = models.DateField(_("登记日期"), null=True, blank=True)
    transfer_income = models.DecimalField(_("技术转让收入(元)"), **OPTIONAL_MONEY)
    transfer_cost = models.DecimalField(_("技术转让成本(元)"), **OPTIONAL_MONEY)
    transfer_taxes = models.DecimalField(_("相关税费(元)"), **OPTIONAL_MONEY)
    note = models.TextField(_("备注"), blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("技术合同")
        ordering = ["-signed_on", "-id"]
        indexes = [models.Index(fields=["status", "prepared_on"]), models.Index(fields=["registered_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(contract_amount__gte=0), name="contracts_amount_nonneg"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    transaction_amount__gte=0, transaction_amount__lte=models.F("contract_amount")
                ),
                name="contracts_transaction_le_contract",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="registered")
                | (models.Q(registered_on__isnull=False) & ~models.Q(registration_number="")),
                name="contracts_registered_has_number_and_date",
            ),
        ]

    def __str__(self):
        return self.title

    get_absolute_url = detail_url("contract_detail")

    @property
    def counterparty_name(self) -> str:
        return self.buyer_name if self.enterprise_role == c.PartyRole.SELLER else self.seller_name

    def clean(self):
        errors: dict[str, str] = {}
        if self.category and self.subtype and self.subtype not in SUBTYPES.get(self.category, {}):
            errors["subtype"] = f"{self.get_category_display()}合同不包含该子类"
        for field in ("seller_uscc", "buyer_uscc"):
            raw = getattr(self, field) or ""
            check = uscc.validate(raw)
            if not check.ok:
                errors[field] = "；".join(check.errors)
            else:
                setattr(self, field, check.code)
        if self.enterprise_id and not errors.get("seller_uscc") and not errors.get("buyer_uscc"):
            own = self.seller_uscc if self.enterprise_role == c.PartyRole.SELLER else self.buyer_uscc
            if own != self.enterprise.uscc:
                label = "卖方" if self.enterprise_role == c.PartyRole.SELLER else "买方"
                errors["enterprise_role"] = (
                    f"园区企业“{self.enterprise.name}”的统一社会信用代码与{label}代码不一致"
                )
            elif self.seller_uscc == self.buyer_uscc:
                errors["buyer_uscc"] = "买卖双方不能为同一单位"
        if self.contract_amount is not None and self.contract_amount < 0:
            errors["contract_amount"] = "合同成交额不能为负数"
        if self.transaction_amount is not None and self.contract_amount is not None:
            if self.transaction_amount < 0:
                errors["transaction_amount"] = "技术交易额不能为负数"
            elif self.transaction_amount > self.contract_amount:
                errors["transaction_amount"] = (
                    f"技术交易额{self.transaction_amount:,.2f}元不能超过合同成交额{self.contract_amount:,.2f}元"
                )
        if self.term_start and self.term_end and self.term_end < self.term_start:
            errors["term_end"] = "履行期限的结束日期不能早于开始日期"
        if self.status == c.RegistrationStatus.REGISTERED:
            if not self.registration_number.strip():
                errors["registration_number"] = "已登记的合同须填写登记编号"
            if not self.registered_on:
                errors["registered_on"] = "已登记的合同须填写登记日期"
            elif self.signed_on and self.registered_on < self.signed_on:
                errors["registered_on"] = "登记日期不能早于签订日期"
        for field in ("transfer_income", "transfer_cost", "transfer_taxes"):
            value = getattr(self, field)
            if value is not None and value < 0:
                errors[field] = "金额不能为负数"
        if errors:
            raise ValidationError(errors)


class TechContractHistory(StatusChangeNote):
    """One registration-status change of a contract: who, when, from, to, comment."""

    scope_enterprise_path = "contract__enterprise"

    contract = models.ForeignKey(TechContract, on_delete=models.CASCADE, related_name="history")
    from_status, to_status = status_fields(c.RegistrationStatus.choices)

    class Meta(StatusChangeNote.Meta):
        verbose_name = verbose_name_plural = _("技术合同登记流转记录")
