"""The recognitions section and timeline entries of the enterprise page (一企一档)."""

import datetime as dt

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innoladder.core import viewkit as vk
from innoladder.core.enterprise_page import Bounded, Column, Listing, Panel, TimelineEvent, bounded
from innoladder.core.scoping import for_user

from . import choices as c
from . import obligations, selectors
from .models import ApplicationTransition, rules_by_scheme

ORDER = 20  # place of this section on the enterprise page

LABELS = dict(c.RecognitionStatus.choices)

_recognitions = vk.enterprise_rows(selectors.recognition_list, "-issued_on", "-id")
_open_applications = vk.enterprise_rows(
    selectors.application_list, "-started_on", "-id", status__in=c.OPEN_STATUSES
)


def _status_label(rec) -> str:
    return LABELS[rec.status_on(timezone.localdate(), rules_by_scheme()[rec.scheme])]


LISTINGS = {
    "recognitions": Listing(
        gettext_lazy("资质认定"),
        _recognitions,
        (
            Column(gettext_lazy("资质"), lambda r: r.scheme_label),
            Column(gettext_lazy("证书编号"), lambda r: r.number),
            Column(gettext_lazy("发证日期"), lambda r: r.issued_on),
            Column(gettext_lazy("有效期至"), lambda r: r.valid_until),
            Column(gettext_lazy("状态"), _status_label),
        ),
    ),
    "applications": Listing(
        gettext_lazy("进行中的申报"),
        _open_applications,
        (
            Column(gettext_lazy("申报批次"), lambda a: a.batch.name),
            Column(gettext_lazy("状态"), lambda a: a.get_status_display()),
            Column(gettext_lazy("申报类型"), lambda a: a.get_kind_display()),
        ),
    ),
}


def panels(request, enterprise) -> list[Panel]:
    user = request.user
    today = timezone.localdate()
    rules = rules_by_scheme()
    held = bounded(_recognitions(request, enterprise), enterprise, "recognitions", "recognitions")
    recognitions = Bounded(
        [
            {"rec": rec, "status": (s := rec.status_on(today, rules[rec.scheme])), "label": LABELS[s]}
            for rec in held
        ],
        held.total,
        held.all_url,
    )
    applications = bounded(
        _open_applications(request, enterprise), enterprise, "recognitions", "applications"
    )
    upcoming = [
        item
        for item in obligations.items(
            user, today - dt.timedelta(days=30), today + dt.timedelta(days=365), today, enterprise=enterprise
        )
        if item.enterprise_id == enterprise.pk
    ]
    upcoming.sort(key=lambda i: i.due_on)
    html = render_to_string(
        "recognitions/_enterprise_panel.html",
        {
            "enterprise": enterprise,
            "recognitions": recognitions,
            "applications": applications,
            "obligations": upcoming[:8],
        },
        request=request,
    )
    return [Panel(title=_("资质认定与保存量"), html=html, order=ORDER)]


def events(request, enterprise, limit: int | None = None) -> list[TimelineEvent]:
    user = request.user
    today = timezone.localdate()
    found: list[TimelineEvent] = []
    for rec in _recognitions(request, enterprise)[:limit]:
        url = rec.get_absolute_url()
        found.append(
            TimelineEvent(
                on=rec.issued_on,
                title=_("获得%(scheme)s认定（%(number)s）")
                % {"scheme": rec.scheme_label, "number": rec.number},
                kind=_("资质认定"),
                url=url,
            )
        )
        ended = rec.ended_on
        if ended is not None and ended <= today:
            on = ended
            if rec.revoked_on == ended:
                title = _("%(scheme)s被撤销") % {"scheme": rec.scheme_label}
            elif rec.cancelled_on == ended:
                title = _("%(scheme)s被取消") % {"scheme": rec.scheme_label}
            else:
                # dated by its last valid day, as the calendar and the recognitions list date an expiry
                on = rec.valid_until
                title = _("%(scheme)s到期") % {"scheme": rec.scheme_label}
            found.append(TimelineEvent(on=on, title=title, kind=_("资质认定"), url=url))
    transitions = for_user(ApplicationTransition.objects.select_related("application__batch"), user).filter(
        application__enterprise=enterprise
    )
    for t in transitions.order_by("-on", "-id")[:limit]:
        found.append(
            TimelineEvent(
                on=t.on,
                title=_("%(title)s：%(status)s")
                % {"title": t.application.batch.name, "status": t.get_to_status_display()},
                kind=_("申报"),
                url=reverse("application_detail", args=[t.application_id]),
            )
        )
    return found
