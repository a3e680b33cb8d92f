"""Demo: the Golmud work report for the first half of 2023, generated from the other modules' demo records
(loaded last by `manage.py load_demo`), so the report list is not empty on first login."""

import datetime as dt

from innoladder.accounts.models import User
from innoladder.enterprises.models import Park

from .models import WorkReport
from .services import report_generate

START, END = dt.date(2023, 1, 1), dt.date(2023, 6, 30)


def load() -> None:
    park = Park.objects.filter(name="格尔木工业园").first()
    officer = User.objects.filter(username__iexact="officer").first()
    if park is None or officer is None:
        return
    if WorkReport.objects.filter(park=park, period_start=START, period_end=END, is_demo=True).exists():
        return
    report_generate(user=officer, park=park, start=START, end=END, is_demo=True)
