from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from innoladder.accounts.choices import Role
from innoladder.core import viewkit as vk
from innoladder.core.scoping import region_park_ids

from .choices import SubmissionStatus
from .models import Campaign, Submission

submission_list, submission_get = vk.selectors(
    lambda: Submission.objects.select_related("campaign", "enterprise")
)


def campaign_list(user) -> QuerySet[Campaign]:
    """Bureau staff see their parks' campaigns; enterprises and agencies those they have a form in."""
    qs = Campaign.objects.select_related("park")
    if not user.is_authenticated:
        return qs.none()
    if user.role == Role.ADMIN:
        return qs
    if user.role in (Role.OFFICER, Role.AUDITOR):
        parks = user.parks.values("pk")
        return qs.filter(park__in=parks) if user.role == Role.OFFICER or user.parks.exists() else qs
    if user.role == Role.REGIONAL:
        return qs.filter(park__in=region_park_ids(user))
    return qs.filter(pk__in=submission_list(user).values("campaign_id"))


def campaign_get(user, pk: int) -> Campaign:
    return get_object_or_404(campaign_list(user), pk=pk)


def campaign_progress(user, campaign: Campaign) -> dict:
    """Counts per status and completion rate over the forms the user may see."""
    rows = submission_list(user).filter(campaign=campaign)
    counts = dict(rows.values_list("status").annotate(n=Count("pk")))
    total = sum(counts.values())
    done = counts.get(SubmissionStatus.SUBMITTED, 0) + counts.get(SubmissionStatus.ACCEPTED, 0)
    return {
        "total": total,
        "by_status": [(s, s.label, counts.get(s.value, 0)) for s in SubmissionStatus],
        "completed": done,
        "rate": round(done * 100 / total, 1) if total else 0,
        "accepted": counts.get(SubmissionStatus.ACCEPTED, 0),
    }


def late_submitters(user, campaign: Campaign, today) -> QuerySet[Submission]:
    """Forms not yet submitted after the deadline, or submitted after it."""
    rows = submission_list(user).filter(campaign=campaign)
    if today <= campaign.deadline:
        return rows.filter(submitted_at__date__gt=campaign.deadline)
    return rows.filter(
        Q(status__in=[SubmissionStatus.NOT_STARTED, SubmissionStatus.DRAFT, SubmissionStatus.RETURNED])
        | Q(submitted_at__date__gt=campaign.deadline)
    )


def open_campaigns_for(user) -> QuerySet[Submission]:
    """The enterprise user's forms in open campaigns, for the home page."""
    return submission_list(user).filter(campaign__status="open").exclude(status=SubmissionStatus.ACCEPTED)


def awaiting_adoption(user, enterprise) -> QuerySet[Submission]:
    """The enterprise's submitted forms the park has not adopted yet (their figures are not used by any
    assessment until then), as far as the user may see them."""
    return (
        submission_list(user)
        .filter(enterprise=enterprise, status=SubmissionStatus.SUBMITTED)
        .order_by("-campaign__fiscal_year", "pk")
    )
