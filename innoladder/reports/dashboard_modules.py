"""Dashboard charts of the modules built in parallel (recognitions, services, projects, funding); each is
registered with the models it reads and is absent until that module exists."""

import datetime as dt
from collections import Counter
from decimal import Decimal

from django.apps import apps
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from innoladder.core.scoping import for_user
from innoladder.enterprises.models import park_q

from .charts import Chart, chart, counts_chart, enterprises_chart, table_chart, wan
from .providers.next_steps import months_after


def status_counts(user, park, label: str) -> list[list]:
    """[status label, count] of the park's records of model `label`, for every status in its order."""
    model = apps.get_model(label)
    counts = Counter(
        for_user(model.objects.all(), user)
        .filter(park_q("enterprise__park", park))
        .values_list("status", flat=True)
    )
    return [[str(name), counts.get(value, 0)] for value, name in model._meta.get_field("status").choices]


@chart("tiers", requires=("recognitions.Recognition",), order=5)
def tiers(user, park, on: dt.date):
    from .tiers import enterprises_by_scheme, scheme_choices

    held = enterprises_by_scheme(user, park, on)
    rows = [[label, len(held.get(value, ()))] for value, label in scheme_choices() if value != "other"]
    return enterprises_chart(
        "tiers",
        _("各层级有效资质企业数"),
        "hbar",
        _("资质层级"),
        rows,
        note=_("按统计日期仍有效的资质计算。"),
    )


@chart("expiring", requires=("recognitions.Recognition",), order=30)
def expiring(user, park, on: dt.date):
    from .tiers import held_on

    horizon = months_after(on, 6)
    rows = list(
        held_on(user, park, on)
        .filter(valid_until__lte=horizon)
        .exclude(renewed_by__issued_on__lte=on)
        .select_related("enterprise")
        .order_by("valid_until", "pk")
    )
    return Chart(
        key="expiring",
        title=_("未来6个月到期的资质"),
        kind="table",
        headers=[_("企业"), _("资质"), _("证书编号"), _("有效期至"), _("剩余天数")],
        rows=[
            [r.enterprise.name, r.get_scheme_display(), r.number, r.valid_until, (r.valid_until - on).days]
            for r in rows
        ],
        note=_("统计日期 %(on)s 起至 %(horizon)s；已重新认定的不再列出。")
        % {"on": f"{on:%Y-%m-%d}", "horizon": f"{horizon:%Y-%m-%d}"},
    )


@chart("applications", requires=("recognitions.Application",), order=35)
def applications(user, park, on: dt.date):
    rows = status_counts(user, park, "recognitions.Application")
    return counts_chart(
        "applications", _("资质申报进展（候选与在办）"), "bar", [_("状态"), _("申报数")], rows, unit=_("项")
    )


@chart("visits", requires=("services.Visit", "services.EnterpriseRequest"), order=40)
def visits(user, park, on: dt.date):
    visit = apps.get_model("services", "Visit")
    request = apps.get_model("services", "EnterpriseRequest")
    start = dt.date(on.year, 1, 1)
    visit_ids = visit.objects.filter(park_q("enterprises__park", park)).values("pk")
    visit_months = Counter(
        d.month
        for d in for_user(visit.objects.all(), user)
        .filter(pk__in=visit_ids, visited_on__gte=start, visited_on__lte=on)
        .values_list("visited_on", flat=True)
    )
    requests = for_user(request.objects.all(), user).filter(park_q("enterprise__park", park))
    request_months = Counter(
        d.month
        for d in requests.filter(raised_on__gte=start, raised_on__lte=on).values_list("raised_on", flat=True)
    )
    overdue = (
        requests.filter(raised_on__lte=on, due_on__lt=on)
        .filter(Q(resolved_on__isnull=True) | Q(resolved_on__gt=on))
        .exclude(status="returned")
        .count()
    )
    months = list(range(1, on.month + 1))
    month = _("%(month)s月")
    rows = [[month % {"month": m}, visit_months.get(m, 0), request_months.get(m, 0)] for m in months]
    return table_chart(
        "visits",
        _("%(year)s年走访与企业诉求（按月）") % {"year": on.year},
        "bar",
        [_("月份"), _("走访次数"), _("新收诉求")],
        rows,
        [{"column": 1}, {"column": 2}],
        unit=_("次/件"),
        note=_("截至统计日期超期未办结的诉求：%(count)s 件。") % {"count": overdue},
    )


@chart("projects", requires=("projects.Project",), order=50)
def projects(user, park, on: dt.date):
    rows = status_counts(user, park, "projects.Project")
    return counts_chart(
        "projects", _("科技计划项目（按状态）"), "pie", [_("状态"), _("项目数")], rows, unit=_("项")
    )


@chart("funds", requires=("funding.FundApplication.decided_on",), order=55)
def funds(user, park, on: dt.date):
    model = apps.get_model("funding", "FundApplication")
    years = range(on.year - 4, on.year + 1)
    approved = {
        y: for_user(model.objects.all(), user)
        .filter(
            park_q("enterprise__park", park),
            status__in=("approved", "paid"),
            decided_on__year=y,
            decided_on__lte=on,
        )
        .aggregate(total=Sum("approved_amount"))["total"]
        or Decimal(0)
        for y in years
    }
    subsidies = {y: Decimal(0) for y in years}
    try:
        award = apps.get_model("rnd", "SubsidyAward")
    except LookupError:
        award = None
    if award is not None:
        for y in years:
            subsidies[y] = for_user(award.objects.all(), user).filter(
                park_q("enterprise__park", park), awarded_on__year=y, awarded_on__lte=on
            ).aggregate(total=Sum("amount"))["total"] or Decimal(0)
    rows = [[y, wan(approved[y]), wan(subsidies[y]), wan(approved[y] + subsidies[y])] for y in years]
    return table_chart(
        "funds",
        _("争取资金（万元）"),
        "bar",
        [_("年度"), _("扶持资金批复(万元)"), _("研发投入补助(万元)"), _("合计(万元)")],
        rows,
        [
            {"column": 1, "name": _("扶持资金批复"), "stack": "funds"},
            {"column": 2, "name": _("研发投入补助"), "stack": "funds"},
        ],
        unit=_("万元"),
    )


@chart(
    "candidates",
    requires=("assessments.Assessment.assessed_on", "assessments.SchemeResult.standing"),
    order=25,
)
def candidates(user, park, on: dt.date):
    """Where the park's enterprises stand on each tier, by their latest assessment up to the date: the same
    results, counted the same way, as the candidates list (``assessments.selectors.candidate_counts``)."""
    from innoladder.assessments.selectors import candidate_counts

    result = apps.get_model("assessments", "SchemeResult")
    standings = [(v, str(label)) for v, label in result._meta.get_field("standing").choices]
    schemes = [(v, str(label)) for v, label in result._meta.get_field("scheme").choices]
    counts = candidate_counts(user, on=on, park=park)
    present = [(v, label) for v, label in schemes if any(counts.get((v, s), 0) for s, _label in standings)]
    rows = [[label, *[counts.get((v, s), 0) for s, _label in standings]] for v, label in present]
    return table_chart(
        "candidates",
        _("各层级候选企业（最近一次评估）"),
        "hbar",
        [_("资质层级"), *[label for _v, label in standings]],
        rows,
        [{"column": i, "stack": "standing"} for i in range(1, len(standings) + 1)],
        unit=_("家"),
        note=_(
            "按每家在园企业在统计日期前（含）最近一次评估的结果，与“候选企业”列表一致；“接近”即仅差一项条件。"
        ),
    )
