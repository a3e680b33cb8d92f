"""Gap computation: the smallest change that meets a threshold, and its Chinese text."""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_CEILING, Decimal

from .money import FEN, WAN
from .results import Gap, lazy_gap


def ceil_fen(amount: Decimal) -> Decimal:
    return amount.quantize(FEN, rounding=ROUND_CEILING)


def ceil_int(amount: Decimal) -> int:
    return int(amount.to_integral_value(rounding=ROUND_CEILING))


def format_wan(amount: Decimal) -> str:
    """Yuan → "42.3万" (rounded up to 0.01万, one trailing zero dropped)."""
    wan = (amount / WAN).quantize(FEN, rounding=ROUND_CEILING)
    text = f"{wan:.2f}"
    if text.endswith("0"):
        text = text[:-1]
    return f"{text}万"


def format_pct(ratio: Decimal) -> str:
    return f"{(ratio * 100).quantize(FEN)}%"


def money_to_ratio(ratio: Decimal, base: Decimal, current: Decimal, strict: bool = False) -> Decimal:
    """Extra amount x so that (current + x) ≥ ratio × base (base unchanged), rounded up to the fen."""
    needed = ceil_fen(ratio * base - current)
    if strict and current + needed <= ratio * base:
        needed += FEN
    return max(needed, Decimal(0))


def money_to_share(ratio: Decimal, part: Decimal, whole: Decimal, strict: bool = False) -> Decimal:
    """Extra amount x added to both part and whole so that (part + x) / (whole + x) ≥ ratio."""
    needed = ceil_fen((ratio * whole - part) / (1 - ratio))
    if strict and (part + needed) <= ratio * (whole + needed):
        needed += FEN
    return max(needed, Decimal(0))


def staff_to_share(ratio: Decimal, staff: int, employees: int, strict: bool = False) -> int:
    """New hires n (counted in both staff and employees) so that (staff + n) / (employees + n) ≥ ratio."""
    needed = max(ceil_int((ratio * employees - staff) / (1 - ratio)), 0)
    if strict and Decimal(staff + needed) <= ratio * (employees + needed):
        needed += 1
    return needed


def money_gap(kind: str, amount: Decimal, label: str, basis: str | Callable[[], str]) -> Gap:
    """The text "{label}还需增加 ¥…万（{basis}）", formatted when read (``basis`` may be a function)."""

    def text(gap: Gap) -> str:
        said = f"{label}还需增加 ¥{format_wan(gap.amount)}"
        why = basis if isinstance(basis, str) else basis()
        return f"{said}（{why}）" if why else said

    return lazy_gap(kind, amount, "元", text)


def count_gap(kind: str, amount: int, unit: str, text: str | Callable[[], str]) -> Gap:
    """``text`` (or a function giving it) may hold ``{n}`` for the amount, e.g. "还需 {n} 名科技人员"."""

    def said(gap: Gap) -> str:
        return (text if isinstance(text, str) else text()).format(n=amount)

    return lazy_gap(kind, Decimal(amount), unit, said)


def points_gap(amount: Decimal, what: str) -> Gap:
    return lazy_gap("score", amount, "分", lambda gap: f"{what}还差 {gap.amount} 分")
