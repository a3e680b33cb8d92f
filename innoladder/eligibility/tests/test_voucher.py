"""Tests for the Qinghai innovation voucher; quotas and shares are those in the 2025 report."""

from __future__ import annotations

from decimal import Decimal

import pytest

from innoladder.eligibility.voucher import VoucherRules, voucher_use

D = Decimal


@pytest.mark.parametrize(
    "fee,service,holder,used,amount,remaining",
    [
        # 80% of 10,000 = 8,000 out of a fresh 200,000 quota.
        ("10000", "testing", "hnte", "0", "8000.00", "192000.00"),
        # Large-instrument sharing is paid in full.
        ("10000", "instrument_sharing", "tsme", "0", "10000.00", "190000.00"),
        # 195,000 used: 5,000 left, 80% of 10,000 = 8,000 → 5,000.
        ("10000", "rd_service", "qh_tech_enterprise", "195000", "5000", "0"),
        # Exactly the remainder: 6,250 × 80% = 5,000 with 5,000 left.
        ("6250", "consulting", "above_scale_with_rd", "195000", "5000.00", "0.00"),
        # Incubator firms: 50,000 quota; 60,000 × 80% = 48,000.
        ("60000", "green_computing", "incubator", "0", "48000.00", "2000.00"),
        # Incubator: 100,000 instrument fee against 50,000 → 50,000.
        ("100000", "instrument_sharing", "incubator", "0", "50000", "0"),
        # 123.45 × 80% = 98.76; 200,000 − 98.76 = 199,901.24.
        ("123.45", "finance", "hnte", "0", "98.76", "199901.24"),
    ],
)
def test_voucher_use(fee: str, service: str, holder: str, used: str, amount: str, remaining: str) -> None:
    result = voucher_use(D(fee), service, holder, D(used))
    assert result.amount == D(amount)
    assert result.remaining_after == D(remaining)
    assert result.explanation


def test_exhausted_quota_pays_nothing() -> None:
    result = voucher_use(D("10000"), "testing", "hnte", D("200000"))
    assert result.amount == D(0)
    assert result.remaining_after == D(0)
    assert "已用完" in result.explanation


def test_overdrawn_quota_pays_nothing() -> None:
    result = voucher_use(D("10000"), "testing", "incubator", D("60000"))
    assert result.amount == D(0)
    assert result.remaining_after == D(0)


def test_unconfigured_holder_and_service() -> None:
    assert "未配置" in voucher_use(D("1000"), "testing", "qh_tech_little_giant", D(0)).explanation
    assert "服务范围" in voucher_use(D("1000"), "catering", "hnte", D(0)).explanation


def test_park_can_configure_rules() -> None:
    rules = VoucherRules(
        version="park_2026",
        annual_quota={"qh_tech_little_giant": D("300000")},
        service_share={"testing": D("0.5")},
    )
    result = voucher_use(D("10000"), "testing", "qh_tech_little_giant", D(0), rules)
    assert result.amount == D("5000.00")
    assert result.remaining_after == D("295000.00")


def test_negative_fee_is_refused() -> None:
    with pytest.raises(ValueError):
        voucher_use(D("-1"), "testing", "hnte", D(0))
