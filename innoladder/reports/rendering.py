"""Report text on screen: each figure is a link to the rows it counts."""

from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from .facts import Fact
from .services import section_title


def linked_sentence(report, fact: Fact) -> str:
    url = reverse("report_fact_rows", args=[report.pk, fact.key])
    link = format_html('<a href="{}" class="fact-figure" data-fact="{}">{}</a>', url, fact.key, fact.figure)
    # The template is escaped first; its only placeholder is {figure} (braces in names are doubled).
    return mark_safe(escape(fact.template).format(figure=link) + gettext("。"))  # noqa: S308


def linked_sections(report, sections: list[dict]) -> list[dict]:
    facts = {d["key"]: Fact.from_json(d) for d in report.facts}
    out = []
    for section in sections:
        own = [facts[k].shown() for k in section["fact_keys"] if k in facts]
        html = mark_safe("".join(linked_sentence(report, f) for f in own))  # noqa: S308
        out.append({**section, "title": section_title(section), "html": html, "facts": own})
    return out
