"""The recognitions section and timeline entries of the enterprise page (一企一档)."""

import datetime as dt

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from innoladder.core.enterprise_page import Panel, TimelineEvent
from innoladder.core.scoping import for_user

from . import choices as c
from . import obligations, selectors
from .models import ApplicationTransition, rules_by_scheme

ORDER = 20  # place of this section on the enterprise page

LABELS = dict(c.RecognitionStatus.choices)


def panels(request, enterprise) -> list[Panel]:
    user = request.user
    today = timezone.localdate()
    rules = rules_by_scheme()
    recognitions = [
        {"rec": rec, "status": (s := rec.status_on(today, rules[rec.scheme])), "label": LABELS[s]}
        for rec in selectors.recognition_list(user).filter(enterprise=enterprise)
    ]
    applications = selectors.application_list(user).filter(enterprise=enterprise, status__in=c.OPEN_STATUSES)
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


def events(request, enterprise) -> list[TimelineEvent]:
    user = request.user
    today = timezone.localdate()
    found: list[TimelineEvent] = []
    for rec in selectors.recognition_list(user).filter(enterprise=enterprise):
        url = rec.get_absolute_url()
        found.append(
            TimelineEvent(
                on=rec.issued_on,
                title=f"获得{rec.scheme_label}认定（{rec.number}）",
                kind="资质认定",
                url=url,
            )
        )
        ended = rec.ended_on
        if ended is not None and ended <= today:
            if rec.revoked_on == ended:
                title = f"{rec.scheme_label}被撤销"
            elif rec.cancelled_on == ended:
                title = f"{rec.scheme_label}被取消"
            else:
                title = f"{rec.scheme_label}到期"
            found.append(TimelineEvent(on=ended, title=title, kind="资质认定", url=url))
    transitions = for_user(ApplicationTransition.objects.select_related("application__batch"), user).filter(
        application__enterprise=enterprise
    )
    for t in transitions:
        found.append(
            TimelineEvent(
                on=t.on,
                title=f"{t.application.batch.name}：{t.get_to_status_display()}",
                kind="申报",
                url=reverse("application_detail", args=[t.application_id]),
            )
        )
    return found
