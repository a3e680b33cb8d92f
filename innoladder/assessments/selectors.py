"""Scoped reads: assessments, latest results per enterprise, and the park-wide candidates list.

"Latest assessment" has one definition, ``latest_assessment_ids``: for each active enterprise in the
user's scope, the assessment with the latest base date (评估基准日) on or before the date asked for,
then the most recently run, then the highest id. The candidates list, the home panel, the enterprise
ladder, the dashboard and the work report all read results through it, so they agree.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Case, Count, F, IntegerField, OuterRef, QuerySet, Subquery, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from innoladder.accounts.choices import Role
from innoladder.core.scoping import CHANGE, VIEW, for_user
from innoladder.enterprises.models import Enterprise, Park, Region, in_park

from . import candidates
from . import choices as c
from .models import Assessment, SchemeResult

CANDIDATE_ROLES = (Role.ADMIN, Role.OFFICER, Role.AUDITOR, Role.AGENCY, Role.REGIONAL)
BATCH_ROLES = (Role.ADMIN, Role.OFFICER)


def assessment_get(user, pk: int) -> Assessment:
    queryset = for_user(Assessment.objects.select_related("enterprise__park", "run_by"), user, VIEW)
    return get_object_or_404(queryset, pk=pk)


def latest_assessment_ids(user, *, on: dt.date | None = None, park=None, enterprise=None) -> QuerySet:
    """The one definition of each enterprise's latest assessment, as a subquery of assessment ids.

    For every active enterprise the user may view (of ``park`` / only ``enterprise`` when given): its
    assessment with the latest base date on or before ``on`` (today by default), ties broken by the
    later run. Assessments dated after ``on`` are not yet "the latest" on that date.
    """
    on = on or timezone.localdate()
    newest = (
        Assessment.objects.filter(enterprise=OuterRef("pk"), assessed_on__lte=on)
        .order_by("-assessed_on", "-created_at", "-pk")
        .values("pk")[:1]
    )
    enterprises = in_park(for_user(Enterprise.objects.filter(status="active"), user, VIEW), park, "park")
    if enterprise is not None:
        enterprises = enterprises.filter(pk=enterprise.pk)
    return enterprises.annotate(latest=Subquery(newest)).filter(latest__isnull=False).values("latest")


def latest_results(user, *, on: dt.date | None = None, park=None) -> QuerySet[SchemeResult]:
    """Every scheme's verdict in each enterprise's latest assessment (``latest_assessment_ids``)."""
    ids = latest_assessment_ids(user, on=on, park=park)
    return for_user(SchemeResult.objects.filter(assessment_id__in=ids), user, VIEW)


def latest_assessment(user, enterprise: Enterprise, on: dt.date | None = None) -> Assessment | None:
    """The enterprise's latest assessment by the same rule, for its ladder and criterion tables.

    An enterprise no longer in the park (迁出/注销) keeps its history: its own latest by the same order.
    """
    queryset = for_user(Assessment.objects.filter(enterprise=enterprise), user, VIEW)
    queryset = queryset.filter(assessed_on__lte=on or timezone.localdate())
    return (
        queryset.select_related("run_by")
        .prefetch_related("scheme_results")
        .order_by("-assessed_on", "-created_at", "-pk")
        .first()
    )


def assessment_history(user, enterprise: Enterprise) -> QuerySet[Assessment]:
    return for_user(Assessment.objects.filter(enterprise=enterprise), user, VIEW).select_related("run_by")


def may_see_candidates(user) -> bool:
    return user.is_authenticated and user.role in CANDIDATE_ROLES


def may_run_batch(user) -> bool:
    return user.is_authenticated and user.role in BATCH_ROLES


def parks_for(user) -> QuerySet[Park]:
    if user.role == Role.ADMIN:
        return Park.objects.all()
    if user.role in (Role.OFFICER, Role.AUDITOR):
        return user.parks.all()
    return Park.objects.filter(pk__in=for_user(Enterprise, user, VIEW).values("park_id"))


STANDING_RANK = Case(
    *[When(standing=key, then=Value(rank)) for key, rank in c.STANDING_ORDER.items()],
    output_field=IntegerField(),
)


DEFAULT_SCHEME = "hnte"


def _enterprise_filtered(queryset, filters: dict, path: str = ""):
    """The candidate filters on the enterprise (reached through `path`): industry code prefix, tech field,
    name."""
    if filters.get("industry"):
        queryset = queryset.filter(**{f"{path}industry_code__startswith": filters["industry"]})
    if filters.get("tech_field"):
        queryset = queryset.filter(**{f"{path}tech_field": filters["tech_field"]})
    if filters.get("q"):
        queryset = queryset.filter(**{f"{path}name__icontains": filters["q"]})
    return queryset


def candidate_queryset(user, filters: dict) -> QuerySet[SchemeResult]:
    """Latest results (``latest_results`` as of ``as_of``) for one scheme, in the database's order:
    eligible, then close, far, unknown; fewer unmet conditions first, then the best score.

    ``filters``: scheme (default ``DEFAULT_SCHEME``), as_of (a date, default today), standing, park,
    industry, tech_field, q. Without a standing, tiers the enterprise already holds are left out.
    Enterprise users get nothing.
    """
    if not may_see_candidates(user):
        return SchemeResult.objects.none()
    # A region counts its parks (`park_q`); a park chosen as well narrows it to that park.
    scope = filters.get("park") or _region(filters)
    queryset = latest_results(user, on=filters.get("as_of"), park=scope)
    queryset = queryset.filter(scheme=filters.get("scheme") or DEFAULT_SCHEME)
    standing = filters.get("standing")
    if standing:
        queryset = queryset.filter(standing=standing)
    else:
        queryset = queryset.exclude(standing=c.Standing.HELD)
    queryset = _enterprise_filtered(queryset, filters, "enterprise__")
    return (
        queryset.select_related("enterprise__park", "assessment")
        .defer("assessment__facts", "assessment__versions", "assessment__settings")
        .annotate(standing_rank=STANDING_RANK)
        .order_by("standing_rank", "unmet", F("score_high").desc(nulls_last=True), "enterprise__name", "pk")
    )


# Ranking the "接近" rows by their gap runs the rule set again on each one's snapshot (~2 ms for
# 高新技术企业): above this many the list keeps the score order and says so.
RANK_LIMIT = 500


class RankedCandidates:
    """The candidates list as the page and the export show it: ``candidate_queryset``'s order, with the
    "接近" rows ranked by their numeric gap (``candidates.candidate_gap``) when there are at most
    ``RANK_LIMIT`` of them, and each shown row carrying ``gap`` (a ``CandidateGap`` or None). Sliced
    like a list (the paginator slices it)."""

    def __init__(self, queryset: QuerySet[SchemeResult]):
        self.queryset = queryset
        self._count: int | None = None
        self._close: tuple[int, int] | None = None
        self._close_order: list[int] | None = None
        self._gaps: dict = {}

    def count(self) -> int:
        if self._count is None:
            self._count = self.queryset.count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def _close_span(self) -> tuple[int, int]:
        """(first position, number) of the "接近" rows: they follow the eligible ones."""
        if self._close is None:
            counts = dict(
                self.queryset.order_by()
                .filter(standing__in=(c.Standing.ELIGIBLE, c.Standing.CLOSE))
                .values_list("standing")
                .annotate(n=Count("pk"))
                .values_list("standing", "n")
            )
            self._close = (counts.get(c.Standing.ELIGIBLE, 0), counts.get(c.Standing.CLOSE, 0))
        return self._close

    @property
    def ranked_by_gap(self) -> bool:
        """Whether the "接近" rows are ranked by their gap (False: too many, in score order)."""
        return 2 <= self._close_span()[1] <= RANK_LIMIT

    @property
    def too_many_to_rank(self) -> bool:
        return self._close_span()[1] > RANK_LIMIT

    def _ranked_close(self) -> list[int]:
        if self._close_order is None:
            rows = list(
                self.queryset.filter(standing=c.Standing.CLOSE).values(
                    "id", "assessment_id", "ruleset_version", "score_high", "enterprise__name"
                )
            )
            self._gaps.update(candidates.gaps_for(rows))
            far = Decimal(10**9)

            def key(row):
                gap = self._gaps.get(row["id"])
                score = row["score_high"] if row["score_high"] is not None else Decimal(-1)
                return (gap.effort if gap is not None else far, -score, row["enterprise__name"], row["id"])

            self._close_order = [row["id"] for row in sorted(rows, key=key)]
        return self._close_order

    def _rows(self, start: int, stop: int) -> list[SchemeResult]:
        first_close, close_count = self._close_span()
        end_close = first_close + close_count
        if stop <= first_close or start >= end_close or not self.ranked_by_gap:
            rows = list(self.queryset[start:stop])
        else:
            order = self._ranked_close()[
                max(start, first_close) - first_close : min(stop, end_close) - first_close
            ]
            by_id = {row.pk: row for row in self.queryset.filter(pk__in=order)}
            rows = list(self.queryset[start:first_close]) if start < first_close else []
            rows += [by_id[pk] for pk in order if pk in by_id]
            if stop > end_close:
                rows += list(self.queryset[end_close:stop])
        missing = [row for row in rows if row.pk not in self._gaps]
        self._gaps.update(candidates.gaps_for(missing))
        for row in rows:
            row.gap = self._gaps.get(row.pk)
        return rows

    def __getitem__(self, key):
        if isinstance(key, slice):
            start, stop, step = key.indices(self.count())
            rows = self._rows(start, stop) if stop > start else []
            return rows[::step] if step != 1 else rows
        if key < 0:
            key += self.count()
        rows = self._rows(key, key + 1)
        if not rows:
            raise IndexError(key)
        return rows[0]

    def __iter__(self):
        step = 500
        for start in range(0, self.count(), step):
            yield from self[start : start + step]


def _region(filters: dict) -> Region | None:
    """The region of the filters (an id the filter form took from the user's readable regions)."""
    return Region.objects.filter(pk=filters["region"]).first() if filters.get("region") else None


def candidate_list(user, filters: dict) -> RankedCandidates:
    """The candidates of one tier, nearest first (see ``RankedCandidates``)."""
    return RankedCandidates(candidate_queryset(user, filters))


def candidate_counts(user, *, on: dt.date | None = None, park=None) -> dict[tuple[str, str], int]:
    """(scheme, standing) → number of enterprises, from the same latest results as the candidates list."""
    rows = (
        latest_results(user, on=on, park=park)
        .order_by()
        .values_list("scheme", "standing")
        .annotate(n=Count("pk"))
        .values_list("scheme", "standing", "n")
    )
    return {(scheme, standing): n for scheme, standing, n in rows}


def batch_enterprises(user, filters: dict) -> QuerySet[Enterprise]:
    """The enterprises a batch run covers: the user's changeable active enterprises, filtered."""
    queryset = for_user(Enterprise.objects.filter(status="active"), user, CHANGE)
    if filters.get("park"):
        queryset = queryset.filter(park_id=filters["park"])
    elif filters.get("region"):
        region = _region(filters)
        queryset = queryset.filter(park_id__in=region.park_ids if region else [])
    queryset = _enterprise_filtered(queryset, filters)
    if filters.get("standing"):
        listed = candidate_queryset(user, filters).values("enterprise_id")
        queryset = queryset.filter(pk__in=listed)
    return queryset
