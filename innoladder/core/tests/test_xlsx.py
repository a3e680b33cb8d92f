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
