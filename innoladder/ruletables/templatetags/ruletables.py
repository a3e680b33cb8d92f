"""Template helpers: engine texts in plain words (in the page's language), the basis notes apart, and a
tier's notice."""

import datetime as dt

from django import template

from .. import english, selectors, wording

register = template.Library()


@register.filter
def plain(text):
    return english.translate(wording.plain(str(text))) if text else text


@register.filter
def user_notes(notes):
    """The notes about the enterprise's result (shown with it)."""
    return [plain(note) for note in notes or () if not wording.is_basis_note(note)]


@register.filter
def basis_notes(notes):
    """The notes about how the rule was obtained or configured (inside 「规则依据」), in plain words."""
    return [plain(note) for note in notes or () if wording.is_basis_note(note)]


@register.filter
def version_words(block):
    """A result block's rule-set version in words (「高新技术企业 2016年版」)."""
    return english.translate(wording.result_version_label(block.get("version", ""), block.get("name", "")))


@register.inclusion_tag("ruletables/_tier_notice.html", takes_context=True)
def tier_notice(context, tier, on, compact=False):
    """The one notice about a tier whose criteria are missing on ``on`` (nothing for the others)."""
    user = context.get("user")
    if isinstance(on, str):
        try:
            on = dt.date.fromisoformat(on)
        except ValueError:
            on = None
    return {
        "notice": selectors.tier_notice(tier, on) if tier and on else None,
        "compact": compact,
        "may_view": user is not None and selectors.may_view(user),
    }
