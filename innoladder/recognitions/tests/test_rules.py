"""Validity per scheme at the boundaries, worked out from the rules in criteria.md §1.5, §2.3, §3, §7.1."""

import datetime as dt

import pytest

from innoladder.recognitions import rules
from innoladder.recognitions.choices import RecognitionStatus as RS
from innoladder.recognitions.choices import Scheme
from innoladder.recognitions.services import compute_valid_until

D = dt.date


@pytest.mark.django_db
@pytest.mark.parametrize(
    "scheme, issued, expected",
    [
        # 高企: 3 years from the issue date; the last valid day is the eve of the third anniversary.
        (Scheme.HNTE, D(2023, 12, 1), D(2026, 11, 30)),
        (Scheme.HNTE, D(2023, 1, 1), D(2025, 12, 31)),
        (Scheme.HNTE, D(2024, 2, 29), D(2027, 2, 27)),
        (Scheme.HNTE, D(2023, 12, 31), D(2026, 12, 30)),
        # 科技型中小企业: valid for the registration year, to 31 December.
        (Scheme.TSME, D(2023, 6, 15), D(2023, 12, 31)),
        (Scheme.TSME, D(2023, 1, 1), D(2023, 12, 31)),
        (Scheme.TSME, D(2023, 12, 31), D(2023, 12, 31)),
        # MIIT ladder: 3 years.
        (Scheme.INNOVATIVE_SME, D(2023, 5, 20), D(2026, 5, 19)),
        (Scheme.SRDI_SME, D(2022, 8, 1), D(2025, 7, 31)),
        (Scheme.LITTLE_GIANT, D(2023, 7, 14), D(2026, 7, 13)),
        (Scheme.TECH_INNOVATIVE_SME, D(2026, 3, 1), D(2029, 2, 28)),
        # 青海省科技型企业: 3-year term ending 31 December (issued 2021 → expires end of 2023).
        (Scheme.QH_TECH_ENTERPRISE, D(2021, 10, 15), D(2023, 12, 31)),
        (Scheme.QH_TECH_ENTERPRISE, D(2021, 1, 1), D(2023, 12, 31)),
        (Scheme.QH_TECH_ENTERPRISE, D(2021, 12, 31), D(2023, 12, 31)),
        (Scheme.QH_TECH_LITTLE_GIANT, D(2023, 5, 30), D(2026, 5, 29)),
        (Scheme.OTHER, D(2023, 3, 1), D(2026, 2, 28)),
    ],
)
def test_validity_end_per_scheme(scheme, issued, expected):
    assert compute_valid_until(scheme, issued) == expected


@pytest.mark.django_db
def test_scheme_years_are_configurable_data():
    from innoladder.recognitions.models import SchemeRule

    SchemeRule.objects.filter(scheme=Scheme.QH_TECH_ENTERPRISE).update(years=2)
    assert compute_valid_until(Scheme.QH_TECH_ENTERPRISE, D(2021, 10, 15)) == D(2022, 12, 31)
    SchemeRule.objects.filter(scheme=Scheme.HNTE).update(years=5)
    assert compute_valid_until(Scheme.HNTE, D(2023, 12, 1)) == D(2028, 11, 30)


def test_every_scheme_is_seeded():
    from importlib import import_module

    seed = import_module("innoladder.recognitions.migrations.0001_squashed_0002_seed_scheme_rules")
    assert {row[0] for row in seed.RULES} == set(Scheme.values)


RULE = rules.Validity(kind="years_from_issue", years=3, expiring_days=180)


@pytest.mark.parametrize(
    "today, expected",
    [
        (D(2026, 6, 2), RS.VALID),  # 181 days before the end
        (D(2026, 6, 3), RS.EXPIRING),  # exactly 180 days before
        (D(2026, 11, 30), RS.EXPIRING),  # the last valid day
        (D(2026, 12, 1), RS.EXPIRED),
    ],
)
def test_status_from_dates(today, expected):
    assert rules.status_on(today=today, valid_until=D(2026, 11, 30), expiring_days=180) == expected


def test_revocation_and_cancellation_take_effect_on_their_date():
    common = {"valid_until": D(2026, 11, 30), "expiring_days": 180}
    assert rules.status_on(today=D(2024, 3, 31), revoked_on=D(2024, 4, 1), **common) == RS.VALID
    assert rules.status_on(today=D(2024, 4, 1), revoked_on=D(2024, 4, 1), **common) == RS.REVOKED
    assert rules.status_on(today=D(2024, 4, 1), cancelled_on=D(2024, 4, 1), **common) == RS.CANCELLED
    assert rules.status_on(today=D(2027, 1, 1), cancelled_on=D(2024, 4, 1), **common) == RS.CANCELLED


def test_ended_on_is_the_first_day_without_the_recognition():
    assert rules.ended_on(D(2026, 11, 30), None, None) == D(2026, 12, 1)
    assert rules.ended_on(D(2026, 11, 30), D(2025, 1, 2), None) == D(2025, 1, 2)
    assert rules.ended_on(D(2026, 11, 30), None, D(2025, 3, 3)) == D(2025, 3, 3)


def test_hnte_report_years_cover_the_certificate():
    assert rules.hnte_report_years(D(2023, 12, 1), D(2026, 11, 30)) == [2023, 2024, 2025]
    # Issued 1 January: the third report (on 2025) would fall due 2026-05-31, after expiry on 2025-12-31.
    assert rules.hnte_report_years(D(2023, 1, 1), D(2025, 12, 31)) == [2023, 2024]


@pytest.mark.parametrize(
    "due, expected",
    [
        (D(2026, 4, 2), None),  # 91 days ahead of 2026-01-01 (31 + 28 + 31 + 1 = 91)
        (D(2026, 4, 1), "90"),  # exactly 90 days ahead
        (D(2026, 2, 1), "90"),  # 31 days ahead
        (D(2026, 1, 31), "30"),
        (D(2026, 1, 8), "7"),
        (D(2026, 1, 1), "7"),
        (D(2025, 12, 31), "overdue"),
    ],
)
def test_reminder_threshold(due, expected):
    assert rules.reminder_threshold(due, D(2026, 1, 1)) == expected


def test_add_months_clips_to_month_end():
    assert rules.add_months(D(2023, 11, 30), 3) == D(2024, 2, 29)
    assert rules.add_months(D(2023, 8, 31), 6) == D(2024, 2, 29)
    assert rules.add_months(D(2023, 1, 15), 3) == D(2023, 4, 15)
