"""Tests for the configurable R&D subsidy; expected amounts are worked out by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from innoladder.eligibility.subsidy import SubsidyRule, compute_subsidy

D = Decimal


@pytest.mark.parametrize(
    "rate,cap,deduction,expected",
    [
        # 10% of 1,000,000 = 100,000, under a 500,000 cap.
        ("0.10", "500000", "1000000", "100000.00"),
        # 10% of 8,000,000 = 800,000 → capped at 500,000.
        ("0.10", "500000", "8000000", "500000"),
        # No cap: 5% of 12,345,678.90 = 617,283.945 → 617,283.95 (half up).
        ("0.05", None, "12345678.90", "617283.95"),
        # Exactly at the cap: 10% of 5,000,000 = 500,000.
        ("0.10", "500000", "5000000", "500000.00"),
    ],
)
def test_subsidy_on_the_deduction_amount(rate: str, cap: str | None, deduction: str, expected: str) -> None:
    rule = SubsidyRule(D(rate), None if cap is None else D(cap), "deduction_amount")
    result = compute_subsidy(rule, D(deduction), None, None)
    assert result.amount == D(expected)
    assert "补助金额" in result.explanation


def test_cap_is_explained() -> None:
    rule = SubsidyRule(D("0.10"), D("500000"), "deduction_amount")
    result = compute_subsidy(rule, D("8000000"), None, None)
    assert "按上限补助" in result.explanation


@pytest.mark.parametrize(
    "this_year,last_year,expected",
    [
        # Increment 3,000,000 − 2,000,000 = 1,000,000 × 20% = 200,000.
        ("3000000", "2000000", "200000.00"),
        # No increment, or a fall: 0.
        ("2000000", "2000000", "0.00"),
        ("1500000", "2000000", "0.00"),
    ],
)
def test_subsidy_on_the_rd_increment(this_year: str, last_year: str, expected: str) -> None:
    rule = SubsidyRule(D("0.20"), D("300000"), "rd_increment")
    result = compute_subsidy(rule, None, D(this_year), D(last_year))
    assert result.amount == D(expected)


def test_below_minimum_is_not_paid() -> None:
    # 5% of 19,999.80 = 999.99 < 1,000 → 0; 5% of 20,000 = 1,000 → paid.
    rule = SubsidyRule(D("0.05"), None, "deduction_amount", min_amount=D("1000"))
    assert compute_subsidy(rule, D("19999.80"), None, None).amount == D(0)
    assert compute_subsidy(rule, D("20000"), None, None).amount == D("1000.00")


def test_missing_data_is_insufficient() -> None:
    deduction_rule = SubsidyRule(D("0.1"), None, "deduction_amount")
    increment_rule = SubsidyRule(D("0.1"), None, "rd_increment")
    assert compute_subsidy(deduction_rule, None, D(1), D(1)).insufficient_data
    assert compute_subsidy(increment_rule, D(1), D(1), None).insufficient_data


def test_invalid_rules_are_refused() -> None:
    with pytest.raises(ValueError):
        SubsidyRule(D("1.5"), None, "deduction_amount")
    with pytest.raises(ValueError):
        SubsidyRule(D("0.1"), D("-1"), "deduction_amount")
