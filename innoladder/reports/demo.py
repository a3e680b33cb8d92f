"""Demo: the Golmud work report for the first half of 2023, and 海西州's for the same half year (both parks
added up, written by the regional officer), generated from the other modules' demo records (loaded last by
`manage.py load_demo`), so the report list is not empty on first login."""

import datetime as dt

from innoladder.accounts.models import User
from innoladder.enterprises.models import Park, Region

from .models import WorkReport
from .services import report_generate

START, END = dt.date(2023, 1, 1), dt.date(2023, 6, 30)


def _generate(username: str, **scope) -> None:
    user = User.objects.filter(username__iexact=username).first()
    target = next(iter(scope.values()))
    if target is None or user is None:
        return
    if WorkReport.objects.filter(**scope, period_start=START, period_end=END, is_demo=True).exists():
        return
    report_generate(user=user, park=target, start=START, end=END, is_demo=True)


def load() -> None:
    _generate("officer", park=Park.objects.filter(name="格尔木工业园").first())
    _generate("regional", region=Region.objects.filter(name="海西蒙古族藏族自治州").first())
