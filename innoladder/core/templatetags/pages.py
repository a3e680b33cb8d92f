"""The pager's links (templates/_pagination.html)."""

from urllib.parse import quote

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context) -> SafeString:
    """The page's query without its page number, each parameter followed by `&` (the last value of a
    repeated one), escaped for an attribute: built once for both links instead of a loop in each."""
    request = context.get("request")
    if request is None:
        return mark_safe("")
    return mark_safe(  # noqa: S308 - keys and values escaped
        "".join(
            f"{conditional_escape(key)}={conditional_escape(quote(value))}&"
            for key, value in request.GET.items()
            if key != "page"
        )
    )
