"""Demo assessments: every enterprise of 格尔木工业园 assessed on 2023-06-30 and on the load date.

They are real computations over the demo registry, so the candidates list and the ladders show what
the rules say about the demo data. Re-running replaces the demo assessments (idempotent).
"""

import datetime as dt

from django.utils import timezone

from innoladder.enterprises.models import Enterprise, Park

from . import services
from .models import Assessment

GOLMUD = "格尔木工业园"
REPORT_DATE = dt.date(2023, 6, 30)


def load() -> None:
    park = Park.objects.filter(name=GOLMUD).first()
    if park is None:
        return
    enterprises = Enterprise.objects.filter(park=park, status="active")
    Assessment.objects.filter(enterprise__park=park, is_demo=True).delete()
    for on in sorted({REPORT_DATE, timezone.localdate()}):
        services.assess_many(user=None, queryset=enterprises, on=on, is_demo=True)
