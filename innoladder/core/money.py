"""Money shown on pages: stored in yuan, shown in 万元 or yuan with thousands separators (no float)."""

from decimal import Decimal

WAN = Decimal(10000)
CENT = Decimal("0.01")


def _unknown(value) -> bool:
    return value is None or value == ""


def wan(value, empty: str = "—") -> str:
    """Yuan → 万元 with thousands separators and 2 decimals: 12345678 → "1,234.57"."""
    return empty if _unknown(value) else f"{(Decimal(value) / WAN).quantize(CENT):,}"


def yuan(value, empty: str = "—") -> str:
    """Yuan with thousands separators and 2 decimals: 1234.5 → "1,234.50"."""
    return empty if _unknown(value) else f"{Decimal(value):,.2f}"


def percent(value, empty: str = "—") -> str:
    """A fraction as a percentage without needless zeros: 0.125 → "12.5%"."""
    return empty if _unknown(value) else f"{(Decimal(value) * 100).quantize(CENT).normalize():f}%"
