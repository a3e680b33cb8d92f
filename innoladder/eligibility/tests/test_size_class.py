"""Tests for the 2017 size classification; thresholds are read off the 2017 table (万元 × 10,000 = 元)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from innoladder.eligibility.size_class import classify, group_for

D = Decimal


def wan(amount: str) -> Decimal:
    return D(amount) * 10000


@pytest.mark.parametrize(
    "employees,revenue_wan,expected",
    [
        # 工业: X 1000/300/20, Y 40000/2000/300 (万元).
        (1000, "40000", "large"),
        (999, "40000", "medium"),
        (1000, "39999.99", "medium"),
        (300, "2000", "medium"),
        (299, "40000", "small"),
        (300, "1999.99", "small"),
        (20, "300", "small"),
        (19, "40000", "micro"),
        (5000, "299.99", "micro"),
        # Both indicators must reach a tier: big headcount, tiny revenue is still micro.
        (1000, "100", "micro"),
    ],
)
def test_industry_boundaries(employees: int, revenue_wan: str, expected: str) -> None:
    result = classify("C3911", employees, wan(revenue_wan), None)
    assert result.group == "industry"
    assert result.size == expected


@pytest.mark.parametrize(
    "code,employees,revenue_wan,assets_wan,expected",
    [
        ("A01", None, "20000", None, "large"),
        ("A01", None, "499.99", None, "small"),
        ("A01", None, "49.99", None, "micro"),
        ("E47", None, "80000", "80000", "large"),
        ("E48", None, "80000", "4999.99", "small"),
        ("E50", None, "6000", "5000", "medium"),
        ("F51", 20, "5000", None, "medium"),
        ("F51", 19, "5000", None, "small"),
        ("F51", 4, "40000", None, "micro"),
        ("F52", 50, "500", None, "medium"),
        ("F52", 300, "20000", None, "large"),
        ("G54", 300, "3000", None, "medium"),
        ("G59", 100, "1000", None, "medium"),
        ("G59", 99, "1000", None, "small"),
        ("G60", 20, "100", None, "small"),
        ("G60", 300, "1999.99", None, "small"),
        ("H61", 100, "2000", None, "medium"),
        ("H62", 9, "2000", None, "micro"),
        ("I63", 2000, "100000", None, "large"),
        ("I64", 1999, "100000", None, "medium"),
        ("I65", 10, "50", None, "small"),
        ("I65", 10, "49.99", None, "micro"),
        ("I65", 300, "10000", None, "large"),
        ("K7010", None, "200000", "10000", "large"),
        ("K701", None, "1000", "5000", "medium"),
        ("K701", None, "1000", "1999.99", "micro"),
        ("K702", 300, "1000", None, "medium"),
        ("K702", 99, "5000", None, "micro"),
        ("K703", 100, None, None, "medium"),
        ("L72", 300, None, "120000", "large"),
        ("L71", 100, None, "7999.99", "small"),
        ("M73", 10, None, None, "small"),
        ("M75", 9, None, None, "micro"),
        ("Q85", 300, None, None, "large"),
        ("R88", 100, None, None, "medium"),
    ],
)
def test_group_boundaries(
    code: str, employees: int | None, revenue_wan: str | None, assets_wan: str | None, expected: str
) -> None:
    revenue = None if revenue_wan is None else wan(revenue_wan)
    assets = None if assets_wan is None else wan(assets_wan)
    result = classify(code, employees, revenue, assets)
    assert result.size == expected, result.reason


@pytest.mark.parametrize(
    "code,group",
    [
        ("C", "industry"),
        ("B06", "industry"),
        ("D4411", "industry"),
        ("c39", "industry"),
        ("3911", "industry"),
        ("E", "construction"),
        ("L", "leasing_business"),
        ("M", "other"),
        ("G58", "transport"),
    ],
)
def test_code_to_group(code: str, group: str) -> None:
    lookup = group_for(code)
    assert lookup.group is not None
    assert lookup.group.key == group


@pytest.mark.parametrize(
    "code,fragment",
    [
        ("G53", "适用范围"),
        ("J66", "适用范围"),
        ("P83", "适用范围"),
        ("Q84", "适用范围"),
        ("K704", "自有房地产"),
        ("K70", "中类"),
        ("F", "多个划分行业"),
        ("C51", "不一致"),
        ("Z12", "无效"),
        ("", "缺少"),
        ("C3X", "格式无效"),
    ],
)
def test_codes_without_a_group(code: str, fragment: str) -> None:
    result = classify(code, 100, wan("100"), wan("100"))
    assert result.size is None
    assert fragment in result.reason


def test_missing_indicator_gives_insufficient_data() -> None:
    result = classify("C39", 500, None, None)
    assert result.size is None
    assert result.insufficient_data
    assert result.missing == ("operating_revenue",)
    assert "数据不足" in result.reason
    assert "至多为中型" in result.reason


def test_one_micro_indicator_decides_even_with_missing_data() -> None:
    result = classify("C39", 5, None, None)
    assert result.size == "micro"
    assert result.label_zh == "微型"
    assert not result.insufficient_data


def test_reason_names_the_rule_and_values() -> None:
    result = classify("C39", 350, wan("2500"), None)
    assert result.label_zh == "中型"
    assert "从业人员350人" in result.reason
    assert "须同时满足所列指标的下限" in result.reason
    assert result.reason.endswith("结论：中型")
