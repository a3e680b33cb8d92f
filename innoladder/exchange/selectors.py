"""Reads of the exchange export: the user's enterprises with their latest annual data, and recognitions.

Everything goes through `for_user(..., VIEW)`: an officer gets their parks, an agency user its assigned
enterprises, an enterprise user its own. Rows are read in pages by primary key, so a park of tens of
thousands of enterprises is streamed with a bounded memory and a bounded number of queries per page.
These are the functions the REST API may call as well.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db.models import OuterRef, Subquery

from innoladder.core.scoping import VIEW, for_user
from innoladder.enterprises.models import AnnualData, Enterprise
from innoladder.recognitions.models import Recognition, rules_by_scheme

PAGE = 1000


def exchange_enterprises(user):
    return for_user(Enterprise.objects.all(), user, VIEW)


def exchange_recognitions(user):
    return for_user(Recognition.objects.all(), user, VIEW)


def exchange_counts(user) -> dict[str, int]:
    return {
        "enterprises": exchange_enterprises(user).count(),
        "recognitions": exchange_recognitions(user).count(),
    }


def _pages(queryset) -> Iterator[list]:
    """The queryset's rows in pages ordered by primary key (keyset paging: no OFFSET, stable as rows are
    added meanwhile)."""
    last = None
    while True:
        page = queryset.order_by("pk")
        if last is not None:
            page = page.filter(pk__gt=last)
        rows = list(page[:PAGE])
        if not rows:
            return
        yield rows
        last = rows[-1].pk


def latest_annual_data(user, enterprise_ids: list[int]) -> dict[int, AnnualData]:
    """Each enterprise's annual data of its latest year, for the enterprises given."""
    latest_year = (
        AnnualData.objects.filter(enterprise_id=OuterRef("enterprise_id"))
        .order_by("-year")
        .values("year")[:1]
    )
    rows = for_user(AnnualData.objects.all(), user, VIEW).filter(
        enterprise_id__in=enterprise_ids, year=Subquery(latest_year)
    )
    return {row.enterprise_id: row for row in rows}


def enterprise_rows(user) -> Iterator[list[tuple]]:
    """Pages of (enterprise, latest annual data or None)."""
    queryset = exchange_enterprises(user).select_related("park")
    for page in _pages(queryset):
        annual = latest_annual_data(user, [e.pk for e in page])
        yield [(enterprise, annual.get(enterprise.pk)) for enterprise in page]


def recognition_rows(user, today: dt.date) -> Iterator[list[tuple]]:
    """Pages of (recognition, its status on `today`)."""
    rules = rules_by_scheme()
    queryset = exchange_recognitions(user).select_related("enterprise", "batch", "renews")
    for page in _pages(queryset):
        yield [(r, r.status_on(today, rules[r.scheme])) for r in page]
