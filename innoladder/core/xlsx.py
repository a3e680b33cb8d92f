"""Excel export used by every list and report: Chinese headers, number formats, frozen header row,
column widths, formula-injection neutralised, and an audit entry per export.

Money is stored in yuan and exported in 万元 with 2 decimals unless a column says otherwise.
"""

import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import quote

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from . import audit
from .models import AuditEvent

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
WAN = Decimal(10000)

FORMATS = {
    "text": "@",
    "int": "#,##0",
    "decimal": "#,##0.00",
    "money_wan": "#,##0.00",
    "money_yuan": "#,##0.00",
    "percent": "0.00%",
    "date": "yyyy-mm-dd",
}


def neutralise(value):
    """Cells starting with = + - @, tab or CR would run as formulas in Excel/WPS; prefix a quote."""
    if isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES):
        return "'" + value
    return value


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[object], object] | str
    kind: str = "text"
    width: int = 16

    def get(self, row):
        raw = self.value(row) if callable(self.value) else _lookup(row, self.value)
        if raw is None or raw == "":
            return None
        if self.kind == "money_wan":
            return float((Decimal(raw) / WAN).quantize(Decimal("0.01")))
        if self.kind in ("decimal", "money_yuan", "percent"):
            return float(Decimal(raw))
        if self.kind == "int":
            return int(raw)
        if self.kind == "date":
            return raw if isinstance(raw, dt.date) else str(raw)
        return neutralise(str(raw))

    @property
    def title(self) -> str:
        return f"{self.header}(万元)" if self.kind == "money_wan" else self.header


def _lookup(row, path: str):
    value = row
    for part in path.split("."):
        if value is None:
            return None
        value = value.get(part) if isinstance(value, dict) else getattr(value, part)
        if callable(value):
            value = value()
    return value


def build_workbook(sheets: Iterable[tuple[str, list[Column], Iterable]]) -> tuple[bytes, int]:
    """Write sheets of (title, columns, rows) to xlsx bytes; returns the bytes and the row count."""
    wb = Workbook(write_only=True)
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    total = 0
    for title, columns, rows in sheets:
        ws = wb.create_sheet(title=title[:31])
        ws.freeze_panes = "A2"
        for i, col in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = col.width
        header = []
        for col in columns:
            cell = WriteOnlyCell(ws, value=neutralise(col.title))
            cell.font = header_font
            cell.fill = header_fill
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            header.append(cell)
        ws.append(header)
        for row in rows:
            cells = []
            for col in columns:
                cell = WriteOnlyCell(ws, value=col.get(row))
                cell.number_format = FORMATS.get(col.kind, "General")
                cells.append(cell)
            ws.append(cells)
            total += 1
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue(), total


def xlsx_response(filename: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_MIME)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    response["Cache-Control"] = "no-store"
    return response


def export(
    filename: str,
    title: str,
    columns: list[Column],
    rows: Iterable,
    *,
    user,
    filters: dict | None = None,
    object_type: str = "",
) -> HttpResponse:
    """Build one-sheet xlsx from scoped rows, audit the export (filter and row count), return the download."""
    content, count = build_workbook([(title, columns, rows)])
    audit.record(
        AuditEvent.EXPORT,
        user=user,
        object_type=object_type,
        object_repr=filename,
        changes={"filters": filters or {}, "rows": count},
        message=f"导出{title}，共 {count} 行",
    )
    return xlsx_response(filename, content)
