import datetime as dt
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from innoladder.core import jobs
from innoladder.core.services import StaleEditError, posted_version
from innoladder.enterprises.models import Region

from . import dashboards, exports, selectors, statistics
from .choices import Section
from .forms import PeriodForm, SectionEditForm
from .periods import presets, report_title
from .rendering import linked_sections
from .services import ReportError, final_sections, report_compare, report_edit_section, section_title


def bureau_required(view):
    """Reports are the bureau's: anyone who may read no park gets 404 (not 403), like any scoped page."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not selectors.parks_for(request.user).exists():
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _today():
    return timezone.localdate()


def _period_form(user, data=None, **kwargs) -> PeriodForm:
    return PeriodForm(data, parks=selectors.parks_for(user), regions=selectors.regions_for(user), **kwargs)


def _scope_context(user, scope) -> dict:
    """The scope list of a report page and the query string of its links (a park or a region)."""
    query = selectors.scope_query(scope) if scope is not None else ""
    return {
        "scope_query": query,
        "scope_value": query.replace("=", ":"),
        "scope_choices": selectors.scope_choices(user),
    }


@bureau_required
def reports_home(request):
    scope = selectors.default_scope(request.user, request.GET)
    today = _today()
    initial = {"start": dt.date(today.year, 1, 1), "end": today}
    form = _period_form(request.user, initial=initial)
    reports = selectors.report_list(request.user)[:50]
    return render(
        request,
        "reports/home.html",
        {
            "form": form,
            "park": scope,
            **_scope_context(request.user, scope),
            "reports": reports,
            "presets": presets(today),
            "can_generate": scope is not None and selectors.can_write(request.user, scope),
        },
    )


@require_POST
@bureau_required
def report_generate(request):
    form = _period_form(request.user, request.POST)
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, "；".join(error))
        return redirect("reports_home")
    park, start, end = form.cleaned_data["target"], form.cleaned_data["start"], form.cleaned_data["end"]
    if not selectors.can_write(request.user, park):
        raise Http404
    kind = "region" if isinstance(park, Region) else "park"
    job = jobs.enqueue(
        "reports.generate",
        title=f"生成{report_title(park, start, end)}",
        params={kind: park.pk, "start": start.isoformat(), "end": end.isoformat()},
        user=request.user,
    )
    return redirect("job_detail", job_id=job.pk)


@bureau_required
def report_detail(request, pk):
    report = selectors.report_get(request.user, pk)
    sections = linked_sections(report, final_sections(report))
    return render(
        request,
        "reports/report_detail.html",
        {"report": report, "sections": sections, "can_edit": selectors.can_write(request.user, report.scope)},
    )


@bureau_required
def report_edit(request, pk, section):
    report = selectors.report_get(request.user, pk)
    if section not in Section.values or not selectors.can_write(request.user, report.scope):
        raise Http404
    generated = next((s for s in report.sections if s["key"] == section), None)
    if generated is None:
        raise Http404
    edit = report.edits.filter(section=section).first()
    if request.method == "POST":
        form = SectionEditForm(request.POST)
        if form.is_valid():
            try:
                report_edit_section(
                    user=request.user,
                    report=report,
                    section=section,
                    text=form.cleaned_data["text"],
                    expected_version=posted_version(form.cleaned_data),
                )
            except (StaleEditError, ReportError) as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, "已保存修改稿；系统生成的原文保留不变。")
                return redirect(report)
    else:
        form = SectionEditForm(
            initial={
                "text": edit.text if edit else generated["text"],
                "version": edit.version if edit else 0,
            }
        )
    return render(
        request,
        "reports/report_edit.html",
        {
            "report": report,
            "section": {**generated, "title": section_title(generated)},
            "form": form,
            "edit": edit,
        },
    )


@bureau_required
def report_compare_view(request, pk):
    report = selectors.report_get(request.user, pk)
    comparison = report_compare(user=request.user, report=report)
    return render(request, "reports/report_compare.html", {"report": report, "comparison": comparison})


@bureau_required
def fact_rows(request, pk, key):
    report = selectors.report_get(request.user, pk)
    fact = selectors.fact_get(report, key)
    rows = exports.fact_row_dicts(request.user, fact)
    if request.GET.get("format") == "xlsx":
        return exports.fact_rows_xlsx(request.user, report, fact, rows)
    return render(
        request,
        "reports/fact_rows.html",
        {"report": report, "fact": fact.shown(), "rows": rows, "hidden": len(fact.row_ids) - len(rows)},
    )


@bureau_required
def report_docx(request, pk):
    report = selectors.report_get(request.user, pk)
    return exports.report_docx(request.user, report)


@bureau_required
def report_xlsx(request, pk):
    report = selectors.report_get(request.user, pk)
    return exports.report_xlsx(request.user, report)


def _park_and_date(request):
    """The scope (a park, or a region adding up its parks) and the reference date of a report page."""
    park = selectors.default_scope(request.user, request.GET)
    if park is None:
        raise Http404
    try:
        on = dt.date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        on = _today()
    return park, on


@bureau_required
def dashboard(request):
    park, on = _park_and_date(request)
    built = dashboards.build_all(request.user, park, on)
    return render(
        request,
        "reports/dashboard.html",
        {
            "park": park,
            "on": on,
            "charts": built,
            "chart_data": {c.key: c.echarts() for c in built},
            **_scope_context(request.user, park),
        },
    )


@bureau_required
def chart_xlsx(request, key):
    park, on = _park_and_date(request)
    chart = dashboards.build_one(request.user, park, on, key)
    if chart is None:
        raise Http404
    return exports.chart_xlsx(request.user, park, on, chart)


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = _today().year - 1
    return min(max(year, 2000), _today().year)


@bureau_required
def statistics_view(request):
    park, on = _park_and_date(request)
    year = _year(request)
    tables = statistics.all_tables(request.user, park, year)
    if request.GET.get("format") == "xlsx":
        return exports.tables_xlsx(request.user, park, year, tables)
    return render(
        request,
        "reports/statistics.html",
        {
            "park": park,
            "year": year,
            "tables": tables,
            "years": list(range(_today().year, _today().year - 8, -1)),
            **_scope_context(request.user, park),
        },
    )


@login_required
def enterprise_charts_xlsx(request, pk):
    """The figures behind the enterprise page's charts, for whoever may see that enterprise."""
    from innoladder.enterprises.selectors import enterprise_get

    from .enterprise_panels import enterprise_charts

    enterprise = enterprise_get(request.user, pk)
    return exports.enterprise_charts_xlsx(
        request.user, enterprise, enterprise_charts(request.user, enterprise)
    )
