import datetime as dt
import io
from decimal import Decimal

from openpyxl import load_workbook

from innoladder.core.models import AuditEntry
from innoladder.core.xlsx import Column, build_workbook, export, neutralise


def test_formula_like_cells_are_neutralised():
    for text in ("=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(text) == "'" + text
    assert neutralise("正常文本") == "正常文本"
    assert neutralise(-5) == -5


def test_workbook_has_chinese_headers_money_in_wan_and_frozen_header():
    rows = [{"name": '=HYPERLINK("x")', "revenue": Decimal("12345678.90"), "staff": 12}]
    columns = [
        Column("企业名称", "name", width=30),
        Column("销售收入", "revenue", "money_wan"),
        Column("职工总数", "staff", "int"),
    ]
    content, count = build_workbook([("企业", columns, rows)])
    ws = load_workbook(io.BytesIO(content))["企业"]
    assert count == 1
    assert [c.value for c in ws[1]] == ["企业名称", "销售收入(万元)", "职工总数"]
    assert ws["A2"].value == '\'=HYPERLINK("x")' and ws["A2"].data_type == "s"
    assert ws["B2"].value == 1234.57 and ws["B2"].number_format == "#,##0.00"
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["A"].width == 30


def test_export_is_audited_with_filter_and_row_count(cast):
    response = export(
        "企业.xlsx",
        "企业",
        [Column("名称", "name")],
        [{"name": "甲"}, {"name": "乙"}],
        user=cast.officer,
        filters={"park": "1"},
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    entry = AuditEntry.objects.get(event_type="export")
    assert entry.changes == {"filters": {"park": "1"}, "rows": 2}
    assert entry.actor == cast.officer


# Every kind of column with the values that take a path of their own (spaces kept, formula and error
# texts, escaping, numbers past 16 digits, dates and datetimes, empty cells): what the workbook reads back as,
# recorded from the per-cell openpyxl writer before the export was made faster (issue 23).
TRICKY_ROWS = [
    {
        "t": " 前后空格 ",
        "i": 3,
        "d": "12.5",
        "m": Decimal("123456789.99"),
        "y": 5,
        "p": "0.125",
        "dt": dt.date(2025, 3, 1),
        "o": "x",
    },
    {
        "t": "=SUM(A1)",
        "i": True,
        "d": Decimal("0.1"),
        "m": 0,
        "y": "",
        "p": None,
        "dt": dt.datetime(2025, 3, 1, 8, 30),
        "o": 7,
    },
    {
        "t": "a&<>\"'\r\nb",
        "i": "42",
        "d": 1e-7,
        "m": "-5",
        "y": Decimal("1.005"),
        "p": 1,
        "dt": "2025年",
        "o": None,
    },
    {
        "t": "#N/A",
        "i": 12345678901234567,
        "d": -0.0,
        "m": 1,
        "y": 2.5,
        "p": "",
        "dt": None,
        "o": dt.date(2024, 2, 29),
    },
    {"t": None, "i": None, "d": None, "m": None, "y": None, "p": None, "dt": "=1+1", "o": "-1"},
]
TRICKY_COLUMNS = [
    Column("文本", "t", width=30),
    Column("整数", "i", "int"),
    Column("小数", "d", "decimal"),
    Column("金额", "m", "money_wan"),
    Column("元", "y", "money_yuan"),
    Column("比例", "p", "percent"),
    Column("日期", "dt", "date", width=12),
    Column("其他", lambda r: r["o"], "other"),
]
D, N, S, E, F = "#,##0.00", "n", "s", "e", "f"
TRICKY_EXPECTED = [
    [
        (" 前后空格 ", S, "@"),
        (3, N, "#,##0"),
        (12.5, N, D),
        (12345.68, N, D),
        (5, N, D),
        (0.125, N, "0.00%"),
        (dt.datetime(2025, 3, 1), "d", "yyyy-mm-dd"),
        ("x", S, "General"),
    ],
    [
        ("'=SUM(A1)", S, "@"),
        (1, N, "#,##0"),
        (0.1, N, D),
        (0, N, D),
        (None, N, D),
        (None, N, "0.00%"),
        (dt.datetime(2025, 3, 1, 8, 30), "d", "yyyy-mm-dd"),
        ("7", S, "General"),
    ],
    [
        ("a&<>\"'\r\nb", S, "@"),
        (42, N, "#,##0"),
        (1e-07, N, D),
        (0, N, D),
        (1.005, N, D),
        (1, N, "0.00%"),
        ("2025年", S, "yyyy-mm-dd"),
        (None, N, "General"),
    ],
    [
        ("#N/A", E, "@"),
        (1.234567890123457e16, N, "#,##0"),
        (0, N, D),
        (0, N, D),
        (2.5, N, D),
        (None, N, "0.00%"),
        (None, N, "yyyy-mm-dd"),
        ("2024-02-29", S, "General"),
    ],
    [
        (None, N, "@"),
        (None, N, "#,##0"),
        (None, N, D),
        (None, N, D),
        (None, N, D),
        (None, N, "0.00%"),
        ("=1+1", F, "yyyy-mm-dd"),
        ("'-1", S, "General"),
    ],
]


def test_every_kind_of_cell_reads_back_as_before():
    content, count = build_workbook(
        [("第一表", TRICKY_COLUMNS, TRICKY_ROWS), ("空表", TRICKY_COLUMNS[:2], [])]
    )
    wb = load_workbook(io.BytesIO(content))
    assert count == 5
    assert wb.sheetnames == ["第一表", "空表"]
    ws = wb["第一表"]
    assert ws.freeze_panes == "A2" and wb["空表"].freeze_panes == "A2"
    assert {k: d.width for k, d in ws.column_dimensions.items()} == {
        **{letter: 16.0 for letter in "BCDEFH"},
        "A": 30.0,
        "G": 12.0,
    }
    rows = [[(c.value, c.data_type, c.number_format) for c in row] for row in ws.iter_rows()]
    assert rows[0] == [(c.title, S, "General") for c in TRICKY_COLUMNS]
    header = ws["A1"]
    assert header.font.b and header.fill.fgColor.rgb == "00DDEBF7" and header.alignment.wrap_text
    assert header.alignment.horizontal == header.alignment.vertical == "center"
    assert rows[1:] == TRICKY_EXPECTED
    assert [[c.value for c in row] for row in wb["空表"].iter_rows()] == [["文本", "整数"]]
