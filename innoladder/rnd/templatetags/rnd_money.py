from django import template

from innoladder.eligibility.superdeduction import FORM_LABELS
from innoladder.ruletables.english import translate

register = template.Library()


@register.filter
def rd_form(value) -> str:
    """A research form as the engine stores it ("entrusted_domestic"), in the reader's words."""
    return translate(FORM_LABELS.get(value, value))
