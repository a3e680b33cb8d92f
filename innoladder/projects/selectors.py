"""Reads of the projects app, built on `innoladder.core.scoping.for_user` (through the lead enterprise).

Report selectors (issue 9), each `(user, park, start, end)` → scoped queryset, period inclusive:
- `projects_approved_in_period`: projects whose 立项 date falls in the period;
- `projects_active_in_period`: projects approved on or before the period's end and not closed or
  terminated before its start (the ones under way at some time during the period).
`park=None` means every park the user may see.
"""

import datetime as dt

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from innoladder.core import viewkit as vk
from innoladder.core.scoping import VIEW, for_user
from innoladder.core.viewkit.access import scoped
from innoladder.enterprises.models import in_park

from .models import Milestone, ProgressReport, Project

project_list, project_get = vk.selectors(lambda: Project.objects.select_related("enterprise"), scoped)


def milestone_list(user, action: str = VIEW) -> QuerySet[Milestone]:
    return scoped(Milestone.objects.select_related("project", "project__enterprise"), user, action)


def report_list(user) -> QuerySet[ProgressReport]:
    return for_user(ProgressReport.objects.select_related("project", "uploaded_by"), user, VIEW)


def report_get(user, pk: int) -> ProgressReport:
    return get_object_or_404(report_list(user), pk=pk)


def projects_approved_in_period(user, park, start: dt.date, end: dt.date) -> QuerySet[Project]:
    qs = project_list(user).filter(approved_on__gte=start, approved_on__lte=end)
    return in_park(qs, park)


def projects_active_in_period(user, park, start: dt.date, end: dt.date) -> QuerySet[Project]:
    qs = project_list(user).filter(approved_on__isnull=False, approved_on__lte=end)
    qs = qs.filter(Q(finished_on__isnull=True) | Q(finished_on__gte=start))
    return in_park(qs, park)
