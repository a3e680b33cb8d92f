"""Money display: stored in yuan, shown in 万元 with thousands separators."""

from decimal import Decimal

from django import template

register = template.Library()
WAN = Decimal(10000)


@register.filter
def wan(value) -> str:
    if value is None or value == "":
        return "—"
    return f"{(Decimal(value) / WAN).quantize(Decimal('0.01')):,}"


@register.filter
def yuan(value) -> str:
    if value is None or value == "":
        return "—"
    return f"{Decimal(value):,.2f}"


@register.filter
def percent(value) -> str:
    if value is None or value == "":
        return "—"
    return f"{(Decimal(value) * 100).quantize(Decimal('0.01')).normalize():f}%"
