"""Tests for technology-contract tax notes; expected figures follow Art. 90 of the CIT regulations."""

from __future__ import annotations

from decimal import Decimal

import pytest

from innoladder.eligibility.tech_contract import Category, transfer_income_tax, vat_exemption

D = Decimal


@pytest.mark.parametrize(
    "category,subtype,bundled,exempt",
    [
        ("development", "commissioned", False, True),
        ("development", "cooperative", False, True),
        ("transfer", "patent", False, True),
        ("transfer", "patent_application", False, True),
        ("transfer", "know_how", False, True),
        ("licence", "patent_licence", False, True),
        ("licence", "know_how_licence", False, True),
        ("consulting", "feasibility", False, False),
        ("consulting", "feasibility", True, True),
        ("service", "training", False, False),
        ("service", "intermediary", True, True),
    ],
)
def test_vat_exemption(category: Category, subtype: str, bundled: bool, exempt: bool) -> None:
    note = vat_exemption(category, subtype, bundled)
    assert note.exempt is exempt
    assert "36号" in note.basis
    if exempt:
        assert "省级科技主管部门认定登记" in note.conditions[0]
    else:
        assert "不适用" in note.explanation


def test_licence_choice_is_explained() -> None:
    assert "按技术转让处理" in vat_exemption("licence", "patent_licence", False).explanation


def test_unknown_subtype_is_refused() -> None:
    with pytest.raises(ValueError):
        vat_exemption("transfer", "training", False)


@pytest.mark.parametrize(
    "income,cost,taxes,gain,taxable,tax",
    [
        # Exactly 5,000,000 of gain: all exempt.
        ("6000000", "900000", "100000", "5000000", "0", "0"),
        # One fen over: 0.01 × 25% ÷ 2 = 0.00125 → 0.00.
        ("5000000.01", "0", "0", "5000000.01", "0.01", "0.00"),
        # 100 over: 100 × 12.5% = 12.50.
        ("5000100", "0", "0", "5000100", "100", "12.50"),
        # One fen under: exempt.
        ("4999999.99", "0", "0", "4999999.99", "0", "0"),
        # 8,000,000 − 1,500,000 − 500,000 = 6,000,000; excess 1,000,000 × 12.5% = 125,000.
        ("8000000", "1500000", "500000", "6000000", "1000000", "125000.00"),
        # Loss: no tax.
        ("1000000", "1200000", "10000", "-210000", "0", "0"),
    ],
)
def test_transfer_income_tax(income: str, cost: str, taxes: str, gain: str, taxable: str, tax: str) -> None:
    result = transfer_income_tax(D(income), D(cost), D(taxes))
    assert result.gain == D(gain)
    assert result.taxable_part == D(taxable)
    assert result.tax == D(tax)
    assert "技术转让所得" in result.explanation


def test_other_rate_is_halved_too() -> None:
    # 6,000,000 of gain at a 20% rate: 1,000,000 × 10% = 100,000.
    assert transfer_income_tax(D("6000000"), D(0), D(0), D("0.20")).tax == D("100000.00")
