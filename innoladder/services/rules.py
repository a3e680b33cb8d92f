"""Pure rules of the service work: request deadlines, overdue status and repeated visits.

No Django import and no clock: dates are passed in.
"""

import datetime as dt
from collections.abc import Sequence

OPEN = ("pending", "in_progress")
REPEAT_WINDOW_DAYS = 30


def request_due_on(raised_on: dt.date, days: int) -> dt.date:
    """Deadline of a request: `days` calendar days after it was raised (a 1/3/7/30-day rule per category)."""
    if days < 0:
        raise ValueError("办理时限天数不能为负数")
    return raised_on + dt.timedelta(days=days)


def is_overdue(due_on: dt.date | None, status: str, on: dt.date) -> bool:
    """A request is overdue when it is still open (待受理/办理中) after its due date; due today is not."""
    if due_on is None or status not in OPEN:
        return False
    return on > due_on


def repeated_visit_flags(dates: Sequence[dt.date], window_days: int = REPEAT_WINDOW_DAYS) -> list[bool]:
    """For visit dates in ascending order, True where the previous visit was at most `window_days` before."""
    flags = []
    previous = None
    for day in dates:
        flags.append(previous is not None and (day - previous).days <= window_days)
        previous = day
    return flags
