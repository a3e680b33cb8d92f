"""Validity and status rules for recognitions: plain functions of dates, no clock, no ORM.

The per-scheme parameters live in the `SchemeRule` table (seeded by a data migration, editable by an
administrator); this module only does the date arithmetic so it can be tested at every boundary.
"""

import calendar
import datetime as dt
from dataclasses import dataclass

from .choices import RecognitionStatus, ValidityKind


@dataclass(frozen=True)
class Validity:
    kind: str
    years: int
    expiring_days: int


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later; 29 February becomes 28 February in a common year."""
    year = day.year + years
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        return dt.date(year, 2, 28)
    return day.replace(year=year)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clipped to the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def valid_until(rule: Validity, issued_on: dt.date) -> dt.date:
    """Last day the recognition is valid.

    - years_from_issue: N years from the issue date, i.e. the day before the N-th anniversary
      (高企 issued 2023-12-01 → valid to 2026-11-30).
    - registration_year: valid for the registration year only, to 31 December of that year (科技型中小企业:
      the 2022 wording was not found; the annual update by 31 March next year keeps it in the database).
    - years_to_year_end: a term of N years ending 31 December (青海省科技型企业 issued in 2023 with N=3 →
      2025-12-31, so "expiring at the end of the current year" matches the provincial notice).
    """
    if rule.kind == ValidityKind.REGISTRATION_YEAR:
        return dt.date(issued_on.year, 12, 31)
    if rule.kind == ValidityKind.YEARS_TO_YEAR_END:
        return dt.date(issued_on.year + rule.years - 1, 12, 31)
    if rule.kind == ValidityKind.YEARS_FROM_ISSUE:
        return add_years(issued_on, rule.years) - dt.timedelta(days=1)
    raise ValueError(f"unknown validity kind {rule.kind!r}")


def status_on(
    *,
    today: dt.date,
    valid_until: dt.date | None,
    expiring_days: int,
    revoked_on: dt.date | None = None,
    cancelled_on: dt.date | None = None,
) -> str:
    """Status on `today`: revocation and cancellation win over dates; then expired, expiring, valid."""
    if revoked_on is not None and revoked_on <= today:
        return RecognitionStatus.REVOKED
    if cancelled_on is not None and cancelled_on <= today:
        return RecognitionStatus.CANCELLED
    if valid_until is None:
        return RecognitionStatus.VALID
    if valid_until < today:
        return RecognitionStatus.EXPIRED
    if (valid_until - today).days <= expiring_days:
        return RecognitionStatus.EXPIRING
    return RecognitionStatus.VALID


def ended_on(
    valid_until: dt.date | None, revoked_on: dt.date | None, cancelled_on: dt.date | None
) -> dt.date | None:
    """The first day the recognition no longer holds."""
    candidates = [d for d in (revoked_on, cancelled_on) if d is not None]
    if valid_until is not None:
        candidates.append(valid_until + dt.timedelta(days=1))
    return min(candidates) if candidates else None


def hnte_report_years(issued_on: dt.date, valid_until: dt.date) -> list[int]:
    """Fiscal years a 高企 reports on (by 31 May of the following year) while its certificate runs.

    Issued 2023-12-01, valid to 2026-11-30 → reports on 2023, 2024, 2025 (due 2024-05-31 … 2026-05-31).
    """
    return [
        year for year in range(issued_on.year, valid_until.year) if dt.date(year + 1, 5, 31) <= valid_until
    ]


def reminder_threshold(due_on: dt.date, today: dt.date) -> str | None:
    """Which reminder is due today: "overdue", "7", "30", "90" days before, or None if too early."""
    days = (due_on - today).days
    if days < 0:
        return "overdue"
    for limit in (7, 30, 90):
        if days <= limit:
            return str(limit)
    return None
