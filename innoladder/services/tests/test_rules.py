import datetime as dt

import pytest

from innoladder.services import rules

D = dt.date(2023, 3, 10)


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (1, dt.date(2023, 3, 11)),
        (3, dt.date(2023, 3, 13)),
        (7, dt.date(2023, 3, 17)),
        (30, dt.date(2023, 4, 9)),
    ],
)
def test_due_date_counts_calendar_days_from_the_day_raised(days, expected):
    assert rules.request_due_on(D, days) == expected


def test_due_date_crosses_year_end():
    assert rules.request_due_on(dt.date(2023, 12, 30), 3) == dt.date(2024, 1, 2)


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        rules.request_due_on(D, -1)


@pytest.mark.parametrize("status", ["pending", "in_progress"])
def test_open_request_is_overdue_only_after_the_due_day(status):
    assert rules.is_overdue(D, status, D) is False  # due today is not overdue
    assert rules.is_overdue(D, status, D - dt.timedelta(days=1)) is False
    assert rules.is_overdue(D, status, D + dt.timedelta(days=1)) is True


@pytest.mark.parametrize("status", ["resolved", "returned"])
def test_closed_request_is_never_overdue(status):
    assert rules.is_overdue(D, status, D + dt.timedelta(days=100)) is False


def test_missing_due_date_is_not_overdue():
    assert rules.is_overdue(None, "pending", D) is False


def test_repeated_visit_flags_mark_visits_within_30_days_of_the_previous():
    dates = [dt.date(2023, 1, 1), dt.date(2023, 1, 31), dt.date(2023, 3, 3), dt.date(2023, 3, 3)]
    # 30 days after → repeated; 31 days after → not; same day → repeated
    assert rules.repeated_visit_flags(dates) == [False, True, False, True]


def test_repeated_visit_flags_empty():
    assert rules.repeated_visit_flags([]) == []
