"""Display helpers for the registry: money in 万元 with thousands separators, changes as percentages."""

from decimal import Decimal

from django import template

from innoladder.enterprises.models import mask_phone

register = template.Library()
WAN = Decimal(10000)


@register.filter
def wan(value) -> str:
    """Yuan → 万元 with thousands separators and 2 decimals: 12345678 → 1,234.57."""
    if value is None or value == "":
        return "—"
    return f"{(Decimal(value) / WAN).quantize(Decimal('0.01')):,.2f}"


@register.filter
def pct(value) -> str:
    """A fraction as a signed percentage: 0.125 → +12.5%."""
    if value is None:
        return ""
    return f"{Decimal(value) * 100:+.1f}%"


@register.filter
def masked(value) -> str:
    return mask_phone(value or "")


@register.simple_tag(takes_context=True)
def sort_url(context, key: str) -> str:
    """The list URL with the same filters, sorted by `key` (toggling direction when already sorted by it)."""
    params = context["request"].GET.copy()
    current = params.get("sort", "")
    params["sort"] = f"-{key}" if current == key else key
    params.pop("page", None)
    return "?" + params.urlencode()
