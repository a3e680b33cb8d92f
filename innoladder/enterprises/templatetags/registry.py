"""Display helpers for the registry: changes as percentages, masked phones, sort links (money: `money`)."""

from decimal import Decimal

from django import template

from innoladder.enterprises.models import mask_phone

register = template.Library()


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
