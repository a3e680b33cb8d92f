"""Money typed and shown in 万元 while it is stored in yuan: exact conversions, no float anywhere.

Amounts are stored in yuan with two decimals (the fen). A figure typed in 万元 therefore has at most six
decimals; anything finer than a fen is refused rather than rounded, so what is stored is what was typed.
"""

from decimal import Decimal

WAN = Decimal(10000)
FEN = Decimal("0.01")
WAN_DECIMALS = 6  # 万元 to the fen


class MoneyInputError(ValueError):
    """Typed text that is not an amount in 万元; the message is Chinese."""


def wan_to_yuan(wan: Decimal) -> Decimal:
    """万元 → yuan, exactly: 78.782 → 787820.00. Refuses more than six decimals (finer than a fen)."""
    if not wan.is_finite():
        raise MoneyInputError("不是有效数字")
    if wan.as_tuple().exponent < -WAN_DECIMALS:  # type: ignore[operator]
        raise MoneyInputError("以万元填写时最多保留六位小数（即精确到分）")
    return (wan * WAN).quantize(FEN)


def yuan_to_wan(yuan) -> Decimal:
    """Yuan → 万元 exactly (a decimal shift, never rounded): 787820.00 → 78.782."""
    value = Decimal(yuan) / WAN
    return value.normalize() if value else Decimal(0)


def wan_text(yuan, *, grouping: bool = False) -> str:
    """Yuan as 万元 text without needless zeros or exponent: 787820 → "78.782", 86505000 → "8650.5"
    ("8,650.5" with grouping). Exact: what is shown converts back to the stored yuan."""
    value = yuan_to_wan(yuan)
    return f"{value:,f}" if grouping else f"{value:f}"
