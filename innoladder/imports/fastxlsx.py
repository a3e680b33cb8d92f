"""A fast, read-only xlsx cell reader on the standard library's expat parser.

openpyxl's read-only mode goes through defusedxml's pure-Python ElementTree layer and builds an element
per XML node; on a 50,000-row, 24-column sheet that alone takes longer than the whole import is allowed.
This reader streams the sheet XML through one expat parser with plain callbacks and keeps only the cell
values, with the same results as `openpyxl.load_workbook(read_only=True, data_only=True)`:

- shared strings (plain and rich text; phonetic runs left out), inline strings, formula results
  (`t="str"`, the cached value; never the formula), booleans, error values, ISO dates (`t="d"`);
- numbers as int or float, and numbers in a date-formatted cell as datetimes (the cell style's number
  format decides, as in openpyxl; also the East Asian built-in date formats 27–36 and 50–58, which
  openpyxl leaves as numbers), counted from 1900 or 1904 as the workbook declares;
- cell references with gaps (`r="C5"` after `A5`), cells and rows without references, namespace
  prefixes (`<x:c>`), hidden and very hidden sheets, chart sheets (skipped).

The sheet data itself is read by `sheetscan` (regular expressions) when its XML has the usual shapes,
and by expat otherwise; both give the same values (see `iter_rows`).

Two differences, both harmless to the import: a row's tuple ends at its last non-empty cell (openpyxl
keeps trailing styled empty cells as None), and the East Asian date formats above read as dates.

Safety: `reader.check_archive` has already refused oversized packages, zip bombs and any XML part that
contains a DOCTYPE or ENTITY declaration in UTF-8 or UTF-16. Every expat parser created here refuses a
DOCTYPE declaration again at parse time (whatever the declared encoding), never reads external entities
and never expands parameter entities: the same protections defusedxml gives, set on the parser itself.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel, from_ISO8601

from . import sheetscan

_CHUNK = 1 << 20
_REL_TYPE_WORKSHEET = "/worksheet"
_REL_TYPE_STYLES = "/styles"
_REL_TYPE_STRINGS = "/sharedStrings"
_REL_TYPE_OFFICE = "/officeDocument"
# Built-in number formats that Excel shows as dates in Chinese, Japanese and Korean locales; openpyxl
# does not know them, so a WPS/Excel file that uses one without redefining it would read as a number.
_EAST_ASIAN_DATE_FORMATS = frozenset((*range(27, 37), *range(50, 59)))


class UnsafeXML(ValueError):
    """An XML part declares a DTD or entities; the file is refused."""


class BrokenWorkbook(ValueError):
    """The package lacks a part the workbook refers to, or an XML part is not well formed."""


# What inflating a damaged zip member raises: a CRC or local header that does not match (BadZipFile), a
# deflate stream that is not one (zlib.error), a stream cut short (EOFError).
_DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError)


class DamagedPart(Exception):
    """A zip member cannot be inflated; `name` is the part, the cause is the zipfile/zlib error.

    Not a BrokenWorkbook: another reader would meet the same damaged bytes, so there is nothing to fall
    back to."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


@dataclass
class SheetInfo:
    name: str
    state: str  # visible / hidden / veryHidden
    path: str  # part name inside the zip


@dataclass
class WorkbookInfo:
    sheets: list[SheetInfo]
    epoch: dt.datetime
    shared_strings: list[str]
    date_styles: frozenset[str]  # cell style indexes as written in s="…"
    timedelta_styles: frozenset[str]
    worksheets: list[SheetInfo] = field(init=False)

    def __post_init__(self):
        self.worksheets = self.sheets


def _refuse(*_args) -> None:
    raise UnsafeXML("XML DTD/entity declarations are not allowed")


def make_parser(start=None, end=None, data=None) -> expat.XMLParserType:
    """An expat parser that refuses DTDs and entities (defusedxml's protections) and buffers text, calling
    `start(tag, attrs)`, `end(tag)` and `data(text)` for the handlers given."""
    parser = expat.ParserCreate()
    if start is not None:
        parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if data is not None:
        parser.CharacterDataHandler = data
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.UnparsedEntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
    parser.buffer_size = 1 << 16
    return parser


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def _attr(attrs: dict, local: str, default=None):
    """An attribute by its local name, with or without a namespace prefix (r:id, x:state)."""
    if local in attrs:
        return attrs[local]
    for key, value in attrs.items():
        if _local(key) == local:
            return value
    return default


@contextlib.contextmanager
def _member(archive: zipfile.ZipFile, name: str) -> Iterator[IO[bytes]]:
    """A member opened for reading; its bytes going bad anywhere in the block raises DamagedPart."""
    try:
        with archive.open(name) as stream:
            yield stream
    except _DAMAGE as exc:
        raise DamagedPart(name) from exc


def _feed(parser, archive: zipfile.ZipFile, name: str) -> None:
    try:
        with _member(archive, name) as stream:
            while True:
                chunk = stream.read(_CHUNK)
                if not chunk:
                    break
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise BrokenWorkbook(f"{name}: {exc}") from exc


def _elements(archive: zipfile.ZipFile, name: str, wanted: set[str]) -> list[tuple[str, dict]]:
    """(local name, attributes) of the wanted elements of a small XML part, in document order."""
    found: list[tuple[str, dict]] = []

    def start(tag, attrs):
        local = _local(tag)
        if local in wanted:
            found.append((local, attrs))

    parser = make_parser(start)
    _feed(parser, archive, name)
    return found


def _rels_path(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _relationships(archive: zipfile.ZipFile, part: str, names: set[str]) -> dict[str, tuple[str, str]]:
    """Relationship id → (type, target part name) for `part` ("" for the package)."""
    rels = _rels_path(part) if part else "_rels/.rels"
    if rels not in names:
        return {}
    folder = posixpath.dirname(part)
    out = {}
    for _, attrs in _elements(archive, rels, {"Relationship"}):
        target = attrs.get("Target", "")
        if attrs.get("TargetMode") == "External":
            continue
        if target.startswith("/"):
            path = target.lstrip("/")
        else:
            path = posixpath.normpath(posixpath.join(folder, target))
        out[attrs.get("Id", "")] = (attrs.get("Type", ""), path)
    return out


def _workbook_part(archive: zipfile.ZipFile, names: set[str]) -> str:
    for rel_type, path in _relationships(archive, "", names).values():
        if rel_type.endswith(_REL_TYPE_OFFICE) and path in names:
            return path
    if "xl/workbook.xml" in names:
        return "xl/workbook.xml"
    raise BrokenWorkbook("no workbook part")


def _shared_strings(archive: zipfile.ZipFile, name: str) -> list[str]:
    """Every <si>: its plain text, or its rich-text runs joined; phonetic (<rPh>) text left out."""
    strings: list[str] = []
    text = ""
    collecting = False
    phonetic = 0

    def start(tag, attrs):
        nonlocal text, collecting, phonetic
        local = _local(tag)
        if local == "t":
            collecting = not phonetic
        elif local == "si":
            text = ""
        elif local == "rPh":
            phonetic += 1

    def end(tag):
        nonlocal collecting, phonetic
        local = _local(tag)
        if local == "t":
            collecting = False
        elif local == "si":
            strings.append(text.replace("x005F_", ""))
        elif local == "rPh":
            phonetic -= 1

    def data(chunk):
        nonlocal text
        if collecting:
            text += chunk

    parser = make_parser(start, end, data)
    _feed(parser, archive, name)
    return strings


def _styles(archive: zipfile.ZipFile, name: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """The cell style indexes (cellXfs) whose number format shows a date, and those showing a duration."""
    if name is None:
        return frozenset(), frozenset()
    custom: dict[int, str] = {}
    xf_formats: list[int] = []
    depth = {"cellXfs": 0}

    def start(tag, attrs):
        local = _local(tag)
        if local == "numFmt":
            try:
                custom[int(attrs.get("numFmtId", ""))] = attrs.get("formatCode", "")
            except ValueError:
                return
        elif local == "cellXfs":
            depth["cellXfs"] += 1
        elif local == "xf" and depth["cellXfs"]:
            try:
                xf_formats.append(int(attrs.get("numFmtId", "0")))
            except ValueError:
                xf_formats.append(0)

    def end(tag):
        if _local(tag) == "cellXfs":
            depth["cellXfs"] -= 1

    parser = make_parser(start, end)
    _feed(parser, archive, name)
    dates, durations = set(), set()
    for index, format_id in enumerate(xf_formats):
        code = custom.get(format_id)
        if code is None:
            if format_id in _EAST_ASIAN_DATE_FORMATS:
                dates.add(str(index))
                continue
            code = BUILTIN_FORMATS.get(format_id)
        if code is None:
            continue
        if is_date_format(code):
            dates.add(str(index))
        if is_timedelta_format(code):
            durations.add(str(index))
    return frozenset(dates), frozenset(durations)


def open_workbook(archive: zipfile.ZipFile) -> WorkbookInfo:
    """Sheets (in workbook order, with their state), the date system, shared strings and date styles."""
    names = {info.filename for info in archive.infolist()}
    workbook = _workbook_part(archive, names)
    rels = _relationships(archive, workbook, names)
    sheets: list[SheetInfo] = []
    epoch = CALENDAR_WINDOWS_1900
    for local, attrs in _elements(archive, workbook, {"sheet", "workbookPr"}):
        if local == "workbookPr":
            if attrs.get("date1904", "").lower() in ("1", "true"):
                epoch = CALENDAR_MAC_1904
            continue
        rel = rels.get(_attr(attrs, "id", ""))
        if rel is None or not rel[0].endswith(_REL_TYPE_WORKSHEET):
            continue  # chart sheets, dialog sheets, dangling references
        if rel[1] not in names:
            raise BrokenWorkbook(f"missing sheet part {rel[1]}")
        sheets.append(SheetInfo(attrs.get("name", ""), attrs.get("state", "visible"), rel[1]))
    strings_part = styles_part = None
    for rel_type, path in rels.values():
        if rel_type.endswith(_REL_TYPE_STRINGS) and path in names:
            strings_part = path
        elif rel_type.endswith(_REL_TYPE_STYLES) and path in names:
            styles_part = path
    shared = _shared_strings(archive, strings_part) if strings_part else []
    dates, durations = _styles(archive, styles_part)
    return WorkbookInfo(sheets, epoch, shared, dates, durations)


_COLUMNS: dict[str, int] = {}


def _column_index(letters: str) -> int:
    """'A' → 0, 'Z' → 25, 'AA' → 26 (cached: a sheet uses a few dozen distinct columns)."""
    index = _COLUMNS.get(letters)
    if index is None:
        number = 0
        for ch in letters.upper():
            if not "A" <= ch <= "Z":
                raise BrokenWorkbook(f"bad cell reference {letters!r}")
            number = number * 26 + ord(ch) - 64
        if not 1 <= number <= 16384:
            raise BrokenWorkbook(f"bad cell reference {letters!r}")
        index = number - 1
        if len(_COLUMNS) < 20_000:
            _COLUMNS[letters] = index
    return index


_DIGITS = "0123456789"
# Element kinds for the sheet parser: a dict lookup per event instead of a chain of comparisons.
_C, _V, _ROW, _IS, _T, _RPH = 1, 2, 3, 4, 5, 6
_KINDS = {"c": _C, "v": _V, "row": _ROW, "is": _IS, "t": _T, "rPh": _RPH}


def iter_rows(
    archive: zipfile.ZipFile, workbook: WorkbookInfo, sheet: SheetInfo, *, scan: bool = True
) -> Iterator[tuple[int, tuple]]:
    """(Excel row number, cell values) for every row of the sheet, gaps filled with None.

    Rows missing from the XML are yielded as empty tuples so that row numbers stay consecutive, as
    openpyxl's read-only iteration does; a row's tuple ends at its last cell.

    The sheet is read with `sheetscan` (regular expressions, several times quicker) while its XML has
    the usual shapes; at the first thing it does not take, expat reads the sheet again from the start
    and the rows already given are skipped. `scan=False` reads with expat only.
    """
    given = 0
    if scan:
        try:
            for number, values in scanned_rows(archive, workbook, sheet):
                given = number
                yield number, values
            return
        except sheetscan.NotSimple:
            pass
    for number, values in expat_rows(archive, workbook, sheet):
        if number > given:
            yield number, values


def _cell_value(workbook: WorkbookInfo):
    """A function (type, style, text) → the cell's value, as the expat reader decides it."""
    shared = workbook.shared_strings
    date_styles = workbook.date_styles
    timedelta_styles = workbook.timedelta_styles
    epoch = workbook.epoch

    def value_of(kind: str, style_id, raw: str):
        if kind == "n":
            number = float(raw) if ("." in raw or "E" in raw or "e" in raw) else int(raw)
            if style_id not in date_styles:
                return number
            try:
                return from_excel(number, epoch, timedelta=style_id in timedelta_styles)
            except (OverflowError, ValueError):
                return "#VALUE!"
        if kind == "s":
            return shared[int(raw)]
        if kind == "b":
            return bool(int(raw))
        if kind == "d":
            return from_ISO8601(raw)
        return raw  # inlineStr, str (a formula's text result), e (an error such as #N/A)

    return value_of


def scanned_rows(
    archive: zipfile.ZipFile, workbook: WorkbookInfo, sheet: SheetInfo
) -> Iterator[tuple[int, tuple]]:
    """`iter_rows` through `sheetscan`; raises sheetscan.NotSimple (possibly after some rows)."""
    value_of = _cell_value(workbook)
    date_styles = workbook.date_styles
    columns = _COLUMNS
    column_index = _column_index
    unescape = sheetscan.unescape
    cell_body = sheetscan.cell_body
    expected = 1
    row_number = 0
    with _member(archive, sheet.path) as stream:
        for number, brackets, cells in sheetscan.raw_rows(stream):
            row_number = number if number is not None else row_number + 1
            values: list = []
            width = 0
            seen = 0
            for letters, style, kind, closed, text, other in cells:
                index = columns.get(letters)
                if index is None:
                    index = column_index(letters)
                inline = False
                if text:
                    seen += 4
                elif closed:
                    seen += 1
                else:
                    seen += 2
                    if other:
                        seen += other.count("<")
                        text, inline = cell_body(other)
                if inline:
                    value = unescape(text)
                elif not text:
                    value = None
                elif not kind or kind == "n":
                    if style and style in date_styles:
                        value = value_of("n", style, text)
                    else:
                        try:
                            value = float(text) if ("." in text or "E" in text or "e" in text) else int(text)
                        except ValueError as exc:
                            raise sheetscan.NotSimple("a number that is not one") from exc
                else:
                    value = value_of(kind, style or None, unescape(text))
                if index == width:
                    values.append(value)
                    width += 1
                elif index > width:
                    values.extend([None] * (index - width))
                    values.append(value)
                    width = index + 1
                else:
                    values[index] = value
            if seen != brackets:
                raise sheetscan.NotSimple("a row with something other than usual cells")
            while values and values[-1] is None:
                values.pop()
            while expected < row_number:
                yield expected, ()
                expected += 1
            if row_number >= expected:
                yield row_number, tuple(values)
                expected = row_number + 1


def expat_rows(
    archive: zipfile.ZipFile, workbook: WorkbookInfo, sheet: SheetInfo
) -> Iterator[tuple[int, tuple]]:
    """`iter_rows` through expat: every well-formed sheet."""
    other_value = _cell_value(workbook)
    kinds = dict(_KINDS)
    date_styles = workbook.date_styles
    column_index = _column_index
    columns = _COLUMNS
    digits = _DIGITS
    done: list[tuple[int, tuple]] = []
    cells: list = []
    row_number = 0
    column = -1
    ref = None
    kind_attr = "n"
    style = None
    text = ""
    collecting = False
    in_inline = False
    phonetic = 0
    has_value = False

    def kind_of(tag: str) -> int:
        kind = kinds[tag] = _KINDS.get(_local(tag), 0)
        return kind

    def start(tag, attrs):
        nonlocal row_number, column, ref, kind_attr, style, text, collecting, in_inline, has_value, phonetic
        kind = kinds.get(tag)
        if kind is None:
            kind = kind_of(tag)
        if kind == _C:
            ref = attrs.get("r")
            kind_attr = attrs.get("t", "n")
            style = attrs.get("s")
            text = ""
            has_value = False
        elif kind == _V:
            collecting = True
            has_value = True
        elif kind == _ROW:
            number = attrs.get("r")
            row_number = int(number) if number else row_number + 1
            column = -1
            cells.clear()
        elif kind == _IS:
            in_inline = True
            has_value = True
        elif kind == _T:
            collecting = in_inline and not phonetic
        elif kind == _RPH:
            phonetic += 1

    def end(tag):
        nonlocal column, collecting, in_inline, phonetic
        kind = kinds.get(tag)
        if kind is None:
            kind = kind_of(tag)
        if kind == _C:
            if ref:
                letters = ref.rstrip(digits)
                index = columns.get(letters)
                if index is None:
                    index = column_index(letters)
            else:
                index = column + 1
            column = index
            if not has_value:
                value = None
            elif kind_attr == "n" and text and style not in date_styles:
                value = float(text) if ("." in text or "E" in text or "e" in text) else int(text)
            elif text:
                value = other_value(kind_attr, style, text)
            else:
                value = "" if kind_attr == "inlineStr" else None
            width = len(cells)
            if index == width:
                cells.append(value)
            elif index > width:
                cells.extend([None] * (index - width))
                cells.append(value)
            else:
                cells[index] = value
        elif kind == _V or kind == _T:
            collecting = False
        elif kind == _ROW:
            while cells and cells[-1] is None:
                cells.pop()
            done.append((row_number, tuple(cells)))
        elif kind == _IS:
            in_inline = False
        elif kind == _RPH:
            phonetic -= 1

    def data(chunk):
        nonlocal text
        if collecting:
            text += chunk

    parser = make_parser(start, end, data)
    expected = 1
    try:
        with _member(archive, sheet.path) as stream:
            while True:
                chunk = stream.read(_CHUNK)
                final = not chunk
                parser.Parse(chunk, final)
                for number, values in done:
                    while expected < number:
                        yield expected, ()
                        expected += 1
                    if number >= expected:
                        yield number, values
                        expected = number + 1
                done.clear()
                if final:
                    break
    except expat.ExpatError as exc:
        raise BrokenWorkbook(f"{sheet.path}: {exc}") from exc
