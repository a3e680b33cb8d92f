"""The enterprise page (一企一档): visits and requests panel and timeline entries."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innoladder.core import viewkit as vk
from innoladder.core.enterprise_page import Column, Listing, Panel, TimelineEvent, bounded

from . import rules, selectors
from .models import Visit

ORDER = 60  # place of this section on the enterprise page


def _visits(request, enterprise):
    return (
        selectors.visit_list(request.user)
        .filter(pk__in=Visit.objects.filter(enterprises=enterprise).values("pk"))
        .order_by("-visited_on", "-id")
    )


_requests = vk.enterprise_rows(selectors.request_list, "-raised_on", "-id")


LISTINGS = {
    "visits": Listing(
        gettext_lazy("走访记录"),
        _visits,
        (
            Column(gettext_lazy("走访日期"), lambda v: v.visited_on),
            Column(gettext_lazy("走访部门"), lambda v: v.department),
            Column(gettext_lazy("走访内容"), lambda v: "、".join(v.topic_labels)),
        ),
    ),
    "requests": Listing(
        gettext_lazy("企业诉求"),
        _requests,
        (
            Column(gettext_lazy("诉求"), lambda r: r.title),
            Column(gettext_lazy("提出日期"), lambda r: r.raised_on),
            Column(gettext_lazy("状态"), lambda r: r.get_status_display()),
            Column(gettext_lazy("时限"), lambda r: r.due_on),
        ),
    ),
}


def panels(request, enterprise) -> list[Panel]:
    visits = bounded(_visits(request, enterprise), enterprise, "services", "visits")
    flags = rules.repeated_visit_flags([v.visited_on for v in reversed(visits.rows)])
    repeated = dict(zip([v.pk for v in reversed(visits.rows)], flags, strict=True))
    html = render_to_string(
        "services/_enterprise_panel.html",
        {
            "enterprise": enterprise,
            "visits": [(v, repeated[v.pk]) for v in visits],
            "all_visits": visits,
            "requests": bounded(_requests(request, enterprise), enterprise, "services", "requests"),
            "today": timezone.localdate(),
        },
        request=request,
    )
    return [Panel(title=_("走访与诉求"), html=html, order=ORDER)]


def events(request, enterprise, limit: int | None = None) -> list[TimelineEvent]:
    found = [
        TimelineEvent(
            on=v.visited_on,
            title=_("走访：") + _("、").join(str(label) for label in v.topic_labels),
            kind=_("走访"),
            url=v.get_absolute_url(),
        )
        for v in _visits(request, enterprise)[:limit]
    ]
    for r in _requests(request, enterprise)[:limit]:
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
