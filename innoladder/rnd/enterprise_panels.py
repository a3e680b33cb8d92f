"""The R&D panel and timeline entries on the enterprise page (一企一档)."""

from django.template.loader import render_to_string
from django.urls import reverse

from innoladder.core.enterprise_page import Panel, TimelineEvent
from innoladder.core.scoping import for_user

from .models import DeductionRun, RDProject, SubsidyAward

ORDER = 40  # place of this section on the enterprise page


def _runs(request, enterprise):
    runs = for_user(DeductionRun.objects.filter(enterprise=enterprise), request.user).order_by(
        "-year", "-computed_at", "-id"
    )
    latest: dict[int, DeductionRun] = {}
    for run in runs:
        latest.setdefault(run.year, run)
    return list(latest.values())


def panels(request, enterprise) -> list[Panel]:
    awards = for_user(SubsidyAward.objects.filter(enterprise=enterprise), request.user)
    html = render_to_string(
        "rnd/_panel.html",
        {
            "enterprise": enterprise,
            "runs": _runs(request, enterprise),
            "awards": list(awards),
            "project_count": for_user(RDProject.objects.filter(enterprise=enterprise), request.user).count(),
        },
        request=request,
    )
    return [Panel(title="研发费用与加计扣除", html=html, order=ORDER)]


def events(request, enterprise) -> list[TimelineEvent]:
    awards = for_user(SubsidyAward.objects.filter(enterprise=enterprise), request.user).select_related("rule")
    return [
        TimelineEvent(
            on=a.awarded_on,
            title=f"获{a.rule.year}年研发投入补助{a.amount / 10000:,.2f}万元",
            kind="研发费用",
            url=reverse("rnd_computation", args=[enterprise.pk, a.run.year]),
        )
        for a in awards.select_related("run")
    ]
