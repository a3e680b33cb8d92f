"""Demo assessments: every enterprise of 格尔木工业园 and 德令哈工业园 (海西州's two demo parks) assessed on
2023-06-30 and on the load date.

They are real computations over the demo registry, so the candidates list and the ladders show what
the rules say about the demo data. Re-running replaces the demo assessments (idempotent).
"""

import datetime as dt

from django.utils import timezone

from innoladder.enterprises.models import Enterprise, Park

from . import services
from .models import Assessment

PARKS = ("格尔木工业园", "德令哈工业园")
REPORT_DATE = dt.date(2023, 6, 30)


def load() -> None:
    parks = Park.objects.filter(name__in=PARKS)
    if not parks.exists():
        return
    enterprises = Enterprise.objects.filter(park__in=parks, status="active")
    Assessment.objects.filter(enterprise__park__in=parks, is_demo=True).delete()
    for on in sorted({REPORT_DATE, timezone.localdate()}):
        services.assess_many(user=None, queryset=enterprises, on=on, is_demo=True)
