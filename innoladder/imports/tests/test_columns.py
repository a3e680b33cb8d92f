"""Converting column by column gives what converting each cell on its own gives: the same values, and the
same errors for the same cells, whichever path (a whole column at once, or cell by cell) a column takes."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from innoladder.core.testing.factories import make_uscc
from innoladder.imports import columns, values
from innoladder.imports import datasets as d
from innoladder.imports.datasets import CellError

MONEY = d.Column("研发费用", "rd_expense", d.MONEY, min_value=0, max_value=10**12)
MONEY_YUAN = d.Column("净利润", "net_profit", d.MONEY, unit="元")
STAFF = d.Column("职工总数", "employees", d.INT, required=True, min_value=0, max_value=1_000_000)
NAME = d.Column("名称", "name", d.TEXT, required=True)
COUNT = d.Column("技术合同数", "tech_conversions", d.INT)  # no limits of its own


def spec(col: d.Column, index: int, limit: int | None = None, unit: str | None = None) -> columns.Spec:
    unit = unit or col.unit  # the header as the template writes it: money columns name their unit
    return columns.Spec(
        index=index,
        attname=col.attname,
        required=col.required,
        header=col.header,
        converter=values.converter_for(col, unit, None),
        column_converter=values.column_converter_for(col, unit),
        limit=limit,
    )


def one_by_one(rows: list[tuple], specs: list[columns.Spec]):
    """The reference: every cell converted on its own, as a row-by-row import would."""
    out_columns = [[] for _ in specs]
    errors: dict[int, list] = {}
    for position, row in enumerate(rows):
        for n, s in enumerate(specs):
            raw = row[s.index] if s.index < len(row) else None
            value = columns.ABSENT
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                if s.required:
                    errors.setdefault(position, []).append((s.header, "", "必填项不能为空"))
            else:
                try:
                    value = s.converter(raw)
                    if s.limit is not None and len(value) > s.limit:
                        errors.setdefault(position, []).append(
                            (s.header, columns.display(raw), f"内容过长：最多 {s.limit} 个字符")
                        )
                        value = columns.ABSENT
                except CellError as exc:
                    errors.setdefault(position, []).append((s.header, columns.display(raw), str(exc)))
            out_columns[n].append(value)
    return out_columns, errors


def same(rows, specs):
    got = columns.convert(rows, specs)
    expected_columns, expected_errors = one_by_one(rows, specs)
    assert [[(type(v), str(v)) for v in c] for c in got.columns] == [
        [(type(v), str(v)) for v in c] for c in expected_columns
    ]
    assert got.errors == expected_errors
    assert got.complete == all(v is not columns.ABSENT for c in expected_columns for v in c)
    assert list(got.rows()) == list(zip(*expected_columns, strict=True))
    return got


numbers = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(min_value=-1e13, max_value=1e13, allow_nan=False),
    st.floats(allow_nan=True, allow_infinity=True),
)
cells = st.one_of(numbers, st.none(), st.sampled_from(["", "  ", "1,234.5", "一千", "１２", True, False]))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(numbers, numbers, numbers), min_size=1, max_size=30))
def test_columns_of_numbers_convert_as_their_cells_do(rows):
    specs = [spec(MONEY, 0), spec(STAFF, 1), spec(MONEY_YUAN, 2, unit="亿元"), spec(COUNT, 0)]
    same(rows, specs)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(cells, max_size=4).map(tuple), min_size=1, max_size=30))
def test_any_cells_in_rows_of_any_length_convert_as_their_cells_do(rows):
    specs = [spec(MONEY, 0), spec(STAFF, 1), spec(NAME, 2, limit=6), spec(MONEY_YUAN, 3)]
    same(rows, specs)


def test_a_column_of_clean_numbers_is_converted_whole():
    rows = [(113.01, 50), (126, 51), (0.000001, 0)]
    got = same(rows, [spec(MONEY, 0), spec(STAFF, 1)])
    assert got.columns[0] == [Decimal("1130100.00"), Decimal("1260000.00"), Decimal("0.01")]
    assert got.columns[1] == [50, 51, 0] and got.complete and not got.errors


@pytest.mark.parametrize(
    ("raw", "message"),
    [(-1, "不能小于 0"), (10**9, "不能大于"), (float("inf"), "应为数字"), (10**400, "数值过大")],
)
def test_one_cell_breaking_a_limit_is_reported_for_that_cell_only(raw, message):
    rows = [(1,), (2,), (raw,), (4,)]
    got = same(rows, [spec(MONEY, 0)])
    assert list(got.errors) == [2]
    assert message in got.errors[2][0][2]
    assert got.columns[0][1] == Decimal("20000.00") and not got.complete


def test_empty_and_missing_cells_of_required_columns_are_errors_of_their_rows():
    rows = [("甲公司", 10), ("", 11), ("乙公司",), ("丙公司丙公司丙公司", 12)]
    got = same(rows, [spec(NAME, 0, limit=6), spec(STAFF, 1)])
    assert got.errors == {
        1: [("名称", "", "必填项不能为空")],
        2: [("职工总数", "", "必填项不能为空")],
        3: [("名称", "丙公司丙公司丙公司", "内容过长：最多 6 个字符")],
    }


@pytest.mark.parametrize("col", [MONEY, STAFF, MONEY_YUAN, COUNT])
@pytest.mark.parametrize(
    ("raw", "message"),
    [("1e999999", "数值过大"), (10**400, "数值过大"), (float("inf"), "应为"), (float("nan"), "应为")],
)
def test_numbers_no_column_can_hold_are_refused_in_chinese(col, raw, message):
    """Huge or infinite values (an XML cell may say 1e999) are cell errors, never a crash or a
    million-digit integer."""
    with pytest.raises(CellError, match=message):
        values.converter_for(col, col.unit, None)(raw)


def test_an_enterprise_cell_is_found_by_its_code_in_any_spelling_the_full_check_accepts():
    """The shortcut for a code exactly as registered gives what the full check gives; other spellings
    still reach the full check, and bad or unknown codes keep their own messages."""
    code, other = make_uscc(1), make_uscc(2)
    ctx = SimpleNamespace(enterprise_ids={code: 7})
    enterprise = values.converter_for(d.Column("统一社会信用代码", "enterprise_id", d.ENTERPRISE), None, ctx)
    full_width = code.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    assert [enterprise(code), enterprise(f" {code.lower()} "), enterprise(full_width)] == [7, 7, 7]
    with pytest.raises(CellError, match="未找到该统一社会信用代码对应的企业"):
        enterprise(other)
    with pytest.raises(CellError, match="统一社会信用代码有误"):
        enterprise(code[:-1] + ("0" if code[-1] != "0" else "1"))
