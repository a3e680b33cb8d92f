from decimal import Decimal

from django import template

from innoladder.eligibility.superdeduction import FORM_LABELS

register = template.Library()


@register.filter
def wan(value) -> str:
    """Yuan shown in 万元 with thousands separators."""
    if value is None or value == "":
        return "—"
    return f"{Decimal(value) / Decimal(10000):,.2f}"


@register.filter
def yuan(value) -> str:
    if value is None or value == "":
        return ""
    return f"{Decimal(value):,.2f}"


@register.filter
def rd_form(value) -> str:
    """A research form as the engine's computation stores it ("entrusted_domestic"), in words."""
    return FORM_LABELS.get(value, value)
