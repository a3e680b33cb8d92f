"""Safe xlsx reading: guards that run before any XML parser sees the file, then a read-only parse.

Limits follow security-baseline.md AS-14…AS-17: `.xlsx` only (zip magic), ≤ 10 MB upload, ≤ 50 MB
uncompressed, ≤ 100 zip entries, compression ratio ≤ 100, no DTD/ENTITY in any XML part,
≤ 50,000 data rows, ≤ 200 columns, ≤ 32,767 characters per cell.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass, field

from openpyxl import load_workbook

from . import fastxlsx
from .datasets import EXAMPLE_MARKER_HEADER, Column, Dataset, normalise_header, split_header

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_ENTRIES = 100
MAX_RATIO = 100
MAX_ROWS = 50_000
MAX_COLUMNS = 200
MAX_CELL_CHARS = 32_767
HEADER_SEARCH_ROWS = 10
_UNSAFE = "文件包含不允许的 XML 声明（DTD/实体定义），可能是恶意文件，已拒绝。"
ZIP_MAGIC = b"PK\x03\x04"
_FORBIDDEN = (b"<!doctype", b"<!entity")
_FORBIDDEN_PATTERNS = tuple(
    p
    for token in _FORBIDDEN
    for p in (token, token.decode().encode("utf-16-le"), token.decode().encode("utf-16-be"))
)
_CHUNK = 1 << 20
# What openpyxl and the XML layer raise on broken or hostile content (defusedxml's errors are ValueErrors,
# ElementTree's ParseError is a SyntaxError).
_PARSER_ERRORS = (
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    AttributeError,
    OSError,
    SyntaxError,
    zipfile.BadZipFile,
)
# What inflating a damaged zip member raises: a CRC that does not match or a broken local header
# (BadZipFile), a deflate stream that is not one (zlib.error), a stream cut short (EOFError).
DAMAGED_MEMBER_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError)
# xlsx writers store or deflate; any other method (or a method zipfile cannot inflate) is no workbook.
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


class FileRejected(Exception):
    """The file is refused as a whole; the message is Chinese and safe to show."""


def damaged(name: str, exc: BaseException | None) -> FileRejected:
    """The refusal for a zip member that cannot be inflated, naming the part and what is wrong with it.

    zipfile checks a member's CRC when its stored bytes run out, so a deflate stream cut short reads as a
    CRC error too; EOFError is the package itself ending inside the member."""
    part = f"“{name}”" if name else "其中一个部件"
    if isinstance(exc, EOFError):
        what = f"{part}的压缩数据不完整（文件被截断）"
    elif isinstance(exc, zlib.error):
        what = f"{part}的压缩数据已损坏"
    elif "CRC" in str(exc):
        what = f"{part}校验失败（CRC 错误，数据已损坏或不完整）"
    else:
        what = f"{part}的文件头已损坏"
    return FileRejected(f"文件已损坏，无法读取：{what}，请重新保存后上传。")


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = MAX_FILE_BYTES
    max_uncompressed_bytes: int = MAX_UNCOMPRESSED_BYTES
    max_entries: int = MAX_ENTRIES
    max_ratio: int = MAX_RATIO
    max_rows: int = MAX_ROWS
    max_columns: int = MAX_COLUMNS
    max_cell_chars: int = MAX_CELL_CHARS


DEFAULT_LIMITS = Limits()


@dataclass
class HeaderMatch:
    column: Column
    index: int  # 0-based column index in the sheet
    original: str  # header text as written in the file
    unit: str | None  # unit declared in the file's header (元/万元/亿元) or None


@dataclass
class ParsedSheet:
    sheet_name: str
    header_row: int  # Excel row number of the header
    headers: list[str]  # original header texts, by column index
    matches: dict[str, HeaderMatch]  # by column field
    rows: list[tuple[int, tuple]] = field(default_factory=list)  # (Excel row number, raw values)
    unknown_headers: list[str] = field(default_factory=list)
    missing_required: list[str] = field(default_factory=list)
    example_rows: int = 0
    marker_index: int | None = None
    # The dry run's converted columns, read back by the commit (parse_cache): (row numbers,
    # {columns.Spec.reuse_key: (column, absent positions)}); engine.build_plan takes them for these rows.
    converted: tuple | None = None


def check_archive(data: bytes, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse anything that is not a small, ordinary xlsx package, before decompressing a byte of XML."""
    if len(data) > limits.max_file_bytes:
        raise FileRejected(f"文件过大：最大允许 {limits.max_file_bytes // (1024 * 1024)} MB。")
    if not data.startswith(ZIP_MAGIC):
        raise FileRejected(
            "文件格式不正确：只接受 Excel 2007 及以上版本的 .xlsx 文件（不接受 .xls、.csv 或改名文件）。"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError) as exc:
        raise FileRejected("文件已损坏或不是有效的 .xlsx 文件。") from exc
    if len(infos) > limits.max_entries:
        raise FileRejected(f"文件结构异常：压缩包内文件数 {len(infos)} 超过上限 {limits.max_entries}。")
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/workbook") for n in names):
        raise FileRejected("文件格式不正确：不是有效的 Excel 工作簿（.xlsx）。")
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise FileRejected("不接受含宏的工作簿（.xlsm），请另存为 .xlsx 后再上传。")
    total = sum(info.file_size for info in infos)
    if total > limits.max_uncompressed_bytes:
        raise FileRejected(
            f"文件解压后过大（约 {total // (1024 * 1024)} MB，"
            f"上限 {limits.max_uncompressed_bytes // (1024 * 1024)} MB），"
            "疑似压缩炸弹，已拒绝。"
        )
    compressed = sum(info.compress_size for info in infos) or 1
    if total / compressed > limits.max_ratio:
        raise FileRejected(
            f"文件压缩比异常（{total // compressed} 倍，上限 {limits.max_ratio} 倍），疑似压缩炸弹，已拒绝。"
        )
    for info in infos:
        if info.flag_bits & 0x1:
            raise FileRejected("不接受加密的工作簿，请取消密码保护后再上传。")
        if info.compress_type not in _METHODS:
            raise FileRejected(
                f"文件已损坏，无法读取：“{info.filename}”使用了不支持的压缩方式，请重新保存后上传。"
            )
    for info in infos:
        _read_member(archive, info, xml=info.filename.lower().endswith((".xml", ".rels", ".vml")))


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, xml: bool) -> None:
    """Inflate one member to its end, so that its CRC is checked and a damaged part is found here rather
    than half-way through reading the sheet; an XML part must hold no DTD and no entity declarations
    (billion laughs, external entities)."""
    tail = b""
    try:
        with archive.open(info) as stream:
            while True:
                chunk = stream.read(_CHUNK)
                if not chunk:
                    break
                if not xml:
                    continue
                window = (tail + chunk).lower()
                if any(p in window for p in _FORBIDDEN_PATTERNS):
                    raise FileRejected(_UNSAFE)
                tail = window[-32:]
    except DAMAGED_MEMBER_ERRORS as exc:
        raise damaged(info.filename, exc) from exc


def _cell_text(value) -> str:
    return "" if value is None else str(value).strip()


def _choose_sheet(sheets: list[tuple[str, str, object]], dataset: Dataset):
    """The sheet named like the dataset, else the first visible one that is not an instructions sheet;
    `sheets` holds (title, state, sheet) in workbook order."""
    wanted = normalise_header(dataset.title)
    visible = [(title, sheet) for title, state, sheet in sheets if state == "visible"]
    for title, sheet in visible:
        if normalise_header(title) == wanted:
            return title, sheet
    for title, sheet in visible:
        if normalise_header(title) not in ("说明", "填写说明", "选项"):
            return title, sheet
    raise FileRejected("工作簿中没有可见的数据工作表。")


def _match_headers(dataset: Dataset, header_cells: list[str], above: list[str]) -> dict[str, HeaderMatch]:
    by_key: dict[str, Column] = {}
    for col in dataset.columns:
        for key in col.header_keys():
            by_key[key] = col
    matches: dict[str, HeaderMatch] = {}
    for index, text in enumerate(header_cells):
        group = above[index] if index < len(above) else ""
        source = text or group
        if not source:
            continue
        base, unit = split_header(source)
        col = by_key.get(base) or by_key.get(normalise_header(source))
        if col is None or col.field in matches:
            continue
        if unit is None and group and text:
            unit = split_header(group)[1]
        matches[col.field] = HeaderMatch(col, index, source, unit)
    return matches


_UNREADABLE = "无法读取该 Excel 文件，请用 Excel 或 WPS 另存为 .xlsx 后重试。"
_BROKEN_SHEET = "文件内容无法解析（工作表结构损坏），请用 Excel 或 WPS 另存为 .xlsx 后重试。"


def parse(
    data: bytes, dataset: Dataset, limits: Limits = DEFAULT_LIMITS, *, engine: str = "fast"
) -> ParsedSheet:
    """Guard, then read the dataset's sheet: find the header row, map headers, collect non-empty rows.

    engine "fast" reads the cells with `fastxlsx` (expat, same values as openpyxl's read-only mode); a
    package it cannot make sense of is handed to openpyxl, which either reads it or refuses it.
    engine "openpyxl" reads with openpyxl only (kept for comparison in tests and the benchmark).
    """
    check_archive(data, limits)
    if engine == "fast":
        try:
            return _parse_fast(data, dataset, limits)
        except fastxlsx.UnsafeXML as exc:
            raise FileRejected(_UNSAFE) from exc
        except fastxlsx.DamagedPart as exc:
            raise damaged(exc.name, exc.__cause__) from exc
        except fastxlsx.BrokenWorkbook:
            pass  # the fallback below reads it the way openpyxl does, or refuses it
    return _parse_openpyxl(data, dataset, limits)


def _parse_fast(data: bytes, dataset: Dataset, limits: Limits) -> ParsedSheet:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        workbook = fastxlsx.open_workbook(archive)
    except (fastxlsx.UnsafeXML, fastxlsx.BrokenWorkbook):
        raise
    except _PARSER_ERRORS as exc:
        raise FileRejected(_UNREADABLE) from exc
    with archive:
        title, sheet = _choose_sheet([(s.name, s.state, s) for s in workbook.sheets], dataset)
        try:
            return _read_sheet(title, fastxlsx.iter_rows(archive, workbook, sheet), dataset, limits)
        except (fastxlsx.UnsafeXML, fastxlsx.BrokenWorkbook):
            raise
        except _PARSER_ERRORS as exc:
            raise FileRejected(_BROKEN_SHEET) from exc


def _parse_openpyxl(data: bytes, dataset: Dataset, limits: Limits) -> ParsedSheet:
    # openpyxl does not say which part it was inflating; a damaged part is named by the zip's own check.
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except DAMAGED_MEMBER_ERRORS as exc:
        raise _first_damaged(data, exc) from exc
    except _PARSER_ERRORS as exc:
        raise FileRejected(_UNREADABLE) from exc
    try:
        sheets = [(ws.title, getattr(ws, "sheet_state", "visible"), ws) for ws in workbook.worksheets]
        title, ws = _choose_sheet(sheets, dataset)
        ws.reset_dimensions()
        rows = enumerate(ws.iter_rows(values_only=True), start=1)
        return _read_sheet(title, rows, dataset, limits)
    except DAMAGED_MEMBER_ERRORS as exc:
        raise _first_damaged(data, exc) from exc
    except _PARSER_ERRORS as exc:
        raise FileRejected(_BROKEN_SHEET) from exc
    finally:
        workbook.close()


def _first_damaged(data: bytes, exc: BaseException) -> FileRejected:
    """The refusal naming the first member that fails to inflate (`exc` when none fails on its own)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            try:
                _read_member(archive, info, xml=False)
            except FileRejected as refusal:
                return refusal
    return damaged("", exc)


def _read_sheet(title: str, rows_iter, dataset: Dataset, limits: Limits) -> ParsedSheet:
    """`rows_iter` yields (Excel row number, values) for consecutive rows from row 1."""
    head: list[tuple[int, tuple]] = []
    for number, values in rows_iter:
        head.append((number, values))
        if number >= HEADER_SEARCH_ROWS:
            break
    best = None
    previous: list[str] = []
    for number, values in head:
        cells = [_cell_text(v) for v in values]
        above = _forward_fill(previous)
        matches = _match_headers(dataset, cells, above)
        if matches and (best is None or len(matches) > len(best[2])):
            best = (number, cells, matches, above)
        previous = cells
    if best is None:
        raise FileRejected(
            "没有找到表头：前 10 行中没有与模板一致的列名。请使用本系统下载的模板（"
            + "、".join(c.template_header for c in dataset.columns[:4])
            + " ……）。"
        )
    header_row, cells, matches, above = best
    headers = [cells[i] or (above[i] if i < len(above) else "") for i in range(len(cells))]
    parsed = ParsedSheet(sheet_name=title, header_row=header_row, headers=headers, matches=matches)
    used = {m.index for m in matches.values()}
    for index, text in enumerate(headers):
        if not text:
            continue
        if normalise_header(text) == normalise_header(EXAMPLE_MARKER_HEADER):
            parsed.marker_index = index
        elif index not in used:
            parsed.unknown_headers.append(text)
    parsed.missing_required = [
        c.template_header for c in dataset.columns if c.required and c.field not in matches
    ]
    if len(headers) > limits.max_columns:
        raise FileRejected(f"列数过多：最多 {limits.max_columns} 列。")

    def data_rows():
        for number, values in head:
            if number > header_row:
                yield number, values
        yield from rows_iter

    budget = limits.max_rows * 2 + HEADER_SEARCH_ROWS
    marker = parsed.marker_index
    max_chars = limits.max_cell_chars
    rows = parsed.rows
    too_many = f"数据行数超过上限：每个文件最多 {limits.max_rows} 行，请拆分后分批导入。"
    for number, values in data_rows():
        if number > budget:
            raise FileRejected(too_many)
        last = -1  # one pass per row: blank check, cell length, last used column
        for i, v in enumerate(values):
            if v is None:
                continue
            if type(v) is str:
                if len(v) > max_chars:
                    raise FileRejected(f"第 {number} 行有单元格内容超过 {max_chars} 个字符。")
                if not v.strip():
                    continue
            last = i
        if last < 0:
            continue
        if marker is not None and marker < len(values) and _cell_text(values[marker]).startswith("示例"):
            parsed.example_rows += 1
            continue
        if last >= limits.max_columns:
            raise FileRejected(f"列数过多：第 {number} 行有超过 {limits.max_columns} 列的数据。")
        rows.append((number, values))
        if len(rows) > limits.max_rows:
            raise FileRejected(too_many)
    return parsed


def _forward_fill(cells: list[str]) -> list[str]:
    """Horizontally merged group headers carry their text only in the first cell: spread it right."""
    out, last = [], ""
    for text in cells:
        last = text or last
        out.append(last)
    return out
