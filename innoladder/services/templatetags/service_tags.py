from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def wan(value):
    """Yuan → 万元 with thousands separators and 2 decimals ("" when unknown)."""
    if value is None or value == "":
        return ""
    return f"{(Decimal(value) / Decimal(10000)).quantize(Decimal('0.01')):,}"
