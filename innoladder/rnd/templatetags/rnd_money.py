from django import template

from innoladder.eligibility.superdeduction import FORM_LABELS

register = template.Library()


@register.filter
def rd_form(value) -> str:
    """A research form as the engine's computation stores it ("entrusted_domestic"), in words."""
    return FORM_LABELS.get(value, value)
