"""Obligations calendar, notification centre and the pipeline page."""

import calendar
import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_POST

from innoladder.accounts.choices import Role
from innoladder.core import jobs, xlsx
from innoladder.core import obligations as core_obligations
from innoladder.enterprises.selectors import region_list

from . import choices as c
from . import exports, pipeline, selectors, services
from .views import _int, parse_date, posted_next

KIND_LABELS = {
    "hnte_expiry": gettext_lazy("高企到期"),
    "hnte_rerecognition": gettext_lazy("高企重新认定"),
    "hnte_annual_report": gettext_lazy("高企年报"),
    "change_report": gettext_lazy("变更报告"),
    "tsme_annual_update": gettext_lazy("科技型中小企业年度更新"),
    "review": gettext_lazy("复核"),
    "expiry": gettext_lazy("资质到期"),
    "batch_deadline": gettext_lazy("申报截止"),
    "project_milestone": gettext_lazy("项目节点"),
}
OTHER_KIND = gettext_lazy("其他事项")


def _month_grid(year: int, month: int, items) -> list[list[dict]]:
    by_day: dict[dt.date, list] = {}
    for item in items:
        by_day.setdefault(item.due_on, []).append(item)
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append([{"day": d, "in_month": d.month == month, "items": by_day.get(d, [])} for d in week])
    return weeks


@login_required
def obligation_list(request):
    today = timezone.localdate()
    view = request.GET.get("view", "list")
    month_param = request.GET.get("month", "")
    if view == "month":
        try:
            year, month = (
                (int(p) for p in month_param.split("-")) if month_param else (today.year, today.month)
            )
            start = dt.date(year, month, 1)
        except ValueError:
            year, month, start = today.year, today.month, dt.date(today.year, today.month, 1)
        end = dt.date(year, month, calendar.monthrange(year, month)[1])
    else:
        start = parse_date(request.GET.get("start"), today - dt.timedelta(days=30))
        end = parse_date(request.GET.get("end"), today + dt.timedelta(days=180))
    items = core_obligations.gather(request.user, start, end)
    enterprise_id = _int(request.GET.get("enterprise"))
    kind = request.GET.get("kind", "")
    if enterprise_id:
        items = [i for i in items if i.enterprise_id == enterprise_id]
    if kind:
        items = [i for i in items if i.kind == kind]
    filters = {"start": start.isoformat(), "end": end.isoformat(), "enterprise": enterprise_id, "kind": kind}
    if request.GET.get("export") == "xlsx":
        return xlsx.export(
            "保存量事项.xlsx",
            "保存量事项",
            exports.OBLIGATION_COLUMNS,
            items,
            user=request.user,
            filters=filters,
            object_type="obligations",
        )
    rows = [
        {"item": i, "days": (i.due_on - today).days, "kind_label": KIND_LABELS.get(i.kind, OTHER_KIND)}
        for i in items
    ]
    context = {
        "rows": rows,
        "start": start,
        "end": end,
        "today": today,
        "view": view,
        "kind": kind,
        "enterprise_id": enterprise_id or "",
        "kinds": sorted(
            {(i.kind, KIND_LABELS.get(i.kind, OTHER_KIND)) for i in items} | set(KIND_LABELS.items())
        ),
        "query": request.GET.urlencode(),
        "can_send": request.user.role in (Role.ADMIN, Role.OFFICER),
    }
    if view == "month":
        prev_month = (start - dt.timedelta(days=1)).strftime("%Y-%m")
        next_month = (end + dt.timedelta(days=1)).strftime("%Y-%m")
        context.update(
            weeks=_month_grid(start.year, start.month, items),
            month_label=f"{start.year}年{start.month}月",
            prev_month=prev_month,
            next_month=next_month,
        )
    return render(request, "recognitions/obligation_list.html", context)


@login_required
@require_POST
def reminders_send(request):
    """Run the reminder pass now as a background job (the workers also run it daily, core.schedule)."""
    if request.user.role not in (Role.ADMIN, Role.OFFICER):
        raise Http404
    job = jobs.enqueue(
        "recognitions_send_reminders",
        title="发送保存量到期提醒",
        params={"today": timezone.localdate().isoformat()},
        user=request.user,
    )
    return redirect("job_detail", job_id=job.pk)


@login_required
def notification_list(request):
    qs = selectors.notification_list(request.user)
    if request.GET.get("unread"):
        qs = qs.filter(read_at__isnull=True)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "recognitions/notification_list.html",
        {"page": page, "unread_only": bool(request.GET.get("unread"))},
    )


@login_required
@require_POST
def notification_read(request, pk=None):
    changed = services.notification_mark_read(user=request.user, pk=pk)
    if (
        pk is not None
        and not changed
        and not selectors.notification_list(request.user).filter(pk=pk).exists()
    ):
        raise Http404
    target = posted_next(request)
    if target:
        return redirect(target)
    if pk is None:
        messages.success(request, f"已将 {changed} 条通知标为已读。")
    return redirect("notification_list")


def _require_bureau(user):
    if user.role not in (Role.ADMIN, Role.OFFICER, Role.AUDITOR, Role.REGIONAL):
        raise Http404


def _scope(request) -> tuple[int | list[int] | None, dict]:
    """The park (`park=<id>`) or the region (`region=<id>`: the ids of its parks) the pipeline counts, or
    None for every park the user sees; and the query naming it. `scope=park:<id>|region:<id>` too."""
    kind, _, value = (request.GET.get("scope") or "").partition(":")
    params = {kind: value} if kind in ("park", "region") else request.GET
    region_id = _int(params.get("region"))
    if region_id:
        region = region_list(request.user).filter(pk=region_id).first()
        if region is None:
            raise Http404
        return list(region.park_ids), {"region": region_id}
    park_id = _int(params.get("park"))
    if park_id and not selectors.park_list(request.user).filter(pk=park_id).exists():
        raise Http404
    return (park_id, {"park": park_id}) if park_id else (None, {})


def _scope_choices(user) -> list[tuple[str, list[tuple[str, str]]]]:
    """The regions (their parks added up), then the parks, the user may count; empty with one park only."""
    regions = [(f"region:{r.pk}", r.name) for r in region_list(user).order_by("division_code")]
    parks = [(f"park:{p.pk}", p.name) for p in selectors.park_list(user)]
    if not regions and len(parks) < 2:
        return []
    return ([(gettext("区域（各园区合计）"), regions)] if regions else []) + [(gettext("园区"), parks)]


def _period(request) -> tuple[pipeline.Period, int | list[int] | None]:
    today = parse_date(request.GET.get("today"), timezone.localdate())
    start = parse_date(request.GET.get("start"), dt.date(today.year, 1, 1))
    end = parse_date(request.GET.get("end"), today)
    park_id, _query = _scope(request)
    return pipeline.Period(today=today, start=start, end=end), park_id


@login_required
def pipeline_view(request):
    _require_bureau(request.user)
    period, park_id = _period(request)
    base = {
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "today": period.today.isoformat(),
    }
    scope_query = _scope(request)[1]
    base.update(scope_query)
    list_url = reverse("pipeline_list")

    def link(**extra):
        return f"{list_url}?{urlencode({**base, **extra})}"

    tiers = pipeline.tier_rows(request.user, period, park_id)
    for row in tiers:
        row["links"] = {m: link(scheme=row["scheme"], measure=m) for m in row["counts"]}
    pools = pipeline.pool_rows(request.user, period, park_id)
    for row in pools:
        row["links"] = {m: link(pool=row["pool"], measure=m) for m in row["counts"]}
    return render(
        request,
        "recognitions/pipeline.html",
        {
            "tiers": tiers,
            "pools": pools,
            "period": period,
            "scope_choices": _scope_choices(request.user),
            "scope_value": next((f"{k}:{v}" for k, v in scope_query.items()), ""),
            "labels": pipeline.MEASURE_LABELS,
        },
    )


@login_required
def pipeline_list(request):
    _require_bureau(request.user)
    period, park_id = _period(request)
    measure = request.GET.get("measure", "")
    scheme = request.GET.get("scheme") or None
    pool = request.GET.get("pool") or None
    if measure not in pipeline.MEASURE_LABELS or (scheme and scheme not in c.Scheme.values):
        raise Http404
    qs = pipeline.measure_queryset(
        request.user, measure=measure, scheme=scheme, period=period, park_id=park_id, pool=pool
    )
    model = qs.model.__name__
    columns = {
        "Recognition": exports.PIPELINE_RECOGNITION_COLUMNS,
        "Application": exports.PIPELINE_APPLICATION_COLUMNS,
        "Enterprise": exports.PIPELINE_ENTERPRISE_COLUMNS,
    }[model]
    title = gettext("%(scheme)s%(measure)s") % {
        "scheme": c.Scheme(scheme).label if scheme else "",
        "measure": pipeline.MEASURE_LABELS[measure],
    }
    if request.GET.get("export") == "xlsx":
        return xlsx.export(
            "梯度培育明细.xlsx",
            title[:31],
            columns,
            qs,
            user=request.user,
            filters=dict(request.GET.items()),
            object_type="pipeline",
        )
    return render(
        request,
        "recognitions/pipeline_list.html",
        {"rows": qs, "model": model, "title": title, "period": period, "query": request.GET.urlencode()},
    )
