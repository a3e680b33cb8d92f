"""Writes of the reports module: generating a work report, editing its text, comparing a re-generation."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from innoladder.core import audit
from innoladder.core.models import AuditEvent
from innoladder.core.services import StaleEditError, object_create, object_delete, object_update
from innoladder.enterprises.models import Region

from . import providers
from .choices import SECTION_NUMERALS, SECTION_TITLE, Section
from .facts import Fact
from .models import WorkReport, WorkReportEdit
from .periods import report_title


class ReportError(Exception):
    """A report request that cannot be carried out, with a message in Chinese."""


@dataclass(frozen=True)
class Composed:
    title: str
    sections: list[dict]
    facts: list[Fact]


def section_text(facts: list[Fact]) -> str:
    return "".join(f"{fact.sentence}。" for fact in facts)


def compose(*, user, park, start: dt.date, end: dt.date, progress: Callable | None = None) -> Composed:
    """Run every available provider for the park (or region: `park` is then a Region and every provider
    counts its parks together) and period, and write the sections from their facts."""
    if end < start:
        raise ReportError("结束日期不能早于开始日期")
    found = providers.available()
    facts: list[Fact] = []
    for i, provider in enumerate(found, start=1):
        facts.extend(provider(user, park, start, end))
        if progress is not None:
            progress(i, len(found), provider.key)
    keys = [f.key for f in facts]
    if len(keys) != len(set(keys)):
        raise ReportError("数据项标识重复，请联系系统管理员")
    sections = []
    with translation.override(settings.LANGUAGE_CODE):  # the language reports are made in
        choices = [(value, str(label)) for value, label in Section.choices]
    for i, (value, label) in enumerate(choices):
        own = sorted((f for f in facts if f.section == value), key=lambda f: f.order)
        sections.append(
            {
                "key": value,
                "title": SECTION_TITLE.format(numeral=SECTION_NUMERALS[i], title=label),
                "text": section_text(own),
                "fact_keys": [f.key for f in own],
            }
        )
    return Composed(title=report_title(park, start, end), sections=sections, facts=facts)


def report_generate(
    *, user, park, start: dt.date, end: dt.date, progress: Callable | None = None, is_demo: bool = False
) -> WorkReport:
    """Count (read-only, reporting progress as each provider finishes), then store the report in one
    transaction."""
    composed = compose(user=user, park=park, start=start, end=end, progress=progress)
    with transaction.atomic():
        return _store(user=user, park=park, start=start, end=end, composed=composed, is_demo=is_demo)


def _store(*, user, park, start: dt.date, end: dt.date, composed: Composed, is_demo: bool) -> WorkReport:
    region = park if isinstance(park, Region) else None
    report = WorkReport(
        park=None if region else park,
        region=region,
        period_start=start,
        period_end=end,
        title=composed.title,
        sections=composed.sections,
        facts=[f.to_json() for f in composed.facts],
        created_by=user,
        is_demo=is_demo,
    )
    object_create(report, user=user, message=f"生成{composed.title}")
    audit.record(
        AuditEvent.REPORT,
        obj=report,
        user=user,
        changes={
            "region" if region else "park": park.pk,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "facts": len(composed.facts),
        },
        message=f"生成{composed.title}，共 {len(composed.facts)} 项数据",
    )
    return report


@transaction.atomic
def report_edit_section(
    *, user, report: WorkReport, section: str, text: str, expected_version: int | None = None
) -> WorkReportEdit | None:
    """Store the officer's text for one section; clearing it (or restoring the generated text) removes the
    edit. The generated text in the report itself is never changed."""
    if section not in Section.values:
        raise ReportError("没有这个章节")
    generated = next((s["text"] for s in report.sections if s["key"] == section), "")
    text = text.strip()
    existing = WorkReportEdit.objects.select_for_update().filter(report=report, section=section).first()
    # expected_version 0: the editor saw no edit of this section yet
    if expected_version is not None and expected_version != (existing.version if existing else 0):
        raise StaleEditError()
    if not text or text == generated:
        if existing is not None:
            object_delete(existing, user=user, message="恢复为系统生成文本")
        return None
    if existing is None:
        return object_create(
            WorkReportEdit(report=report, section=section, text=text, edited_by=user), user=user
        )
    existing.text = text
    existing.edited_by = user
    return object_update(existing, user=user, expected_version=expected_version)


@dataclass(frozen=True)
class FactChange:
    key: str
    label: str
    before: Fact | None
    after: Fact | None

    @property
    def kind(self) -> str:
        if self.before is None:
            return _("新增")
        if self.after is None:
            return _("消失")
        return _("变化")


@dataclass(frozen=True)
class Comparison:
    composed: Composed
    changes: list[FactChange]
    sections_changed: list[str]

    @property
    def same(self) -> bool:
        return not self.changes and not self.sections_changed


def _signature(fact: Fact) -> tuple:
    return (fact.count, fact.amount, fact.row_ids, fact.sentence)


def report_compare(*, user, report: WorkReport) -> Comparison:
    """Re-generate the report from today's records and list what differs from the stored snapshot."""
    composed = compose(user=user, park=report.scope, start=report.period_start, end=report.period_end)
    before = {d["key"]: Fact.from_json(d) for d in report.facts}
    after = {f.key: f for f in composed.facts}
    changes = []
    for key in list(before) + [k for k in after if k not in before]:
        old, new = before.get(key), after.get(key)
        if old is not None and new is not None and _signature(old) == _signature(new):
            continue
        old, new = old and old.shown(), new and new.shown()
        changes.append(FactChange(key=key, label=(new or old).label, before=old, after=new))
    stored = {s["key"]: s["text"] for s in report.sections}
    sections_changed = [section_title(s) for s in composed.sections if stored.get(s["key"], "") != s["text"]]
    return Comparison(composed=composed, changes=changes, sections_changed=sections_changed)


def section_title(section: dict) -> str:
    """A section's title as stored (in Chinese), or in the active language."""
    if get_language() == settings.LANGUAGE_CODE:
        return section["title"]
    i = Section.values.index(section["key"])
    title = Section(section["key"]).label
    return gettext(SECTION_TITLE).format(numeral=SECTION_NUMERALS[i], number=i + 1, title=title)


def final_sections(report: WorkReport) -> list[dict]:
    """The sections as exported: the officer's text where edited, else the generated text."""
    edits = {e.section: e for e in report.edits.all()}
    result = []
    for section in report.sections:
        edit = edits.get(section["key"])
        result.append({**section, "final": edit.text if edit else section["text"], "edit": edit})
    return result
