"""A money column converted at once (values._exact_cents, the quick path in floating point) gives exactly
what the cell converter's Decimal arithmetic gives, digit for digit, or steps aside."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from innoladder.imports import values
from innoladder.imports.datasets import UNITS

amounts = st.one_of(
    st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False),
    st.decimals(min_value=-(10**9), max_value=10**9, places=2).map(float),  # what people type: cents
    st.decimals(min_value=-(10**6), max_value=10**6, places=4).map(float),
    st.integers(min_value=-(10**12), max_value=10**12),
)


def _decimal_way(raws, factor):
    return [(Decimal(repr(raw)) * Decimal(factor)).quantize(Decimal("0.01")) for raw in raws]


@given(st.lists(amounts, min_size=1, max_size=30), st.sampled_from(sorted(UNITS.values())))
def test_the_quick_path_gives_the_decimal_results_digit_for_digit_or_none(raws, factor):
    quick = values._exact_cents(tuple(raws), float(factor * 100))
    if quick is not None:
        assert [str(v) for v in quick] == [str(v) for v in _decimal_way(raws, factor)]


def test_it_steps_aside_for_sub_cent_amounts_negative_zero_and_huge_numbers():
    assert values._exact_cents((1.5, 2.25), 100.0) == [Decimal("1.50"), Decimal("2.25")]
    assert values._exact_cents((8650.5, 0.0, -3.01), 1e6) == [
        Decimal("86505000.00"),
        Decimal("0.00"),
        Decimal("-30100.00"),
    ]
    assert values._exact_cents((1.005,), 100.0) is None  # 元 with a third decimal: rounding needed
    assert values._exact_cents((1.0, -0.0), 100.0) is None  # Decimal keeps the sign of -0.0
    assert values._exact_cents((9e13,), 100.0) is None  # beyond the check's range
