"""Reads of the services app, all built on `innoladder.core.scoping.for_user`.

Report selectors (issue 9), each `(user, park, start, end)` → scoped queryset, period inclusive:
- `visits_in_period`: visits dated in the period to at least one enterprise of `park`;
- `visited_enterprises_in_period`: the distinct enterprises of `park` visited in the period (Enterprise rows);
- `requests_in_period`: requests of `park`'s enterprises raised in the period.
`park=None` means every park the user may see.
"""

import datetime as dt

from django.db.models import Exists, OuterRef, QuerySet

from innoladder.accounts.choices import Role
from innoladder.core import viewkit as vk
from innoladder.core.scoping import CHANGE, VIEW, enterprise_q, for_user
from innoladder.core.viewkit.access import can_write, scoped, writable
from innoladder.enterprises.models import Enterprise, in_park, park_q

from .choices import OPEN_STATUSES, RequestStatus
from .models import EnterpriseRequest, RequestCategory, Visit


def visit_list(user, action: str = VIEW) -> QuerySet[Visit]:
    """Visits the user may see (any of its enterprises in scope) or change (all of them in change scope)."""
    # EXISTS, not IN: with IN, SQLite lists every visit of the user's parks before it looks at one enterprise.
    visible = Visit.objects.filter(
        Exists(for_user(Visit.objects.all(), user, VIEW).filter(pk=OuterRef("pk")))
    )
    if action == VIEW:
        return visible.select_related("agency").prefetch_related("enterprises", "staff")
    if not can_write(user):
        return Visit.objects.none()
    condition = enterprise_q(user, CHANGE)
    if condition is None:
        return Visit.objects.none()
    outside = Enterprise.objects.exclude(pk__in=Enterprise.objects.filter(condition).values("pk"))
    return visible.exclude(pk__in=Visit.objects.filter(enterprises__in=outside).values("pk"))


visit_get = vk.getter(visit_list)


def visible_enterprises(user, visit: Visit) -> list[Enterprise]:
    """The visit's enterprises the user may see: enterprise users see only their own."""
    allowed = set(for_user(Enterprise.objects.all(), user, VIEW).values_list("pk", flat=True))
    return [e for e in visit.enterprises.all() if e.pk in allowed]


def enterprise_visit_log(user, enterprise: Enterprise) -> list[dict]:
    """Visits to one enterprise in date order, flagging a visit within 30 days of the previous one."""
    from . import rules

    visits = list(
        visit_list(user)
        .filter(pk__in=Visit.objects.filter(enterprises=enterprise).values("pk"))
        .order_by("visited_on", "id")
    )
    flags = rules.repeated_visit_flags([v.visited_on for v in visits])
    return [{"visit": v, "repeated": flag} for v, flag in zip(visits, flags, strict=True)]


request_list, request_get = vk.selectors(
    lambda: EnterpriseRequest.objects.select_related("enterprise", "category", "visit"), scoped
)


def overdue_requests(qs, on: dt.date):
    """Same rule as rules.is_overdue, as a query: still open and past the due date."""
    return qs.filter(status__in=OPEN_STATUSES, due_on__lt=on)


def categories() -> QuerySet[RequestCategory]:
    return RequestCategory.objects.filter(active=True)


def visits_in_period(user, park, start: dt.date, end: dt.date) -> QuerySet[Visit]:
    qs = visit_list(user).filter(visited_on__gte=start, visited_on__lte=end)
    if park is not None:
        qs = qs.filter(pk__in=Visit.objects.filter(park_q("enterprises__park", park)).values("pk"))
    return qs


def visited_enterprises_in_period(user, park, start: dt.date, end: dt.date) -> QuerySet[Enterprise]:
    visit_ids = visits_in_period(user, park, start, end).values("pk")
    qs = for_user(Enterprise.objects.all(), user, VIEW).filter(visits__in=visit_ids).distinct()
    return in_park(qs, park, "park")


def requests_in_period(user, park, start: dt.date, end: dt.date) -> QuerySet[EnterpriseRequest]:
    qs = request_list(user).filter(raised_on__gte=start, raised_on__lte=end)
    return in_park(qs, park)


def request_counts(user, on: dt.date) -> dict:
    qs = request_list(user)
    open_qs = qs.filter(status__in=OPEN_STATUSES)
    return {
        "open": open_qs.count(),
        "overdue": overdue_requests(qs, on).count(),
        "resolved": qs.filter(status=RequestStatus.RESOLVED).count(),
    }


def is_enterprise_user(user) -> bool:
    return user.is_authenticated and user.role == Role.ENTERPRISE


def pending_import_rows(user):
    """Imported visit rows not yet turned into visits, on enterprises the user may write."""
    from .models import VisitImportRow

    return writable(VisitImportRow.objects.filter(visit__isnull=True), user)
