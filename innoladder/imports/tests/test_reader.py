import datetime as dt
import io
import time
from decimal import Decimal

import openpyxl.xml
import pytest
from openpyxl import Workbook

from innoladder.imports import reader, values
from innoladder.imports.datasets import Column, split_header
from innoladder.imports.reader import FileRejected, Limits
from innoladder.imports.registry import get

from . import attack_files
from .helpers import annual, xlsx

USCC = "91632801MA7G2XY87R"


def test_openpyxl_uses_defusedxml():
    assert openpyxl.xml.DEFUSEDXML is True


@pytest.mark.parametrize(
    "header",
    [
        "销售收入(万元)",
        "销售收入（万元）",
        " 销售 收入 （万元） ",
        "*销售收入(万元)",
        "销售收入\n(万元)",
        "销售收入",
    ],
)
def test_header_variants_match_the_column_and_keep_the_unit(header):
    parsed = reader.parse(xlsx([["统一社会信用代码", "年度", header], [USCC, 2024, 1]]), annual())
    match = parsed.matches["sales_revenue"]
    assert match.original == header.strip()
    assert match.unit == (None if header == "销售收入" else "万元")
    assert parsed.unknown_headers == []


def test_headers_are_matched_in_any_order_and_unknown_columns_reported():
    data = xlsx([["备注", "年度", "ＴＥＳＴ列", "统一社会信用代码"], ["x", 2024, "y", USCC]])
    parsed = reader.parse(data, annual())
    assert parsed.matches["year"].index == 1
    assert parsed.matches["enterprise"].index == 3
    assert parsed.unknown_headers == ["备注", "ＴＥＳＴ列"]


def test_split_header_reads_units_in_either_bracket_width():
    assert split_header("研发费用（元）") == ("研发费用", "元")
    assert split_header("研发费用(单位：万元)") == ("研发费用", "万元")
    assert split_header("高新技术产品(服务)收入") == ("高新技术产品(服务)收入", None)


def test_merged_group_header_above_gives_the_unit_and_title_rows_are_skipped():
    wb = Workbook()
    ws = wb.active
    ws.title = "年度数据"
    ws.append(["2024年度企业数据汇总"])
    ws.append(["统一社会信用代码", "年度", "财务数据(万元)", None])
    ws.append([None, None, "销售收入", "研发费用"])
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:B3")
    ws.merge_cells("C2:D2")
    ws.append([USCC, 2024, 100, 5])
    buffer = io.BytesIO()
    wb.save(buffer)
    parsed = reader.parse(buffer.getvalue(), annual())
    assert parsed.header_row == 3
    assert set(parsed.matches) == {"enterprise", "year", "sales_revenue", "rd_expense"}
    assert parsed.matches["sales_revenue"].unit == "万元"
    assert parsed.rows == [(4, (USCC, 2024, 100, 5))]


def test_hidden_sheets_are_skipped_and_trailing_empty_rows_ignored():
    rows = [["统一社会信用代码", "年度"], [USCC, 2024], [None, None], ["  ", None], [None, None]]
    parsed = reader.parse(xlsx(rows, title="Sheet2", hidden_first="旧数据"), annual())
    assert parsed.sheet_name == "Sheet2"
    assert [n for n, _ in parsed.rows] == [2]


def test_sheet_named_like_the_dataset_wins_over_the_first_visible_one():
    data = xlsx(
        [["说明文字"]],
        title="封面",
        extra_sheets=[("年度数据", [["统一社会信用代码", "年度"], [USCC, 2023]])],
    )
    assert reader.parse(data, annual()).sheet_name == "年度数据"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1,234.5", Decimal("1234.5")),
        ("１２３４", Decimal("1234")),
        ("１，２３４．５", Decimal("1234.5")),
        (" 12 ", Decimal("12")),
        (12.1, Decimal("12.1")),
        ("(100)", Decimal("-100")),
        ("￥1,000", Decimal("1000")),
    ],
)
def test_numbers_stored_as_text_with_separators_and_full_width_digits(raw, expected):
    assert values.to_decimal(raw) == expected


@pytest.mark.parametrize("raw", ["12万", "abc", "1.2.3", True])
def test_non_numbers_are_refused_in_chinese(raw):
    with pytest.raises(values.CellError, match="应为数字"):
        values.to_decimal(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (45352, dt.date(2024, 3, 1)),
        (45352.0, dt.date(2024, 3, 1)),
        ("45352", dt.date(2024, 3, 1)),
        ("2024-03-01", dt.date(2024, 3, 1)),
        ("2024/3/1", dt.date(2024, 3, 1)),
        ("2024.3.1", dt.date(2024, 3, 1)),
        ("2024年3月1日", dt.date(2024, 3, 1)),
        ("２０２４－０３－０１", dt.date(2024, 3, 1)),
        ("20240301", dt.date(2024, 3, 1)),
        (dt.datetime(2024, 3, 1, 0, 0), dt.date(2024, 3, 1)),
    ],
)
def test_dates_as_text_or_excel_serials(raw, expected):
    assert values.to_date(raw) == expected


@pytest.mark.parametrize("raw", ["2024-02-30", "明年", "3/1"])
def test_bad_dates_are_refused_in_chinese(raw):
    with pytest.raises(values.CellError, match="日期"):
        values.to_date(raw)


def test_int_money_and_choice_converters():
    col = Column("年度", "year", "int", min_value=2000, max_value=2100)
    assert values.to_int("２０２４", col) == 2024
    with pytest.raises(values.CellError, match="不能大于 2100"):
        values.to_int(2200, col)
    with pytest.raises(values.CellError, match="不能有小数"):
        values.to_int("2024.5", col)
    money = Column("销售收入", "sales_revenue", "money", unit="万元")
    assert values.convert("1,234.56", money, "万元", None) == Decimal("12345600.00")
    assert values.convert("1,234.56", money, "元", None) == Decimal("1234.56")
    assert values.convert("0.5", money, "亿元", None) == Decimal("50000000.00")
    kind = get("ip_records").column("kind")
    assert values.convert("发明专利", kind, None, None) == "invention_patent"
    assert values.convert(" 实用 新型 ", kind, None, None) == "utility_model"
    with pytest.raises(values.CellError, match="不是可选值"):
        values.convert("商标", kind, None, None)


def test_uscc_cells_are_normalised_and_checked():
    assert values.to_uscc(" ９１６３２８０１ma7g2xy87r ") == USCC
    with pytest.raises(values.CellError, match="校验码错误"):
        values.to_uscc(USCC[:-1] + "0")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (attack_files.billion_laughs, "DTD/实体定义"),
        (attack_files.external_entity, "DTD/实体定义"),
        (attack_files.utf16_doctype, "DTD/实体定义"),
        (attack_files.zip_bomb_ratio, "压缩比异常"),
        (attack_files.zip_bomb_size, "解压后过大"),
        (attack_files.many_entries, "文件数"),
        (attack_files.macro_workbook, "含宏"),
        (lambda: b"\xd0\xcf\x11\xe0" + b"\0" * 600, "只接受 Excel 2007"),
        (lambda: "统一社会信用代码,年度\n".encode(), "只接受 Excel 2007"),
        (lambda: b"PK\x03\x04 truncated", "已损坏"),
    ],
)
def test_attack_and_wrong_files_are_refused_before_parsing(make, message):
    data = make()
    started = time.monotonic()
    with pytest.raises(FileRejected, match=message):
        reader.parse(data, annual())
    assert time.monotonic() - started < 1.0


def test_oversized_upload_is_refused():
    with pytest.raises(FileRejected, match="文件过大"):
        reader.check_archive(b"PK\x03\x04" + b"\0" * 100, Limits(max_file_bytes=50))


def test_too_many_rows_and_columns_are_refused():
    rows = [["统一社会信用代码", "年度"]] + [[USCC, 2000 + i % 50] for i in range(101)]
    with pytest.raises(FileRejected, match="最多 100 行"):
        reader.parse(xlsx(rows), annual(), Limits(max_rows=100))
    wide = [["统一社会信用代码", "年度"], [USCC, 2024, *range(20)]]
    with pytest.raises(FileRejected, match="列数过多"):
        reader.parse(xlsx(wide), annual(), Limits(max_columns=10))


def test_overlong_cells_are_refused():
    rows = [["统一社会信用代码", "年度"], [USCC, "x" * 60]]
    with pytest.raises(FileRejected, match="超过 50 个字符"):
        reader.parse(xlsx(rows), annual(), Limits(max_cell_chars=50))


def test_a_sheet_without_recognisable_headers_is_refused_with_a_hint():
    with pytest.raises(FileRejected, match="没有找到表头"):
        reader.parse(xlsx([["姓名", "电话"], ["张三", "123"]]), annual())
