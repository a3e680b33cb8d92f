"""The import's comparison of stored rows (as the driver returns them) with imported values must decide
exactly as comparing with a model instance's values does, on SQLite and on PostgreSQL."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from innoladder.core.testing.factories import AnnualDataFactory, EnterpriseFactory
from innoladder.enterprises.models import AnnualData, Enterprise
from innoladder.imports.stored import StoredRows, _stored_decimal

pytestmark = pytest.mark.django_db

# Within what SQLite stores as a float and Django reads back (its converter fails beyond 10^16).
MONEY = st.decimals(
    min_value=Decimal("-999999999999999.99"),
    max_value=Decimal("999999999999999.99"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)
EDGES = [
    Decimal("0.00"),
    Decimal("0.10"),
    Decimal("0.05"),
    Decimal("123.45"),
    Decimal("9999999999999.99"),
    Decimal("10000000000000.00"),
    Decimal("123456789012345.67"),
    Decimal("-0.01"),
]


def raw_row(record) -> tuple:
    stored = StoredRows(type(record))
    (row,) = stored.rows(pk=record.pk)
    return stored, row


def instance_changes(record, vals: dict) -> dict:
    record = type(record).objects.get(pk=record.pk)
    return {a: getattr(record, a) for a, v in vals.items() if getattr(record, a) != v}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(old=st.one_of(st.none(), MONEY, st.sampled_from(EDGES)), new=st.one_of(MONEY, st.sampled_from(EDGES)))
def test_decimals_compare_as_the_model_instance_does(old, new):
    record = AnnualDataFactory(rd_expense=old, employees=12)
    stored, row = raw_row(record)
    vals = {"rd_expense": new, "employees": 12}
    expected = instance_changes(record, vals)
    assert stored.changes(row, vals) == expected
    assert stored.differs(row, vals) is bool(expected)
    record.delete()
    Enterprise.objects.filter(pk=record.enterprise_id).delete()


@pytest.mark.parametrize(
    ("old", "new", "changed"),
    [
        (Decimal("123.45"), Decimal("123.45"), False),
        (Decimal("123.45"), Decimal("123.46"), True),
        (Decimal("100.00"), Decimal("100"), False),
        (None, Decimal("0.00"), True),
        (Decimal("0.00"), Decimal("0.00"), False),
    ],
)
def test_a_changed_decimal_reports_its_old_value_as_a_decimal(old, new, changed):
    record = AnnualDataFactory(rd_expense=old)
    stored, row = raw_row(record)
    result = stored.changes(row, {"rd_expense": new})
    assert ("rd_expense" in result) is changed
    if changed:
        assert result["rd_expense"] == AnnualData.objects.get(pk=record.pk).rd_expense
        assert result["rd_expense"] is None or isinstance(result["rd_expense"], Decimal)


def test_integers_text_booleans_and_dates():
    enterprise = EnterpriseFactory(name="甲公司", registered_on=dt.date(2015, 3, 1), is_demo=False)
    stored, row = raw_row(enterprise)
    same = {"name": "甲公司", "registered_on": dt.date(2015, 3, 1), "is_demo": False}
    assert stored.changes(row, same) == {}
    assert stored.differs(row, same) is False
    assert stored.differs(row, {**same, "is_demo": True}) is True
    other = {"name": "乙公司", "registered_on": dt.date(2016, 3, 1), "is_demo": True}
    assert stored.changes(row, other) == {
        "name": "甲公司",
        "registered_on": dt.date(2015, 3, 1),
        "is_demo": False,
    }


def test_rows_are_read_by_lookup_in_the_fields_order():
    record = AnnualDataFactory(year=2023, employees=7)
    stored, row = raw_row(record)
    assert row[stored.index["id"]] == record.pk
    assert row[stored.index["year"]] == 2023
    assert row[stored.index["employees"]] == 7
    assert stored.rows(pk=record.pk + 1000) == []


@settings(max_examples=3000, deadline=None)
@given(
    raw=st.one_of(
        st.floats(min_value=-(10**13) + 1, max_value=10**13 - 1, allow_nan=False),
        st.decimals(min_value=-(10**12), max_value=10**12, places=2).map(float),
        st.integers(min_value=-(10**6), max_value=10**6).map(lambda n: n / 1000),
        st.integers(min_value=-(10**13) + 1, max_value=10**13 - 1),
    )
)
def test_the_short_float_path_reads_as_djangos_sqlite_converter(raw):
    """Whatever float or int SQLite returns for a decimal column, the quick path gives Django's value or
    leaves it to Django's converter."""
    from django.db.backends.sqlite3.base import DatabaseOperations  # the module that imports it first

    field = AnnualData._meta.get_field("rd_expense")
    col = field.get_col(AnnualData._meta.db_table)
    django_converter = DatabaseOperations(connection=None).get_decimalfield_converter(col)
    quick = _stored_decimal(raw, Decimal("0.01"), field.context)
    if quick is not None:
        expected = django_converter(raw, col, None)
        assert quick == expected and str(quick) == str(expected)
