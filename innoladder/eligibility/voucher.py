"""青海省科技创新券 (Qinghai S&T innovation voucher), revised 2025-06 (criteria.md §7.4, medium-high).

Source: 西宁晚报 2025-06-18, http://www.xnwbw.com/html/2025-06/18/content_331603.htm (a news report of the
青海省科技厅 + 财政厅 measures, not the measures themselves).

- Annual quota: 20万元 for 高新技术企业, 青海省科技型企业, 国家科技型中小企业 and 规上 enterprises with R&D
  input; 5万元 for tech firms in provincial-or-higher incubators or maker spaces. Several draws a year.
- Share of each service fee: 100% for large-instrument sharing; 80% for testing, R&D services,
  consulting, green computing and S&T finance.
- voucher_use = min(fee × share, remaining annual quota).

青海省科技"小巨人"企业 are eligible holders, but the report states no quota for them, so the default rules
leave them unconfigured; a park sets it in ``VoucherRules``. An enterprise that fits several holder types
should be passed the type with the highest quota.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .money import ZERO, fen, yuan

HOLDER_LABELS: dict[str, str] = {
    "hnte": "高新技术企业",
    "qh_tech_enterprise": "青海省科技型企业",
    "tsme": "国家科技型中小企业",
    "above_scale_with_rd": "有研发投入的规上企业",
    "incubator": "省级以上孵化器、众创空间内的科技型企业",
    "qh_tech_little_giant": "青海省科技“小巨人”企业",
}
SERVICE_LABELS: dict[str, str] = {
    "instrument_sharing": "大型科研仪器共享",
    "testing": "检验检测",
    "rd_service": "研发服务",
    "consulting": "技术咨询",
    "green_computing": "绿色算力",
    "finance": "科技金融",
}


def _default_quotas() -> dict[str, Decimal]:
    return {
        "hnte": Decimal(200_000),
        "qh_tech_enterprise": Decimal(200_000),
        "tsme": Decimal(200_000),
        "above_scale_with_rd": Decimal(200_000),
        "incubator": Decimal(50_000),
    }


def _default_shares() -> dict[str, Decimal]:
    shares = {service: Decimal("0.8") for service in SERVICE_LABELS}
    shares["instrument_sharing"] = Decimal(1)
    return shares


@dataclass(frozen=True)
class VoucherRules:
    """Annual quota per holder type and voucher share per service type; a park may configure both."""

    version: str = "qh_voucher_2025"
    annual_quota: dict[str, Decimal] = field(default_factory=_default_quotas)
    service_share: dict[str, Decimal] = field(default_factory=_default_shares)


DEFAULT_RULES = VoucherRules()


@dataclass(frozen=True)
class VoucherResult:
    """How much of one service fee the voucher pays, and what quota is left for the year."""

    amount: Decimal
    remaining_after: Decimal
    quota: Decimal | None
    share: Decimal | None
    explanation: str


def voucher_use(
    fee: Decimal,
    service_type: str,
    holder_type: str,
    used_this_year: Decimal,
    rules: VoucherRules = DEFAULT_RULES,
) -> VoucherResult:
    """Voucher amount for one service fee: min(fee × share, quota − used this year)."""
    if fee < 0 or used_this_year < 0:
        raise ValueError("服务费用和本年已用额度不能为负数")
    holder = HOLDER_LABELS.get(holder_type, holder_type)
    service = SERVICE_LABELS.get(service_type, service_type)
    quota = rules.annual_quota.get(holder_type)
    if quota is None:
        return VoucherResult(
            ZERO, ZERO, None, None, f"{holder}未配置创新券年度额度，请按现行办法设置后再计算"
        )
    remaining = max(quota - used_this_year, ZERO)
    share = rules.service_share.get(service_type)
    if share is None:
        return VoucherResult(ZERO, remaining, quota, None, f"“{service}”不在创新券支持的服务范围内")
    wanted = fen(fee * share)
    amount = min(wanted, remaining)
    text = (
        f"{holder}年度额度{yuan(quota)}，本年已用{yuan(used_this_year)}，剩余{yuan(remaining)}；"
        f"{service}服务费{yuan(fee)}×{(share * 100).normalize():f}%={yuan(wanted)}"
    )
    if remaining == 0:
        text += "；本年额度已用完，创新券不予支付"
    elif wanted > remaining:
        text += f"，超过剩余额度，按剩余额度{yuan(remaining)}支付"
    else:
        text += f"，创新券支付{yuan(amount)}"
    return VoucherResult(amount, remaining - amount, quota, share, text)
