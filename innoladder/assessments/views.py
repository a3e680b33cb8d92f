from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST

from innoladder import eligibility as e
from innoladder.core import jobs
from innoladder.core import viewkit as vk
from innoladder.core.scoping import CHANGE, VIEW, for_user
from innoladder.core.xlsx import export
from innoladder.enterprises.selectors import enterprise_get, region_list

from . import choices as c
from . import exports, presenters, selectors, services
from .calculator import CalculatorForm, limits
from .forms import BatchForm, CandidateFilterForm, DataYearForm
from .serialize import held, result_dict, standing_of


def panel_context(request, enterprise) -> dict:
    assessment = selectors.latest_assessment(request.user, enterprise)
    context = presenters.assessment_context(assessment) if assessment is not None else {"assessment": None}
    may_run = for_user(type(enterprise).objects.filter(pk=enterprise.pk), request.user, CHANGE).exists()
    return {**context, "enterprise": enterprise, "may_run": may_run}


@login_required
def enterprise_assessment(request, pk):
    enterprise = enterprise_get(request.user, pk, VIEW)
    context = panel_context(request, enterprise)
    context["history"] = selectors.assessment_history(request.user, enterprise)[:20]
    return render(request, "assessments/enterprise_assessment.html", context)


@login_required
@require_POST
def assessment_run(request, pk):
    """Run the assessment today; with ``data_year`` (the offered latest year with data), on that year."""
    enterprise = enterprise_get(request.user, pk, CHANGE)
    choice = DataYearForm(request.POST)
    error = None
    if not choice.is_valid():
        error = choice.error_text()
    else:
        try:
            services.assess_enterprise(
                user=request.user,
                enterprise=enterprise,
                on=timezone.localdate(),
                data_year=choice.cleaned_data["data_year"],
            )
        except services.DataYearChoiceError as failure:
            error = f"未评估：{failure}。"
    if request.headers.get("HX-Request"):
        return render(
            request, "assessments/_panel.html", {**panel_context(request, enterprise), "run_error": error}
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, "评估已完成。")
    return redirect("enterprise_assessment", pk=enterprise.pk)


@login_required
def assessment_detail(request, pk):
    assessment = selectors.assessment_get(request.user, pk)
    return render(request, "assessments/assessment_detail.html", presenters.assessment_context(assessment))


def _candidate_form(request) -> tuple[CandidateFilterForm, dict]:
    if not selectors.may_see_candidates(request.user):
        raise Http404
    form = CandidateFilterForm(
        request.GET or None,
        parks=selectors.parks_for(request.user),
        regions=region_list(request.user),
        default_scheme=selectors.DEFAULT_SCHEME,
    )
    return form, form.filters()


@login_required
def candidate_list(request):
    form, filters = _candidate_form(request)
    rows = selectors.candidate_list(request.user, filters)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "assessments/candidate_list.html",
        {
            "form": form,
            "errors": form.error_texts(),
            "page": page,
            "filters": filters,
            "scheme_name": c.SCHEME_NAMES[filters["scheme"]],
            "rank_limit": selectors.RANK_LIMIT,
            "as_of": filters.get("as_of") or timezone.localdate(),
            "query": vk.querystring(request),
            "may_run_batch": selectors.may_run_batch(request.user),
            "batch_form": BatchForm(initial={"on": timezone.localdate()}),
        },
    )


@login_required
def candidate_export(request):
    form, filters = _candidate_form(request)
    rows = selectors.candidate_list(request.user, filters)
    return export(
        f"候选企业_{c.SCHEME_NAMES[filters['scheme']]}.xlsx",
        "候选企业",
        exports.CANDIDATE_COLUMNS,
        rows,
        user=request.user,
        filters={key: str(value) for key, value in filters.items()},
        object_type="assessments.SchemeResult",
    )


@login_required
@require_POST
def batch_run(request):
    if not selectors.may_run_batch(request.user):
        raise Http404
    form, filters = _candidate_form(request)
    batch = BatchForm(request.POST)
    if not batch.is_valid():
        messages.error(request, "请填写正确的评估基准日。")
        return redirect("candidate_list")
    count = selectors.batch_enterprises(request.user, filters).count()
    job = jobs.enqueue(
        "assess_batch",
        title=f"批量评估 {count} 家企业（基准日 {batch.cleaned_data['on'].isoformat()}）",
        params={**filters, "on": batch.cleaned_data["on"].isoformat()},
        user=request.user,
    )
    return redirect("job_detail", job_id=job.pk)


@csrf_protect
def calculator(request):
    """Public self-assessment: evaluates the typed figures in memory and stores nothing."""
    on = timezone.localdate()
    form = CalculatorForm(request.POST if request.method == "POST" else None, on=on)
    blocks = []
    plan = None
    if request.method == "POST" and form.is_valid():
        facts = form.facts()
        results = e.assess(facts, on)
        for result in results:
            data = result_dict(result)
            standing, met, total, _ = standing_of(data, held(facts, result.ruleset_id, on))
            blocks.append(presenters.scheme_block(data, standing, (met, total)))
        plan = e.next_step_plan(facts, results, on)
    return render(
        request,
        "assessments/calculator.html",
        {
            "form": form,
            "blocks": blocks,
            "ladders": presenters.ladders(blocks),
            "plan": plan,
            "on": on,
            "limits": limits(on),
        },
    )
