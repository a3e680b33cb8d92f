"""Tax consequences of a registered technology contract (criteria.md §6).

VAT (财税〔2016〕36号 附件3 第一条(二十六)): the seller's income from 技术转让 and 技术开发 is exempt, and so
is income from 技术咨询/技术服务 invoiced together with a transfer or development. 咨询 and 服务 contracts on
their own do not qualify. The contract must be recognised and registered by the provincial S&T authority.

技术许可 (a separate category since the 民法典): this module treats a licence as 技术转让 for VAT, because the
36号 definition of 转让技术 covers the transfer of the ownership *or the right of use* of patents and
non-patented technology, and registries such as Shenzhen register licences as 转让. A park that registers
licences otherwise should not rely on this choice.

Corporate income tax (企业所得税法实施条例 第九十条): a resident enterprise's 技术转让所得 per year up to
5,000,000 元 is exempt; the excess is taxed at half the rate. 所得 = 收入 − 成本 − 相关税费; a loss gives 0.
国税函〔2010〕157号 applies the halving to the 25% statutory rate; ``rate`` is a parameter for other cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from .money import ZERO, fen, yuan

Category = Literal["development", "transfer", "licence", "consulting", "service"]

EXEMPT_GAIN = Decimal(5_000_000)

CATEGORY_LABELS: dict[str, str] = {
    "development": "技术开发",
    "transfer": "技术转让",
    "licence": "技术许可",
    "consulting": "技术咨询",
    "service": "技术服务",
}
SUBTYPES: dict[str, dict[str, str]] = {
    "development": {"commissioned": "委托开发", "cooperative": "合作开发"},
    "transfer": {
        "patent": "专利权转让",
        "patent_application": "专利申请权转让",
        "know_how": "技术秘密转让",
    },
    "licence": {"patent_licence": "专利实施许可", "know_how_licence": "技术秘密使用许可"},
    "consulting": {
        "feasibility": "可行性论证",
        "forecast": "技术预测",
        "survey": "专题技术调查",
        "evaluation": "分析评价报告",
    },
    "service": {"general": "技术服务", "training": "技术培训", "intermediary": "技术中介"},
}
VAT_BASIS = "财税〔2016〕36号附件3第一条第（二十六）项"
VAT_CONDITIONS = (
    "合同须经省级科技主管部门认定登记",
    "免税额为合同价款扣除非技术性费用后的技术性收入",
    "由技术卖方开具增值税免税发票并留存备查资料",
)


@dataclass(frozen=True)
class TaxNote:
    """Whether the seller's income is VAT-exempt, why, and under which conditions."""

    category: Category
    subtype: str
    exempt: bool
    basis: str
    explanation: str
    conditions: tuple[str, ...]


@dataclass(frozen=True)
class IncomeTaxResult:
    """Corporate income tax on one year's technology-transfer gain."""

    gain: Decimal
    exempt_part: Decimal
    taxable_part: Decimal
    tax: Decimal
    explanation: str


def vat_exemption(category: Category, subtype: str, bundled_with_transfer_or_development: bool) -> TaxNote:
    """VAT treatment of the seller's income under a registered technology contract."""
    if category not in SUBTYPES:
        raise ValueError(f"未知的技术合同类别：{category}")
    if subtype not in SUBTYPES[category]:
        raise ValueError(f"{CATEGORY_LABELS[category]}合同不包含子类“{subtype}”")
    label = f"{CATEGORY_LABELS[category]}（{SUBTYPES[category][subtype]}）"
    if category in ("development", "transfer"):
        exempt, explanation = True, f"{label}合同技术卖方取得的收入免征增值税"
    elif category == "licence":
        exempt, explanation = (
            True,
            f"{label}按技术转让处理：“转让技术”包括转让专利或非专利技术的使用权，技术卖方收入免征增值税"
            "（如登记机构未按转让登记，请人工复核）",
        )
    elif bundled_with_transfer_or_development:
        exempt, explanation = True, f"{label}与技术转让或技术开发相关且价款开在同一张发票上，免征增值税"
    else:
        exempt, explanation = False, f"单独的{label}合同不适用技术转让、技术开发增值税免税政策"
    return TaxNote(category, subtype, exempt, VAT_BASIS, explanation, VAT_CONDITIONS if exempt else ())


def transfer_income_tax(
    income: Decimal,
    cost: Decimal,
    related_taxes: Decimal,
    rate: Decimal = Decimal("0.25"),
) -> IncomeTaxResult:
    """Income tax on a year's 技术转让所得: up to 5,000,000 exempt, the excess at half the rate."""
    gain = income - cost - related_taxes
    head = f"技术转让所得=收入{yuan(income)}−成本{yuan(cost)}−相关税费{yuan(related_taxes)}={yuan(gain)}"
    if gain <= 0:
        return IncomeTaxResult(gain, ZERO, ZERO, ZERO, head + "，无所得，不缴纳企业所得税")
    exempt = min(gain, EXEMPT_GAIN)
    excess = gain - exempt
    tax = fen(excess * rate / 2)
    if excess == 0:
        return IncomeTaxResult(gain, exempt, ZERO, ZERO, head + "，未超过500万元，免征企业所得税")
    return IncomeTaxResult(
        gain,
        exempt,
        excess,
        tax,
        head
        + f"；500万元以内免征，超过部分{yuan(excess)}按{rate * 100:.1f}%税率减半征收，应纳税额{yuan(tax)}"
        "（企业所得税法实施条例第九十条）",
    )
