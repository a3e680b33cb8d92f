"""Display helpers for the registry: changes as percentages, masked phones, sort links (money: `money`)."""

from decimal import Decimal

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

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
    request = context["request"]
    params = getattr(request, "_innoladder_sort_params", None)
    if params is None:  # one copy of the query for the page's sort links, not one per link
        params = request._innoladder_sort_params = request.GET.copy()
        params.pop("page", None)
    current = request.GET.get("sort", "")
    params.setlist("sort", [f"-{key}" if current == key else key])
    return "?" + params.urlencode()


@register.simple_tag
def options(form, name: str) -> SafeString:
    """A filter select's `<option>`s, the one posted marked selected (the value compared as text): one
    call instead of a template loop with a lookup and a comparison per option (issue 23)."""
    posted = form.data.get(name)
    return mark_safe(  # noqa: S308 - values and labels escaped
        "".join(
            f'<option value="{conditional_escape(value)}"'
            f"{' selected' if posted == str(value) else ''}>"
            f"{conditional_escape(label)}</option>"
            for value, label in form.fields[name].choices
        )
    )
