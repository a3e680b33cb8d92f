"""Test data builders: a plain enterprise that individual tests vary one field at a time."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from innoladder.eligibility import EnterpriseFacts, IPRecord, RuleSetResult, YearData
from innoladder.eligibility.results import CriterionResult

D = Decimal
ON = date(2025, 6, 1)  # "last year" = 2024; the last three fiscal years = 2022–2024
YEARS = (2022, 2023, 2024)

BASE_YEAR: dict[str, Any] = {
    "employees": 100,
    "tech_staff": 20,
    "rd_staff": 10,
    "sales_revenue": D("40000000"),
    "main_revenue": D("36000000"),
    "operating_revenue": D("40000000"),
    "total_income": D("40000000"),
    "non_taxable_income": D("0"),
    "hitech_revenue": D("30000000"),
    "rd_expense": D("2400000"),
    "rd_domestic": D("2400000"),
    "total_cost": D("30000000"),
    "total_assets": D("50000000"),
    "total_liabilities": D("20000000"),
    "net_profit": D("4000000"),
    "equity_financing": D("0"),
    "tech_conversions": 2,
}


def year(y: int, **changes: Any) -> YearData:
    return YearData(year=y, **{**BASE_YEAR, **changes})


def years(**changes: Any) -> tuple[YearData, ...]:
    """Three identical years 2022–2024 with the same changes."""
    return tuple(year(y, **changes) for y in YEARS)


def last_year(facts: EnterpriseFacts, **changes: Any) -> EnterpriseFacts:
    """Change only the figures of 2024."""
    return replace(facts, years=tuple(replace(y, **changes) if y.year == 2024 else y for y in facts.years))


def invention(**changes: Any) -> IPRecord:
    return IPRecord(kind="invention_patent", granted_on=date(2020, 1, 1), **changes)


def facts(**changes: Any) -> EnterpriseFacts:
    base: dict[str, Any] = {
        "uscc": "91632801MA752XK41R",
        "name": "测试企业",
        "registered_on": date(2015, 1, 1),
        "registered_in_qinghai": True,
        "tech_field": "4.1",
        "strategic_emerging": True,
        "niche_market_years": D(5),
        "years": years(),
        "ips": (invention(),),
        "proprietary_tech": True,
    }
    return EnterpriseFacts(**{**base, **changes})


def crit(result: RuleSetResult, code: str) -> CriterionResult:
    for item in result.criteria:
        if item.code == code:
            return item
    raise AssertionError(f"{code} not in {[c.code for c in result.criteria]}")
