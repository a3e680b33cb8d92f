"""Excel export used by every list and report: Chinese headers, number formats, frozen header row,
column widths, formula-injection neutralised, and an audit entry per export.

Money is stored in yuan and exported in 万元 with 2 decimals unless a column says otherwise.
"""

import datetime as dt
import io
import math
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import quote

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell._writer import etree_write_cell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.xml.functions import tostring

from . import audit
from .models import AuditEvent

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
WAN = Decimal(10000)
_ILLEGAL = ILLEGAL_CHARACTERS_RE.search

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
        return self.convert(self.read(row))

    def read(self, row):
        """The raw value of the column in `row`."""
        return self.value(row) if callable(self.value) else _lookup(row, self.value)

    def convert(self, raw):
        """The cell value of a raw value."""
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
    """Write sheets of (title, columns, rows) to xlsx bytes; returns the bytes and the row count.

    openpyxl writes the workbook, each sheet's frame and its styled header row. The data rows are written as
    XML text into each sheet's `<sheetData>`, cell for cell what openpyxl's write-only cells write (the
    column's style, the same value types and number text: `_RowWriter`), without a cell object and a style
    look-up per value: those were most of the export's time (issue 23)."""
    wb = Workbook(write_only=True)
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    header_alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    bodies = []
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
            cell.alignment = header_alignment
            header.append(cell)
        ws.append(header)
        writer = _RowWriter(ws, columns)
        body = [writer.row(row, index) for index, row in enumerate(rows, start=2)]
        total += len(body)
        bodies.append((ws, body))
    frame = io.BytesIO()
    wb.save(frame)
    return _insert_rows(frame, {ws.path.lstrip("/"): body for ws, body in bodies}), total


class _RowWriter:
    """The `<row>` XML of data rows of one sheet, as openpyxl's write-only writer gives it for
    `WriteOnlyCell(ws, value=column.get(row))` with the column's number format: inline strings (spaces
    kept), numbers as "%.16g", dates as Excel serial numbers, empty cells kept for their style. Values of
    another kind (a formula or an error text, a string with characters Excel refuses, an aware datetime)
    are written by openpyxl itself, with its errors."""

    def __init__(self, ws, columns: list[Column]):
        self.ws = ws
        self.columns = []
        for i, col in enumerate(columns, start=1):
            probe = WriteOnlyCell(ws)
            probe.number_format = FORMATS.get(col.kind, "General")
            style = f' s="{probe.style_id}"' if probe.has_style else ""
            read = _reader(col.value)
            self.columns.append((col, read, get_column_letter(i), style, probe.has_style, {}))

    def row(self, row, index: int) -> str:
        parts = [f'<row r="{index}">']
        for col, read, letter, style, styled, dates in self.columns:
            value = col.convert(read(row))
            kind = type(value)
            if kind is str:
                if value.startswith("=") or value in ERROR_CODES or _ILLEGAL(value) or len(value) > 32767:
                    parts.append(self._slow(col, letter, index, value))
                    continue
                text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                if "\r" in text:
                    text = text.replace("\r", "&#13;")
                space = ' xml:space="preserve"' if value != value.strip() else ""
                parts.append(f'<c r="{letter}{index}"{style} t="inlineStr"><is><t{space}>{text}</t></is></c>')
            elif kind is int or kind is float:
                if kind is float and not math.isfinite(value):
                    parts.append(self._slow(col, letter, index, value))
                    continue
                parts.append(f'<c r="{letter}{index}"{style} t="n"><v>{value:.16g}</v></c>')
            elif value is None:
                if styled:
                    parts.append(f'<c r="{letter}{index}"{style} t="n"></c>')
            elif kind is dt.date or (kind is dt.datetime and value.tzinfo is None):
                serial = dates.get(value)
                if serial is None:
                    serial = dates[value] = f"{to_excel(value):.16g}"
                parts.append(f'<c r="{letter}{index}"{style} t="n"><v>{serial}</v></c>')
            else:
                parts.append(self._slow(col, letter, index, value))
        parts.append("</row>")
        return "".join(parts)

    def _slow(self, col: Column, letter: str, index: int, value) -> str:
        cell = WriteOnlyCell(self.ws, value=value)
        cell.number_format = FORMATS.get(col.kind, "General")
        cell.row, cell.column = index, column_index_from_string(letter)
        written = []
        etree_write_cell(_Collect(written), self.ws, cell, cell.has_style)
        return "".join(tostring(el).decode() for el in written)


class _Collect:
    def __init__(self, into: list):
        self.write = into.append


def _reader(value: Callable[[object], object] | str) -> Callable[[object], object]:
    """`Column.read` for one column: a plain key or attribute read without splitting its path per row."""
    if callable(value):
        return value
    if "." in value:
        return lambda row: _lookup(row, value)

    def read(row):
        found = row.get(value) if isinstance(row, dict) else getattr(row, value)
        return found() if callable(found) else found

    return read


def _insert_rows(frame: io.BytesIO, bodies: dict[str, list[str]]) -> bytes:
    """The workbook `frame` (openpyxl's) with each sheet's data rows written before its `</sheetData>`, the
    parts in the same order and compression."""
    out = io.BytesIO()
    with zipfile.ZipFile(frame) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            rows = bodies.get(info.filename)
            if not rows:
                target.writestr(info, data, compress_type=info.compress_type)
                continue
            head, end, tail = data.partition(b"</sheetData>")
            if not end:
                raise ValueError(f"{info.filename}: no sheetData")
            with target.open(info, "w") as part:
                part.write(head)
                for start in range(0, len(rows), 5000):
                    part.write("".join(rows[start : start + 5000]).encode())
                part.write(end + tail)
    return out.getvalue()


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
