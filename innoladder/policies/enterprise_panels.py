from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from innoladder.core.enterprise_page import Column, Listing, Panel, TimelineEvent, bounded
from innoladder.core.scoping import for_user

from . import matching, selectors
from .facts import facts_for
from .models import CampaignReach, TrainingEnrolment

ORDER = 70  # place of this section on the enterprise page


def _current_policies(request, enterprise):
    today = timezone.localdate()
    qs = (
        selectors.policy_list(request.user)
        .filter(selectors.in_force_q(today), park_id=enterprise.park_id)
        .prefetch_related("conditions")
    )
    facts = facts_for([enterprise], today)[enterprise.pk]
    found = []
    for policy in qs[:50]:
        result = matching.evaluate(policy.criteria(policy.conditions.all()), facts, policy.gap_margin)
        if result.matched or result.near_miss:
            found.append((policy, result))
    return found


def _reaches(request, enterprise):
    return for_user(
        CampaignReach.objects.filter(enterprise=enterprise).select_related("campaign"), request.user
    ).order_by("-reached_on", "-id")


def _enrolments(request, enterprise):
    return for_user(
        TrainingEnrolment.objects.filter(enterprise=enterprise)
        .select_related("event")
        .prefetch_related("attendees"),
        request.user,
    ).order_by("-event__starts_on", "-id")


LISTINGS = {
    "reaches": Listing(
        "宣传活动",
        _reaches,
        (
            Column("日期", lambda r: r.reached_on),
            Column("宣传活动", lambda r: r.campaign.title),
            Column("方式", lambda r: r.get_channel_display()),
        ),
    ),
    "enrolments": Listing(
        "培训",
        _enrolments,
        (
            Column("开班日期", lambda e: e.event.starts_on),
            Column("培训班", lambda e: e.event.title),
            Column("参训人员", lambda e: "、".join(a.name for a in e.attendees.all())),
        ),
    ),
}


def panels(request, enterprise) -> list[Panel]:
    context = {
        "policies": _current_policies(request, enterprise),
        "reaches": bounded(_reaches(request, enterprise), enterprise, "policies", "reaches"),
        "enrolments": bounded(_enrolments(request, enterprise), enterprise, "policies", "enrolments"),
    }
    if not any(context.values()):
        return []
    html = render_to_string("policies/_enterprise_panel.html", context, request=request)
    return [Panel(title="政策匹配、宣传与培训", html=html, order=ORDER)]


def events(request, enterprise, limit: int | None = None) -> list[TimelineEvent]:
    found = [
        TimelineEvent(
            r.reached_on,
            _("%(title)s（%(channel)s）") % {"title": r.campaign.title, "channel": r.get_channel_display()},
            _("政策宣传"),
            r.campaign.get_absolute_url(),
        )
        for r in _reaches(request, enterprise)[:limit]
    ]
    found += [
        TimelineEvent(
            e.event.starts_on,
            _("参加%(event)s") % {"event": e.event.title},
            _("培训"),
            e.event.get_absolute_url(),
        )
        for e in _enrolments(request, enterprise)[:limit]
    ]
    return found
