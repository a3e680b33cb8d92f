"""Comparing stored rows with imported values column by column (StoredRows.changes_many) finds exactly
what comparing them row by row (StoredRows.changes) finds: the same fields, the same stored values."""

from decimal import Decimal

from innoladder.core.testing.factories import AnnualDataFactory
from innoladder.enterprises.models import AnnualData
from innoladder.imports.stored import StoredRows


def test_column_by_column_finds_what_row_by_row_finds(cast):
    for year, revenue in (
        (2020, "1234.50"),
        (2021, "99999999.99"),
        (2022, None),
        (2023, "0.10"),
        (2024, "5000.00"),
    ):
        AnnualDataFactory(enterprise=cast.ent_a, year=year, sales_revenue=revenue, employees=50)
    stored = StoredRows(AnnualData)
    rows = sorted(stored.rows(enterprise_id=cast.ent_a.pk), key=lambda r: r[stored.index["year"]])
    imported = [
        {"employees": 50, "sales_revenue": Decimal("1234.50")},  # unchanged
        {"employees": 51, "sales_revenue": Decimal("99999999.98")},  # both changed, by a cent
        {"employees": 50, "sales_revenue": Decimal("5.00")},  # stored empty
        {"sales_revenue": None, "employees": None},  # emptied, another field order
        {"employees": 50, "sales_revenue": Decimal("5000.01")},  # stored whole: SQLite gives an int
    ]
    row_by_row = [stored.changes(row, vals) for row, vals in zip(rows, imported, strict=True)]
    assert stored.changes_many(rows, imported) == row_by_row
    assert [list(c) for c in row_by_row] == [
        [],
        ["employees", "sales_revenue"],
        ["sales_revenue"],
        ["sales_revenue", "employees"],
        ["sales_revenue"],
    ]
    assert row_by_row[1]["sales_revenue"] == Decimal("99999999.99")
    assert str(row_by_row[3]["sales_revenue"]) == "0.10"
    assert str(row_by_row[4]["sales_revenue"]) == "5000.00"
