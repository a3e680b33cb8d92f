"""Downloads of the reports module, each audited: the report as .docx, its tables as xlsx (one sheet per
section with the rows counted), the rows of one figure, a dashboard chart and the statistics tables."""

import datetime as dt
import re
from urllib.parse import quote

from django.db.models import prefetch_related_objects
from django.http import HttpResponse
from django.utils import timezone

from innoladder.core import audit
from innoladder.core.models import AuditEvent
from innoladder.core.xlsx import Column, build_workbook, xlsx_response

from . import docx_export, selectors
from .choices import Section
from .facts import Fact, short_name
from .periods import period_label
from .services import final_sections

INVALID_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_title(text: str) -> str:
    """Excel refuses []:*?/\\ in sheet names and names over 31 characters."""
    return INVALID_SHEET_CHARS.sub("-", text)[:31]


DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _row_date(row, fact: Fact):
    value = getattr(row, fact.date_field, None) if fact.date_field else None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _load_named_links(rows: list) -> None:
    """Some records are named after a linked record (an application after its batch, a reach after its
    campaign): the links the first row's name reads are loaded for all rows at once, in one query each,
    instead of one query per row."""
    if not rows:
        return
    first = rows[0]
    str(first)
    links = [f.name for f in first._meta.concrete_fields if f.many_to_one and f.is_cached(first)]
    prefetch_related_objects(rows[1:], *links)


def fact_row_dicts(user, fact: Fact, *, links: bool = True, rows: list | None = None) -> list[dict]:
    """The counted rows in a uniform shape: enterprise, record, date, link (`links`: the page's; the xlsx
    does not show them). `rows`: the figure's rows when already read (their named links loaded)."""
    out = []
    if rows is None:
        rows = selectors.fact_rows(user, fact)
        _load_named_links(rows)
    for row in rows:
        enterprise = row if fact.model == "enterprises.Enterprise" else getattr(row, "enterprise", None)
        out.append(
            {
                "label": fact.label,
                "enterprise": enterprise.name if enterprise is not None else "",
                "short_name": short_name(enterprise) if enterprise is not None and links else "",
                "uscc": enterprise.uscc if enterprise is not None else "",
                "record": "" if row is enterprise else str(row),
                "date": _row_date(row, fact),
                "url": row.get_absolute_url() if links and hasattr(row, "get_absolute_url") else "",
                "pk": row.pk,
            }
        )
    return out


ROW_COLUMNS = [
    Column("数据项", "label", width=24),
    Column("企业名称", "enterprise", width=34),
    Column("统一社会信用代码", "uscc", width=22),
    Column("记录", "record", width=40),
    Column("日期", "date", kind="date", width=12),
    Column("记录ID", "pk", kind="int", width=10),
]


def _audit(user, report_or_park, filename: str, message: str, rows: int, extra: dict | None = None) -> None:
    audit.record(
        AuditEvent.EXPORT,
        user=user,
        obj=report_or_park,
        object_repr=filename,
        changes={"rows": rows, **(extra or {})},
        message=message,
    )


def fact_rows_xlsx(user, report, fact: Fact, rows: list[dict]):
    content, count = build_workbook([(sheet_title(fact.label), ROW_COLUMNS, rows)])
    filename = f"{report.title}-{fact.label}.xlsx"
    _audit(
        user,
        report,
        filename,
        f"导出{report.title}数据项“{fact.label}”明细，共 {count} 行",
        count,
        {"fact": fact.key},
    )
    return xlsx_response(filename, content)


def report_xlsx(user, report):
    facts = selectors.report_facts(report)
    summary = [
        {
            "section": Section(f.section).label,
            "label": f.label,
            "count": f.count,
            "amount": f.amount,
            "sentence": f.sentence,
        }
        for f in facts
    ]
    sheets = [
        (
            "数据汇总",
            [
                Column("章节", "section", width=14),
                Column("数据项", "label", width=24),
                Column("数量", "count", kind="int", width=10),
                Column("金额", "amount", kind="money_wan", width=14),
                Column("表述", "sentence", width=80),
            ],
            summary,
        )
    ]
    read = selectors.facts_rows(user, facts)
    by_model: dict[str, dict] = {}
    for fact in facts:
        by_model.setdefault(fact.model, {}).update((row.pk, row) for row in read[fact.key])
    for rows in by_model.values():
        _load_named_links(list(rows.values()))
    for value, label in Section.choices:
        rows = []
        for fact in facts:
            if fact.section == value:
                rows.extend(fact_row_dicts(user, fact, links=False, rows=read[fact.key]))
        sheets.append((label, ROW_COLUMNS, rows))
    content, count = build_workbook(sheets)
    filename = f"{report.title}-数据表.xlsx"
    _audit(user, report, filename, f"导出{report.title}数据表，共 {count} 行", count)
    return xlsx_response(filename, content)


def report_docx(user, report):
    sections = final_sections(report)
    subtitle = f"（{period_label(report.period_start, report.period_end)}）"
    content = docx_export.build(report, sections, subtitle=subtitle)
    filename = f"{report.title}.docx"
    edited = [s["key"] for s in sections if s["edit"] is not None]
    _audit(user, report, filename, f"导出{report.title}（Word）", len(sections), {"edited_sections": edited})
    response = HttpResponse(content, content_type=DOCX_MIME)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    response["Cache-Control"] = "no-store"
    return response


def chart_xlsx(user, park, on, chart):
    columns = [
        Column(h, (lambda row, i=i: row[i]), kind=_kind(chart.rows, i), width=18)
        for i, h in enumerate(chart.headers)
    ]
    content, count = build_workbook([(sheet_title(chart.title), columns, chart.rows)])
    filename = f"{park.name}-{chart.title}.xlsx"
    _audit(
        user,
        park,
        filename,
        f"导出图表“{chart.title}”数据，共 {count} 行",
        count,
        {"chart": chart.key, "on": on.isoformat()},
    )
    return xlsx_response(filename, content)


def _kind(rows: list[list], i: int) -> str:
    from decimal import Decimal

    for row in rows:
        value = row[i]
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, int):
            return "int"
        if isinstance(value, Decimal | float):
            return "decimal"
        return "date" if hasattr(value, "isoformat") else "text"
    return "text"


def tables_xlsx(user, park, year: int, tables):
    content, count = build_workbook([(sheet_title(t.title), t.columns(), t.rows) for t in tables])
    filename = f"{park.name}{year}年度统计报表.xlsx"
    _audit(user, park, filename, f"导出{park.name}{year}年度统计报表，共 {count} 行", count, {"year": year})
    return xlsx_response(filename, content)


def _chart_columns(chart) -> list[Column]:
    return [
        Column(h, (lambda row, i=i: row[i]), kind=_kind(chart.rows, i), width=18)
        for i, h in enumerate(chart.headers)
    ]


def enterprise_charts_xlsx(user, enterprise, charts):
    content, count = build_workbook([(sheet_title(c.title), _chart_columns(c), c.rows) for c in charts])
    filename = f"{enterprise.name}-经营与研发趋势.xlsx"
    _audit(user, enterprise, filename, f"导出{enterprise.name}经营与研发趋势数据，共 {count} 行", count)
    return xlsx_response(filename, content)
