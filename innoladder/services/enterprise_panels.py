"""The enterprise page (一企一档): visits and requests panel and timeline entries."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from innoladder.core.enterprise_page import Panel, TimelineEvent

from . import rules, selectors
from .models import Visit

ORDER = 60  # place of this section on the enterprise page

LIMIT = 20


def _visits(request, enterprise):
    return selectors.visit_list(request.user).filter(
        pk__in=Visit.objects.filter(enterprises=enterprise).values("pk")
    )


def panels(request, enterprise) -> list[Panel]:
    visits = list(_visits(request, enterprise).order_by("-visited_on", "-id")[:LIMIT])
    flags = rules.repeated_visit_flags([v.visited_on for v in reversed(visits)])
    repeated = dict(zip([v.pk for v in reversed(visits)], flags, strict=True))
    reqs = list(selectors.request_list(request.user).filter(enterprise=enterprise)[:LIMIT])
    html = render_to_string(
        "services/_enterprise_panel.html",
        {
            "enterprise": enterprise,
            "visits": [(v, repeated[v.pk]) for v in visits],
            "requests": reqs,
            "today": timezone.localdate(),
        },
        request=request,
    )
    return [Panel(title=_("走访与诉求"), html=html, order=ORDER)]


def events(request, enterprise) -> list[TimelineEvent]:
    found = [
        TimelineEvent(
            on=v.visited_on,
            title=_("走访：") + "、".join(v.topic_labels),
            kind=_("走访"),
            url=v.get_absolute_url(),
        )
        for v in _visits(request, enterprise)
    ]
    for r in selectors.request_list(request.user).filter(enterprise=enterprise):
        found.append(
            TimelineEvent(
                on=r.raised_on, title=_("提出诉求：") + r.title, kind=_("诉求"), url=r.get_absolute_url()
            )
        )
        if r.resolved_on:
            found.append(
                TimelineEvent(
                    on=r.resolved_on,
                    title=_("诉求办结：") + r.title,
                    kind=_("诉求"),
                    url=r.get_absolute_url(),
                )
            )
    return found
