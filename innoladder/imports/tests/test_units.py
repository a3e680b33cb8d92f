"""Money columns read their unit from the header, never from a guess: a header without a unit is an error
for the file and nothing is written; 元 and 万元 headers convert exactly; the system's own templates carry
their units, so a filled-in template imports as it is."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from innoladder.core.models import JobStatus
from innoladder.enterprises.models import AnnualData
from innoladder.imports import datasets as d
from innoladder.imports import registry, services, values, workbooks
from innoladder.imports.choices import BatchStatus
from innoladder.imports.datasets import CellError

from .helpers import commit, preview, xlsx

UNITLESS = "金额列“营业收入”的表头未注明单位（元或万元），请在表头注明"


def test_a_money_header_without_unit_is_an_error_of_the_file_and_nothing_is_written(cast):
    """The reported case: 787,820 元 under a bare "营业收入" must not become 78.8亿元."""
    rows = [
        ["统一社会信用代码", "年度", "职工总数", "营业收入", "研发费用(元)"],
        [cast.ent_a.uscc, 2025, 12, 787820, 51000],
        [cast.ent_b.uscc, 2025, 30, 1520000, 90000],
    ]
    data = xlsx(rows)
    batch = preview(cast.officer, "annual_data", data)
    assert batch.status == BatchStatus.INVALID
    assert batch.errors == [[1, "营业收入", "营业收入", UNITLESS]]
    assert not batch.can_commit
    with pytest.raises(services.ImportRefused):
        services.batch_commit(batch=batch, user=cast.officer)
    assert not AnnualData.objects.exists()
    page_report = load_workbook(io.BytesIO(services.batch_error_report(batch=batch))).active
    header = [c.value for c in page_report[1]]
    assert header[-1].startswith("错误说明（第 1 行表头：营业收入：" + UNITLESS)


def test_every_unitless_money_header_is_named_and_other_columns_are_still_checked(cast):
    rows = [
        ["统一社会信用代码", "年度", "营业收入", "研发费用", "职工总数"],
        [cast.ent_a.uscc, 2025, 787820, 51000, "十二"],
    ]
    batch = preview(cast.officer, "annual_data", xlsx(rows))
    assert [(e[0], e[1], e[3]) for e in batch.errors] == [
        (1, "营业收入", UNITLESS),
        (1, "研发费用", "金额列“研发费用”的表头未注明单位（元或万元），请在表头注明"),
        (2, "职工总数", "应为整数"),
    ]


@pytest.mark.parametrize(
    ("header", "cell", "stored"),
    [
        ("营业收入(元)", 787820, Decimal("787820.00")),
        ("营业收入（元）", "787,820.5", Decimal("787820.50")),
        ("营业收入(万元)", 78.782, Decimal("787820.00")),
        ("营业收入（万元）", "78.78205", Decimal("787820.50")),
        ("营业收入(单位：万元)", "1,234.5678", Decimal("12345678.00")),
        ("营业收入(亿元)", "0.0078782", Decimal("787820.00")),
    ],
)
def test_yuan_and_wan_headers_convert_exactly(cast, header, cell, stored):
    rows = [["统一社会信用代码", "年度", header], [cast.ent_a.uscc, 2025, cell]]
    batch, job = commit(preview(cast.officer, "annual_data", xlsx(rows)), cast.officer)
    assert job.status == JobStatus.SUCCEEDED, (batch.errors, job.message)
    value = AnnualData.objects.get(enterprise=cast.ent_a, year=2025).operating_revenue
    assert value == stored and isinstance(value, Decimal)


def test_a_unit_on_a_merged_group_header_above_counts_as_stated(cast):
    rows = [
        ["统一社会信用代码", "年度", "财务数据(元)"],
        [None, None, "营业收入"],
        [cast.ent_a.uscc, 2025, 787820],
    ]
    batch, job = commit(preview(cast.officer, "annual_data", xlsx(rows)), cast.officer)
    assert job.status == JobStatus.SUCCEEDED, batch.errors
    assert AnnualData.objects.get().operating_revenue == Decimal("787820.00")


def test_the_system_templates_state_the_unit_of_every_money_column():
    registry.autodiscover()
    money = [(ds, c) for ds in registry.all_datasets() for c in ds.columns if c.type == d.MONEY]
    assert len(money) >= 20  # annual data, the registry, collection, funding, contracts, R&D, cooperation
    for dataset, col in money:
        assert d.split_header(col.template_header) == (d.normalise_header(col.header), col.unit), (
            dataset.key,
            col.header,
        )


def test_a_filled_in_template_imports_as_it_is(cast):
    """Re-importing the downloaded template (its example row marked, one real row added) works."""
    wb = load_workbook(io.BytesIO(workbooks.template_bytes(registry.get("annual_data"))))
    ws = wb["年度数据"]
    headers = [c.value for c in ws[1]]
    row = [None] * len(headers)
    row[headers.index("统一社会信用代码")] = cast.ent_a.uscc
    row[headers.index("年度")] = 2025
    row[headers.index("营业收入(万元)")] = 78.782
    ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    batch, job = commit(preview(cast.officer, "annual_data", buffer.getvalue()), cast.officer)
    assert job.status == JobStatus.SUCCEEDED, batch.errors
    assert batch.example_rows == 1
    assert AnnualData.objects.get(enterprise=cast.ent_a).operating_revenue == Decimal("787820.00")


def test_the_cell_converter_never_falls_back_to_the_template_unit():
    col = d.Column("营业收入", "operating_revenue", d.MONEY, unit="万元")
    for convert in (values.converter_for(col, None, None), lambda raw: values.convert(raw, col, None, None)):
        with pytest.raises(CellError, match="表头未注明单位"):
            convert(787820)
    assert values.column_converter_for(col, None) is None
    assert values.converter_for(col, "元", None)(787820) == Decimal("787820.00")
    with pytest.raises(CellError, match="单位“千元”无法识别"):
        values.converter_for(col, "千元", None)(1)
