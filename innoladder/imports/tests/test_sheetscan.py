"""The regular-expression scanner reads the usual sheets exactly as the expat reader does, at any chunk
boundary, and hands every other shape of XML to expat without losing or repeating a row."""

import datetime as dt
import io
import zipfile

import pytest
from openpyxl import Workbook

from innoladder.imports import fastxlsx, sheetscan
from innoladder.imports.sheetscan import NotSimple

from . import attack_files
from .helpers import xlsx
from .test_fastxlsx import DATE_STYLES, HEAD, SHARED, USCC, package


def read_all(data: bytes, read) -> list[list]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    workbook = fastxlsx.open_workbook(archive)
    return [list(read(archive, workbook, sheet)) for sheet in workbook.sheets]


def openpyxl_workbook(write_only: bool) -> bytes:
    wb = Workbook(write_only=write_only)
    ws = wb.create_sheet("年度数据") if write_only else wb.active
    ws.append(["统一社会信用代码", "年度", "职工总数", "销售收入(万元)", "成立日期", "备注"])
    ws.append([USCC, 2024, 120, 8650.5, dt.date(2016, 5, 20), "a&b<c>\"'"])
    ws.append([" ９１６３２８０１ma7g2xy87r ", "2023", "1,200", "１２３４", "2016年5月20日", "=1+1"])
    ws.append([None, None, None, None, None, None])
    ws.append([USCC, 2022, True, -0.5, dt.datetime(2020, 1, 2, 3, 4, 5), 1e-7])
    for n in range(300):
        ws.append([USCC, 2000 + n % 30, n, n * 1.25, None, f"第{n}行"])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


USUAL = {
    "openpyxl": lambda: openpyxl_workbook(False),
    "openpyxl write-only": lambda: openpyxl_workbook(True),
    "import template helper": lambda: xlsx(
        [["统一社会信用代码", "年度"], [USCC, 2024], [None, None], ["  ", None]]
    ),
    "hidden first sheet": lambda: xlsx([["统一社会信用代码", "年度"], [USCC, 2024]], hidden_first="旧数据"),
    "attack base": attack_files.base,
    "shared strings, gaps and sparse rows": lambda: package(
        HEAD + '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="D2"><v>4</v></c><c r="AA2"><v>27</v></c></row>'
        '<row r="5" spans="1:5"><c r="E5" s="0"/><c r="B5"><v>2</v></c></row><row r="7"/>'
        '<row r="9"><c r="A9" s="0"></c><c r="B9"><v></v></c></row>',
        shared=SHARED,
    ),
    "formulas, booleans, errors, ISO dates": lambda: package(
        HEAD + '<row r="2"><c r="A2" t="str"><f>CONCAT("9163","x")</f><v>9163x &amp; y</v></c>'
        '<c r="B2"><f>2000+24</f><v>2024</v></c><c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
        '<c r="D2" t="b"><v>1</v></c><c r="E2" t="d"><v>2024-03-01T00:00:00</v></c>'
        '<c r="F2"><f t="shared" si="0"/><v>7</v></c><c r="G2"><f>A1</f></c></row>',
        shared=SHARED,
    ),
    "inline strings with entities": lambda: package(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&lt;a&amp;b&gt; &#20225;&#x4E1A;</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t xml:space="preserve"> 空格 </t></is></c>'
        '<c r="C1" t="inlineStr"><is><t></t></is></c><c r="D1" t="inlineStr"/></row>'
    ),
    "date styles": lambda: package(
        '<row r="1"><c r="A1" s="1"><v>45352</v></c><c r="B1" s="2"><v>45352.5</v></c>'
        '<c r="C1" s="3"><v>45352</v></c><c r="D1" s="4"><v>45352</v></c></row>',
        styles=DATE_STYLES,
    ),
    "pretty-printed rows": lambda: package(
        '\n  <row r="1">\n    <c r="A1"><v>1</v></c>\n'
        '    <c r="B1" t="inlineStr"><is><t>x</t></is></c>\n  </row>\n  <row r="2"/>\n'
    ),
}


@pytest.mark.parametrize("name", USUAL)
@pytest.mark.parametrize("chunk", [1, 7, 64, 1 << 20])
def test_usual_sheets_are_scanned_with_the_same_rows_as_expat(name, chunk, monkeypatch):
    data = USUAL[name]()
    monkeypatch.setattr(sheetscan, "_CHUNK", chunk)
    scanned = read_all(data, fastxlsx.scanned_rows)
    assert scanned == read_all(data, fastxlsx.expat_rows)
    assert any(rows for rows in scanned)


def test_values_of_the_usual_shapes():
    (rows,) = read_all(USUAL["inline strings with entities"](), fastxlsx.scanned_rows)
    assert rows == [(1, ("<a&b> 企业", " 空格 ", ""))]
    (rows,) = read_all(USUAL["formulas, booleans, errors, ISO dates"](), fastxlsx.scanned_rows)
    assert rows[1] == (2, ("9163x & y", 2024, "#DIV/0!", True, dt.datetime(2024, 3, 1), 7))


def _sheet(data: bytes, sheet_xml: bytes) -> bytes:
    return attack_files.rewrite(data, {"xl/worksheets/sheet1.xml": sheet_xml})


OTHER = {
    "namespace prefixes": lambda: package('<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>', prefix="x"),
    "attribute order t before s": lambda: package('<row r="1"><c r="A1" t="n" s="0"><v>1</v></c></row>'),
    "another attribute": lambda: package('<row r="1"><c r="A1" cm="1"><v>1</v></c></row>'),
    "a comment in a row": lambda: package(
        '<row r="1"><c r="A1"><v>1</v></c><!-- x --><c r="B1"><v>2</v></c></row>'
    ),
    "CDATA": lambda: package('<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[a<b]]></t></is></c></row>'),
    "rich inline text": lambda: package(
        '<row r="1"><c r="A1" t="inlineStr"><is><r><t>20</t></r><r><t>24</t></r></is></c></row>'
    ),
    "a carriage return": lambda: package(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>a\r\nb</t></is></c></row>'
    ),
    "line breaks inside a cell": lambda: package('<row r="1"><c r="A1">\n<v>1</v>\n</c></row>'),
    "cells without references": lambda: package('<row r="1"><c><v>1</v></c><c><v>2</v></c></row>'),
    "a number with a character reference": lambda: package('<row r="1"><c r="A1"><v>&#49;2</v></c></row>'),
    "UTF-16": lambda: _sheet(
        package(HEAD, shared=SHARED),
        (
            f'<?xml version="1.0" encoding="UTF-16"?><worksheet xmlns="{MAIN_NS}"><sheetData>'
            '<row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>'
        ).encode("utf-16"),
    ),
}
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@pytest.mark.parametrize("name", OTHER)
def test_other_shapes_are_read_by_expat_with_the_same_rows(name):
    data = OTHER[name]()
    with pytest.raises(NotSimple):
        read_all(data, fastxlsx.scanned_rows)
    rows = read_all(data, fastxlsx.iter_rows)
    assert rows == read_all(data, fastxlsx.expat_rows)
    assert rows[-1]


def test_a_late_row_of_another_shape_gives_every_row_once():
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 6))
    rows += '<row r="7"><c r="A7" t="n" s="0"><v>7</v></c></row><row r="8"><c r="A8"><v>8</v></c></row>'
    data = package(rows)
    archive = zipfile.ZipFile(io.BytesIO(data))
    workbook = fastxlsx.open_workbook(archive)
    scanned = fastxlsx.scanned_rows(archive, workbook, workbook.sheets[0])
    assert [next(scanned) for _ in range(5)] == [(n, (n,)) for n in range(1, 6)]
    with pytest.raises(NotSimple):
        next(scanned)
    (read,) = read_all(data, fastxlsx.iter_rows)
    assert read == [(1, (1,)), (2, (2,)), (3, (3,)), (4, (4,)), (5, (5,)), (6, ()), (7, (7,)), (8, (8,))]


def test_a_broken_sheet_still_ends_in_the_expat_error():
    data = _sheet(package(HEAD, shared=SHARED), b"<worksheet><sheetData><row>")
    with pytest.raises(fastxlsx.BrokenWorkbook):
        read_all(data, fastxlsx.iter_rows)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a&amp;b", "a&b"), ("&lt;&gt;&quot;&apos;", "<>\"'"), ("&#20225;&#x4E1A;", "企业"), ("plain", "plain")],
)
def test_predefined_entities_and_character_references(text, expected):
    assert sheetscan.unescape(text) == expected


@pytest.mark.parametrize("text", ["&nbsp;", "a & b", "&#0;", "&#xD800;", "&amp"])
def test_other_entities_are_left_to_expat(text):
    with pytest.raises(NotSimple):
        sheetscan.unescape(text)
