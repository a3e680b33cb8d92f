"""Scoped reads: assessments, latest results per enterprise, and the park-wide candidates list."""

from __future__ import annotations

from django.db.models import Case, F, IntegerField, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from innoladder.accounts.choices import Role
from innoladder.core.scoping import CHANGE, VIEW, for_user
from innoladder.enterprises.models import Enterprise, Park

from . import choices as c
from .models import Assessment, SchemeResult

CANDIDATE_ROLES = (Role.ADMIN, Role.OFFICER, Role.AUDITOR, Role.AGENCY)
BATCH_ROLES = (Role.ADMIN, Role.OFFICER)


def assessment_get(user, pk: int) -> Assessment:
    queryset = for_user(Assessment.objects.select_related("enterprise__park", "run_by"), user, VIEW)
    return get_object_or_404(queryset, pk=pk)


def latest_assessment(user, enterprise: Enterprise) -> Assessment | None:
    queryset = for_user(Assessment.objects.filter(enterprise=enterprise, is_latest=True), user, VIEW)
    return queryset.select_related("run_by").prefetch_related("scheme_results").first()


def assessment_history(user, enterprise: Enterprise) -> QuerySet[Assessment]:
    return for_user(Assessment.objects.filter(enterprise=enterprise), user, VIEW).select_related("run_by")


def may_see_candidates(user) -> bool:
    return user.is_authenticated and user.role in CANDIDATE_ROLES


def may_run_batch(user) -> bool:
    return user.is_authenticated and user.role in BATCH_ROLES


def parks_for(user) -> QuerySet[Park]:
    if user.role == Role.ADMIN or (user.role == Role.AUDITOR and not user.parks.exists()):
        return Park.objects.all()
    if user.role in (Role.OFFICER, Role.AUDITOR):
        return user.parks.all()
    return Park.objects.filter(pk__in=for_user(Enterprise, user, VIEW).values("park_id"))


STANDING_RANK = Case(
    *[When(standing=key, then=Value(rank)) for key, rank in c.STANDING_ORDER.items()],
    output_field=IntegerField(),
)


def candidate_list(user, filters: dict) -> QuerySet[SchemeResult]:
    """Latest results for one scheme, nearest first: eligible, then fewest unmet conditions, best score.

    ``filters``: scheme (required), standing, park, industry, tech_field, q. Enterprise users get nothing.
    """
    if not may_see_candidates(user):
        return SchemeResult.objects.none()
    queryset = for_user(SchemeResult.objects.filter(is_latest=True), user, VIEW)
    queryset = queryset.filter(scheme=filters.get("scheme") or "hnte", enterprise__status="active")
    standing = filters.get("standing")
    if standing:
        queryset = queryset.filter(standing=standing)
    else:
        queryset = queryset.exclude(standing=c.Standing.HELD)
    if filters.get("park"):
        queryset = queryset.filter(enterprise__park_id=filters["park"])
    if filters.get("industry"):
        queryset = queryset.filter(enterprise__industry_code__startswith=filters["industry"])
    if filters.get("tech_field"):
        queryset = queryset.filter(enterprise__tech_field=filters["tech_field"])
    if filters.get("q"):
        queryset = queryset.filter(enterprise__name__icontains=filters["q"])
    return (
        queryset.select_related("enterprise__park", "assessment")
        .defer("assessment__facts")
        .annotate(standing_rank=STANDING_RANK)
        .order_by("standing_rank", "unmet", F("score_high").desc(nulls_last=True), "enterprise__name", "pk")
    )


def batch_enterprises(user, filters: dict) -> QuerySet[Enterprise]:
    """The enterprises a batch run covers: the user's changeable active enterprises, filtered."""
    queryset = for_user(Enterprise.objects.filter(status="active"), user, CHANGE)
    if filters.get("park"):
        queryset = queryset.filter(park_id=filters["park"])
    if filters.get("industry"):
        queryset = queryset.filter(industry_code__startswith=filters["industry"])
    if filters.get("tech_field"):
        queryset = queryset.filter(tech_field=filters["tech_field"])
    if filters.get("q"):
        queryset = queryset.filter(name__icontains=filters["q"])
    if filters.get("standing"):
        listed = candidate_list(user, filters).values("enterprise_id")
        queryset = queryset.filter(pk__in=listed)
    return queryset
