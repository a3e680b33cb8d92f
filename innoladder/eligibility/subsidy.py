"""Configurable R&D-investment subsidy (研发投入补助), linked to the super-deduction.

No Qinghai text was recovered (criteria.md §7.5): nationally, provinces pay a post-subsidy equal to a
percentage of the tax-confirmed super-deduction amount or of the year-on-year R&D increment, usually
5-10% with a cap. Nothing is hard-coded here; a park configures a ``SubsidyRule``.

``min_amount`` is read as the smallest subsidy worth paying: a computed amount below it gives 0. That
reading is an assumption to confirm with the bureau's measures.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from .money import ZERO, fen, yuan

SubsidyBase = Literal["deduction_amount", "rd_increment"]

BASE_LABELS: dict[str, str] = {"deduction_amount": "研发费用加计扣除额", "rd_increment": "研发投入增量"}


@dataclass(frozen=True)
class SubsidyRule:
    """One park's subsidy rule: subsidy = min(rate × base, cap), not paid below min_amount."""

    rate: Decimal
    cap: Decimal | None
    base: SubsidyBase
    min_amount: Decimal = ZERO

    def __post_init__(self) -> None:
        if not ZERO <= self.rate <= 1:
            raise ValueError("补助比例应在0与1之间")
        if self.cap is not None and self.cap < 0:
            raise ValueError("补助上限不能为负数")
        if self.min_amount < 0:
            raise ValueError("最低补助金额不能为负数")


@dataclass(frozen=True)
class SubsidyResult:
    """The subsidy amount with its base and a Chinese explanation."""

    amount: Decimal
    base_amount: Decimal | None
    insufficient_data: bool
    explanation: str


def compute_subsidy(
    rule: SubsidyRule,
    deduction_amount: Decimal | None,
    rd_this_year: Decimal | None,
    rd_last_year: Decimal | None,
) -> SubsidyResult:
    """Compute the subsidy; the base is rounded to the fen after the rate, then capped."""
    label = BASE_LABELS[rule.base]
    if rule.base == "deduction_amount":
        if deduction_amount is None:
            return SubsidyResult(ZERO, None, True, "数据不足：缺少经税务确认的研发费用加计扣除额")
        base = max(deduction_amount, ZERO)
        base_text = f"{label}{yuan(base)}"
    else:
        if rd_this_year is None or rd_last_year is None:
            return SubsidyResult(ZERO, None, True, "数据不足：缺少本年或上年研发投入")
        increment = rd_this_year - rd_last_year
        base = max(increment, ZERO)
        base_text = f"{label}=本年{yuan(rd_this_year)}−上年{yuan(rd_last_year)}={yuan(increment)}"
        if increment <= 0:
            base_text += "，无增量按零计算"
    raw = fen(base * rule.rate)
    text = f"{base_text}；按{(rule.rate * 100).normalize():f}%计算为{yuan(raw)}"
    amount = raw
    if rule.cap is not None and raw > rule.cap:
        amount = fen(rule.cap)
        text += f"，超过上限{yuan(rule.cap)}，按上限补助"
    if amount < rule.min_amount:
        text += f"；低于最低补助金额{yuan(rule.min_amount)}，不予补助"
        amount = ZERO
    return SubsidyResult(amount, base, False, text + f"；补助金额{yuan(amount)}")
