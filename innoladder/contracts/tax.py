"""The tax consequence of a contract, from the pure rules in eligibility.tech_contract (criteria §6)."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from innoladder.eligibility.tech_contract import IncomeTaxResult, TaxNote, transfer_income_tax, vat_exemption

from . import choices as c


@dataclass(frozen=True)
class TaxView:
    vat: TaxNote
    vat_applies_to_enterprise: bool
    income_tax: IncomeTaxResult | None
    income_tax_note: str


def tax_view(contract) -> TaxView:
    vat = vat_exemption(contract.category, contract.subtype, contract.bundled_with_transfer_or_development)
    income_tax = None
    note = ""
    if contract.category in (c.ContractCategory.TRANSFER, c.ContractCategory.LICENCE):
        if contract.transfer_income is None:
            note = _("请填写技术转让收入、成本和相关税费以计算企业所得税")
        else:
            income_tax = transfer_income_tax(
                contract.transfer_income,
                contract.transfer_cost or Decimal(0),
                contract.transfer_taxes or Decimal(0),
            )
            note = _("按该企业本纳税年度全部技术转让所得合计计算，此处仅以本合同测算")
    else:
        note = _("技术转让所得减免仅适用于技术转让、技术许可合同")
    return TaxView(vat, contract.enterprise_role == c.PartyRole.SELLER, income_tax, note)
