from decimal import Decimal as D

import pytest

from innoladder.eligibility.bands import table
from innoladder.eligibility.gaps import format_wan, money_to_ratio, money_to_share, staff_to_share

TECH = table([("0.30", 20), ("0.25", 16), ("0.20", 12), ("0.15", 8), ("0.10", 4)])


@pytest.mark.parametrize(
    ("value", "points"),
    [("0.30", 20), ("0.2999", 16), ("0.25", 16), ("0.2499", 12), ("0.10", 4), ("0.0999", 0), ("0", 0)],
)
def test_inclusive_band_edges(value: str, points: int) -> None:
    assert TECH.points(D(value)) == points


def test_exclusive_table_puts_the_edge_in_the_lower_band() -> None:
    exclusive = table([("0.05", 20), ("0.03", 15)], inclusive=False)
    assert exclusive.points(D("0.05")) == 15
    assert exclusive.points(D("0.0501")) == 20
    assert exclusive.points(D("0.03")) == 0


def test_a_strict_row_excludes_its_edge() -> None:
    growth = table([("0.05", (3, 4)), (">0", (1, 2))])
    assert growth.lookup(D("0")) == (0, 0)
    assert growth.lookup(D("0.0001")) == (1, 2)
    assert growth.lookup(D("0.05")) == (3, 4)


def test_next_edge_is_the_lowest_edge_not_reached() -> None:
    assert TECH.next_edge(D("0.26")) == D("0.30")
    assert TECH.next_edge(D("0.05")) == D("0.10")
    assert TECH.next_edge(D("0.40")) is None


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("423000", "42.3万"),
        ("423456", "42.35万"),
        ("423401", "42.35万"),
        ("100000", "10.0万"),
        ("1", "0.01万"),
    ],
)
def test_format_wan_rounds_up_to_a_hundred_yuan(amount: str, text: str) -> None:
    assert format_wan(D(amount)) == text


def test_money_to_ratio_rounds_up_to_the_fen() -> None:
    # 5% of 1,000,000.10 = 50,000.005 → 50,000.01 needed in total
    assert money_to_ratio(D("0.05"), D("1000000.10"), D("0")) == D("50000.01")
    assert money_to_ratio(D("0.05"), D("1000000"), D("60000")) == 0


def test_money_to_share_adds_to_both_part_and_whole() -> None:
    # (50 + x) / (100 + x) ≥ 0.6 → x ≥ 25
    assert money_to_share(D("0.6"), D("50"), D("100")) == D("25.00")


@pytest.mark.parametrize(
    ("staff", "employees", "ratio", "needed"),
    [(9, 100, "0.1", 2), (10, 100, "0.1", 0), (25, 100, "0.3", 8), (0, 10, "0.1", 2)],
)
def test_staff_to_share_counts_new_hires_in_both(staff: int, employees: int, ratio: str, needed: int) -> None:
    got = staff_to_share(D(ratio), staff, employees)
    assert got == needed
    assert D(staff + got) / (employees + got) >= D(ratio)
    if got:
        assert D(staff + got - 1) / (employees + got - 1) < D(ratio)


def test_make_criterion_equals_the_dataclass_constructor() -> None:
    from dataclasses import FrozenInstanceError, fields

    from innoladder.eligibility.results import CriterionResult, make_criterion

    values = {f.name: f"v-{f.name}" for f in fields(CriterionResult)}
    fast = make_criterion(**values)  # type: ignore[arg-type]
    assert fast == CriterionResult(**values)  # type: ignore[arg-type]
    with pytest.raises(FrozenInstanceError):
        fast.code = "x"  # type: ignore[misc]
