"""The R&D panel and timeline entries on the enterprise page (一企一档)."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from innoladder.core.enterprise_page import Column, Listing, Panel, TimelineEvent, bounded
from innoladder.core.scoping import for_user
from innoladder.enterprises.money import wan_text

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


def _awards(request, enterprise):
    rows = for_user(SubsidyAward.objects.filter(enterprise=enterprise), request.user)
    return rows.select_related("rule", "run").order_by("-awarded_on", "-id")


LISTINGS = {
    "awards": Listing(
        "研发投入补助",
        _awards,
        (
            Column("兑现日期", lambda a: a.awarded_on),
            Column("补助规则", lambda a: a.rule),
            Column("补助金额(万元)", lambda a: wan_text(a.amount, grouping=True)),
        ),
    ),
}


def panels(request, enterprise) -> list[Panel]:
    html = render_to_string(
        "rnd/_panel.html",
        {
            "enterprise": enterprise,
            "runs": _runs(request, enterprise),
            "awards": bounded(_awards(request, enterprise), enterprise, "rnd", "awards"),
            "project_count": for_user(RDProject.objects.filter(enterprise=enterprise), request.user).count(),
        },
        request=request,
    )
    return [Panel(title="研发费用与加计扣除", html=html, order=ORDER)]


def events(request, enterprise, limit: int | None = None) -> list[TimelineEvent]:
    return [
        TimelineEvent(
            on=a.awarded_on,
            title=_("获%(year)s年研发投入补助%(amount)s万元")
            % {"year": a.rule.year, "amount": f"{a.amount / 10000:,.2f}"},
            kind=_("研发费用"),
            url=reverse("rnd_computation", args=[enterprise.pk, a.run.year]),
        )
        for a in _awards(request, enterprise)[:limit]
    ]
