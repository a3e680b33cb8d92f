"""Amounts in yuan (``Decimal``): rounding to the fen, and the text of an amount in an explanation line."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
FEN = Decimal("0.01")
WAN = Decimal(10000)  # 万元
YI = Decimal(100000000)  # 亿元


def fen(value: Decimal) -> Decimal:
    """Round to the fen, half up."""
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def yuan(value: Decimal) -> str:
    """An amount as an explanation line writes it: "1,234.50元"."""
    return f"{value:,.2f}元"
