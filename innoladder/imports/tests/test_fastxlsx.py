"""The import's own xlsx reader: the same cell values as openpyxl's read-only mode on real files, and the
package shapes Excel, WPS and LibreOffice write (shared and inline strings, rich text, sparse cells, date
styles, 1904 dates, namespace prefixes), built here part by part."""

import datetime as dt
import io
import zipfile

import pytest
from openpyxl import Workbook

from innoladder.imports import fastxlsx, reader
from innoladder.imports.reader import FileRejected

from . import attack_files
from .helpers import annual, xlsx

USCC = "91632801MA7G2XY87R"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def package(
    sheet_data: str,
    *,
    shared: list[str] | None = None,
    styles: str = '<cellXfs count="1"><xf numFmtId="0"/></cellXfs>',
    date1904: bool = False,
    sheets: list[tuple[str, str, str]] | None = None,
    prefix: str = "",
) -> bytes:
    """A hand-written xlsx: `sheet_data` is the inside of <sheetData>; `shared` the raw <si> bodies;
    `sheets` (name, state, sheet data) adds sheets before the main one; `prefix` writes every
    spreadsheet element with a namespace prefix (x:row, x:c), as some generators do."""
    all_sheets = [*(sheets or []), ("年度数据", "visible", sheet_data)]
    p = f"{prefix}:" if prefix else ""
    ns = f'xmlns:{prefix}="{MAIN}"' if prefix else f'xmlns="{MAIN}"'
    parts = {
        "[Content_Types].xml": _content_types(len(all_sheets)),
        "_rels/.rels": f'<Relationships xmlns="{PKG}"><Relationship Id="r1" Type="{REL}/officeDocument"'
        ' Target="xl/workbook.xml"/></Relationships>',
    }
    sheet_entries, rels = [], []
    for n, (name, state, data) in enumerate(all_sheets, start=1):
        sheet_entries.append(f'<{p}sheet name="{name}" sheetId="{n}" state="{state}" r:id="rId{n}"/>')
        rels.append(f'<Relationship Id="rId{n}" Type="{REL}/worksheet" Target="worksheets/sheet{n}.xml"/>')
        parts[f"xl/worksheets/sheet{n}.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><{p}worksheet {ns}><{p}sheetData>{data}</{p}sheetData>'
            f"</{p}worksheet>"
        )
    rels.append(f'<Relationship Id="rS" Type="{REL}/styles" Target="styles.xml"/>')
    rels.append(f'<Relationship Id="rT" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>')
    pr = f'<{p}workbookPr date1904="1"/>' if date1904 else f"<{p}workbookPr/>"
    parts["xl/workbook.xml"] = (
        f'<{p}workbook {ns} xmlns:r="{REL}">{pr}<{p}sheets>{"".join(sheet_entries)}</{p}sheets></{p}workbook>'
    )
    parts["xl/_rels/workbook.xml.rels"] = f'<Relationships xmlns="{PKG}">{"".join(rels)}</Relationships>'
    parts["xl/styles.xml"] = f"<{p}styleSheet {ns}>{styles}</{p}styleSheet>"
    si = "".join(f"<{p}si>{body}</{p}si>" for body in (shared or []))
    parts["xl/sharedStrings.xml"] = f'<{p}sst {ns} count="{len(shared or [])}">{si}</{p}sst>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text.encode())
    return out.getvalue()


def _content_types(sheet_count: int) -> str:
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    overrides = [
        ("/xl/workbook.xml", f"{ct}.sheet.main+xml"),
        ("/xl/styles.xml", f"{ct}.styles+xml"),
        ("/xl/sharedStrings.xml", f"{ct}.sharedStrings+xml"),
        *((f"/xl/worksheets/sheet{n}.xml", f"{ct}.worksheet+xml") for n in range(1, sheet_count + 1)),
    ]
    return (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides)
        + "</Types>"
    )


def both(data: bytes):
    """Rows read by the fast reader, after checking openpyxl reads the same values."""
    fast = reader.parse(data, annual(), engine="fast")
    slow = reader.parse(data, annual(), engine="openpyxl")
    assert [(n, _trim(v)) for n, v in fast.rows] == [(n, _trim(v)) for n, v in slow.rows]
    assert (fast.header_row, fast.headers, fast.sheet_name) == (
        slow.header_row,
        slow.headers,
        slow.sheet_name,
    )
    return fast


def _trim(values: tuple) -> tuple:
    """openpyxl keeps trailing empty (styled) cells as None; the fast reader ends a row at its last value."""
    values = list(values)
    while values and values[-1] is None:
        values.pop()
    return tuple(values)


HEAD = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>'
SHARED = ["<t>统一社会信用代码</t>", "<t>年度</t>", "<t>职工总数</t>"]


def test_the_same_rows_as_openpyxl_on_files_openpyxl_writes():
    wb = Workbook()
    ws = wb.active
    ws.title = "年度数据"
    ws.append(["统一社会信用代码", "年度", "职工总数", "销售收入(万元)", "成立日期"])
    ws.append([USCC, 2024, 120, 8650.5, dt.date(2016, 5, 20)])
    ws.append([" ９１６３２８０１ma7g2xy87r ", "2023", "1,200", "１２３４", "2016年5月20日"])
    ws.append([None, None, None, None, None])
    ws.append([USCC, 2022, True, -0.5, dt.datetime(2020, 1, 2, 3, 4, 5)])
    ws["C7"] = 7  # a sparse row: only column C
    buffer = io.BytesIO()
    wb.save(buffer)
    parsed = both(buffer.getvalue())
    assert parsed.rows[0] == (2, (USCC, 2024, 120, 8650.5, dt.datetime(2016, 5, 20)))
    assert parsed.rows[2] == (5, (USCC, 2022, True, -0.5, dt.datetime(2020, 1, 2, 3, 4, 5)))
    assert parsed.rows[3] == (7, (None, None, 7))


@pytest.mark.parametrize(
    "make",
    [
        lambda: xlsx([["统一社会信用代码", "年度"], [USCC, 2024], [None, None], ["  ", None]]),
        lambda: xlsx([["统一社会信用代码", "年度"], [USCC, 2024]], title="Sheet2", hidden_first="旧数据"),
        lambda: xlsx([["备注", "年度", "统一社会信用代码"], ["=SUM(A1)", 2024, USCC]]),
        attack_files.base,
    ],
)
def test_the_same_rows_as_openpyxl_on_the_reader_tests_files(make):
    assert both(make()).rows


def test_shared_inline_and_rich_text_strings_phonetic_runs_left_out():
    shared = [
        *SHARED,
        '<r><rPr><b/></rPr><t>9163</t></r><r><t xml:space="preserve">2801MA7G2XY87R</t></r>',
        '<t>格尔木</t><rPh sb="0" eb="3"><t>ゴルムド</t></rPh>',
    ]
    rows = (
        HEAD + '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="inlineStr"><is><r><t>20</t></r>'
        '<r><rPr><i/></rPr><t>24</t></r></is></c><c r="C2" t="s"><v>4</v></c></row>'
        '<row r="3"><c r="A3" t="inlineStr"><is><t>&lt;a&amp;b&gt; &#20225;</t></is></c></row>'
    )
    parsed = both(package(rows, shared=shared))
    assert parsed.rows == [(2, (USCC, "2024", "格尔木")), (3, ("<a&b> 企",))]


def test_cell_references_that_skip_columns_and_rows_and_cells_without_references():
    rows = (
        HEAD + '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="D2"><v>4</v></c><c r="AA2"><v>27</v></c></row>'
        '<row r="5"><c><v>1</v></c><c><v>2</v></c><c r="E5"><v>5</v></c><c><v>6</v></c></row>'
        "<row><c><v>1</v></c></row>"
    )
    parsed = both(package(rows, shared=SHARED))
    second = parsed.rows[0][1]
    assert len(second) == 27 and second[0] == "统一社会信用代码" and second[3] == 4 and second[26] == 27
    assert parsed.rows[1:] == [(5, (1, 2, None, None, 5, 6)), (6, (1,))]
    gaps = list(fastxlsx.iter_rows(*_open(package(rows, shared=SHARED))))
    assert [n for n, _ in gaps] == [1, 2, 3, 4, 5, 6]
    assert gaps[2] == (3, ()) and gaps[3] == (4, ())


def _open(data: bytes):
    archive = zipfile.ZipFile(io.BytesIO(data))
    workbook = fastxlsx.open_workbook(archive)
    return archive, workbook, workbook.sheets[-1]


DATE_STYLES = (
    '<numFmts count="1">'
    '<numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>'
    '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/>'
    '<xf numFmtId="31"/><xf numFmtId="4"/></cellXfs>'
)


@pytest.mark.parametrize(("date1904", "serial"), [(False, 45352), (True, 45352 - 1462)])
def test_date_cells_are_found_by_their_style_and_counted_from_the_workbooks_epoch(date1904, serial):
    rows = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>成立日期</t></is></c></row>'
        f'<row r="2"><c r="A2" s="1"><v>{serial}</v></c><c r="B2" s="2"><v>{serial}</v></c>'
        f'<c r="C2" s="3"><v>{serial}</v></c><c r="D2" s="4"><v>{serial}</v></c>'
        f'<c r="E2"><v>{serial}</v></c><c r="F2" s="2"><v>{serial}.5</v></c></row>'
    )
    archive, workbook, sheet = _open(package(rows, styles=DATE_STYLES, date1904=date1904))
    values = list(fastxlsx.iter_rows(archive, workbook, sheet))[1][1]
    march_first = dt.datetime(2024, 3, 1)
    # 14 (built-in date), 176 (custom 年月日), 31 (East Asian built-in date), 4 (#,##0.00), no style
    assert values == (march_first, march_first, march_first, serial, serial, dt.datetime(2024, 3, 1, 12))


def test_booleans_errors_formula_results_and_iso_dates():
    rows = (
        HEAD
        + '<row r="2"><c r="A2" t="str"><f>CONCAT("9163","2801MA7G2XY87R")</f><v>91632801MA7G2XY87R</v></c>'
        '<c r="B2"><f>2000+24</f><v>2024</v></c><c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
        '<c r="D2" t="b"><v>1</v></c><c r="E2" t="d"><v>2024-03-01T00:00:00</v></c><c r="F2" s="0"/></row>'
    )
    parsed = both(package(rows, shared=SHARED))
    assert parsed.rows == [(2, (USCC, 2024, "#DIV/0!", True, dt.datetime(2024, 3, 1)))]


def test_namespace_prefixed_elements_and_hidden_sheets():
    hidden = '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>旧</x:t></x:is></x:c></x:row>'
    rows = HEAD.replace("<row", "<x:row").replace("</row>", "</x:row>").replace("<c ", "<x:c ")
    rows = rows.replace("</c>", "</x:c>").replace("<v>", "<x:v>").replace("</v>", "</x:v>")
    rows += '<x:row r="2"><x:c r="A2" t="s"><x:v>0</x:v></x:c><x:c r="B2"><x:v>2024</x:v></x:c></x:row>'
    data = package(
        rows,
        shared=[s.replace("<t>", "<x:t>").replace("</t>", "</x:t>") for s in SHARED],
        sheets=[("旧数据", "hidden", hidden), ("更旧", "veryHidden", hidden)],
        prefix="x",
    )
    parsed = reader.parse(data, annual())
    assert parsed.sheet_name == "年度数据"
    assert parsed.rows == [(2, ("统一社会信用代码", 2024))]


def test_a_doctype_is_refused_by_the_parser_itself_even_past_the_byte_scan():
    """check_archive scans UTF-8/UTF-16 bytes; the parser refuses a DTD in whatever encoding it comes."""
    evil = (
        '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
        f'<sst xmlns="{MAIN}"><si><t>&b;</t></si></sst>'
    )
    data = attack_files.rewrite(package(HEAD, shared=SHARED), {"xl/sharedStrings.xml": evil.encode()})
    with pytest.raises(fastxlsx.UnsafeXML):
        fastxlsx.open_workbook(zipfile.ZipFile(io.BytesIO(data)))
    with pytest.raises(FileRejected, match="DTD/实体定义"):
        reader.parse(data, annual())


def test_a_broken_sheet_is_refused_in_chinese():
    data = attack_files.rewrite(
        package(HEAD, shared=SHARED), {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row>"}
    )
    with pytest.raises(FileRejected, match="无法解析|无法读取"):
        reader.parse(data, annual())


def test_rows_far_below_the_data_are_refused_without_reading_a_million_empty_rows():
    rows = HEAD + '<row r="1048576"><c r="A1048576"><v>1</v></c></row>'
    with pytest.raises(FileRejected, match="数据行数超过上限"):
        reader.parse(package(rows, shared=SHARED), annual(), reader.Limits(max_rows=100))
