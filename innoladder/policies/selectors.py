import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from innoladder.core import viewkit as vk
from innoladder.core.parkscope import park_scoped
from innoladder.core.scoping import CHANGE, DELETE, VIEW, enterprise_q, for_user
from innoladder.enterprises.choices import EnterpriseStatus
from innoladder.enterprises.models import Enterprise

from . import matching
from .facts import facts_for
from .models import Campaign, CampaignReach, Policy, TrainingAttendee, TrainingEnrolment, TrainingEvent

policy_list, policy_get = vk.selectors(lambda: Policy.objects.select_related("park"), park_scoped)


def in_force_q(day: dt.date) -> Q:
    """Policies in force on `day` (Policy.is_valid_on as a query): begun, or with no start; not expired, or
    with no end."""
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_until__isnull=True) | Q(valid_until__gte=day)
    )


campaign_list, campaign_get = vk.selectors(lambda: Campaign.objects.select_related("park"), park_scoped)


training_list, training_get = vk.selectors(lambda: TrainingEvent.objects.select_related("park"), park_scoped)


def reaches_for(user, campaign) -> QuerySet[CampaignReach]:
    return for_user(CampaignReach.objects.filter(campaign=campaign).select_related("enterprise"), user)


def reach_get(user, campaign: Campaign, pk: int, action: str = DELETE) -> CampaignReach:
    """One reach of the campaign, when the user may `action` its enterprise: being allowed to change the
    campaign says nothing about the enterprises it reached (one that moved to another park stays listed)."""
    return get_object_or_404(for_user(CampaignReach.objects.filter(campaign=campaign), user, action), pk=pk)


def enrolment_get(user, event: TrainingEvent, pk: int, action: str = DELETE) -> TrainingEnrolment:
    """One enrolment of the training event, when the user may `action` its enterprise."""
    return get_object_or_404(for_user(TrainingEnrolment.objects.filter(event=event), user, action), pk=pk)


def enterprise_choices(user, park) -> QuerySet[Enterprise]:
    """The park's enterprises the user may record a reach or an enrolment for."""
    return for_user(Enterprise.objects.filter(park=park), user, CHANGE).order_by("name")


def enrolments_for(user, event) -> QuerySet[TrainingEnrolment]:
    return for_user(
        TrainingEnrolment.objects.filter(event=event)
        .select_related("enterprise")
        .prefetch_related(Prefetch("attendees", queryset=TrainingAttendee.objects.order_by("id"))),
        user,
    )


@dataclass(frozen=True)
class EnterpriseMatch:
    enterprise: Enterprise
    result: matching.MatchResult
    year: int | None


def policy_matches(user, policy: Policy, on: dt.date) -> list[EnterpriseMatch]:
    """Every active enterprise of the policy's park that the user may see, with its match result."""
    enterprises = for_user(
        Enterprise.objects.filter(park=policy.park, status=EnterpriseStatus.ACTIVE).order_by("name"), user
    )
    criteria = policy.criteria()
    facts = facts_for(enterprises, on)
    return [
        EnterpriseMatch(e, matching.evaluate(criteria, facts[e.pk], policy.gap_margin), facts[e.pk].year)
        for e in enterprises
    ]


def _scoped_enterprise_filter(user, prefix: str) -> Q:
    condition = enterprise_q(user, VIEW, prefix)
    return Q(pk__in=[]) if condition is None else condition


def campaigns_in_period(user, park, start: dt.date, end: dt.date) -> QuerySet[Campaign]:
    """Campaigns running at some time in [start, end], with the number of enterprises reached in it."""
    reached = Q(reaches__reached_on__gte=start, reaches__reached_on__lte=end) & _scoped_enterprise_filter(
        user, "reaches__enterprise"
    )
    qs = campaign_list(user).filter(starts_on__lte=end, ends_on__gte=start)
    if park is not None:
        qs = qs.filter(park=park)
    return qs.annotate(enterprise_count=Count("reaches__enterprise", filter=reached, distinct=True)).order_by(
        "starts_on", "id"
    )


def trainings_in_period(user, park, start: dt.date, end: dt.date) -> QuerySet[TrainingEvent]:
    """Training events starting in [start, end], with enrolled enterprise and attendee counts."""
    scoped = _scoped_enterprise_filter(user, "enrolments__enterprise")
    qs = training_list(user).filter(starts_on__gte=start, starts_on__lte=end)
    if park is not None:
        qs = qs.filter(park=park)
    return qs.annotate(
        enterprise_count=Count("enrolments__enterprise", filter=scoped, distinct=True),
        attendee_count=Count("enrolments__attendees", filter=scoped, distinct=True),
    ).order_by("starts_on", "id")
