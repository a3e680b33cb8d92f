from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innoladder.core.services import MissingVersionError, StaleEditError, posted_version
from innoladder.core.xlsx import Column
from innoladder.services import crud
from innoladder.services.crud import Col
from innoladder.services.templatetags.service_tags import wan

from . import files, selectors, services
from .choices import PROJECT_TRANSITIONS
from .forms import MilestoneForm, ProjectFilterForm, ProjectForm, ReportForm, TransitionForm
from .models import Project


def _partners(project) -> str:
    names = [e.name for e in project.partners.all()]
    if project.partner_institutions:
        names.append(project.partner_institutions)
    return "、".join(names)


def _filtered(request):
    form = ProjectFilterForm(request.GET or None)
    qs = selectors.project_list(request.user)
    if form.is_valid():
        qs = selectors.filter_projects(qs, **form.cleaned_data)
    return form, qs


@login_required
def project_list(request):
    form, qs = _filtered(request)
    columns = [
        Col(_("项目名称"), lambda p: p.title, lambda p: p.get_absolute_url()),
        Col(_("承担企业"), lambda p: p.enterprise.name),
        Col(_("计划类别"), lambda p: p.programme),
        Col(_("级别"), lambda p: p.get_level_display()),
        Col(_("年度/批次"), lambda p: f"{p.year} {p.batch}"),
        Col(_("财政资助(万元)"), lambda p: wan(p.government_funding)),
        Col(_("立项日期"), lambda p: p.approved_on),
        Col(_("状态"), lambda p: p.get_status_display()),
    ]
    return crud.list_page(
        request,
        title=_("科技计划项目"),
        queryset=qs,
        columns=columns,
        form=form,
        create_url=reverse("project_create"),
        export_url=reverse("project_export"),
    )


@login_required
def project_export(request):
    form, qs = _filtered(request)
    columns = [
        Column("项目名称", "title", width=40),
        Column("项目编号", "number"),
        Column("承担企业", "enterprise.name", width=30),
        Column("合作单位", _partners, width=30),
        Column("计划类别", "programme"),
        Column("级别", lambda p: p.get_level_display()),
        Column("年度", "year", "int", 8),
        Column("批次", "batch"),
        Column("财政资助", "government_funding", "money_wan"),
        Column("自筹资金", "self_raised", "money_wan"),
        Column("开始日期", "starts_on", "date", 12),
        Column("结束日期", "ends_on", "date", 12),
        Column("立项日期", "approved_on", "date", 12),
        Column("状态", lambda p: p.get_status_display()),
    ]
    return crud.export_response(
        request,
        filename="科技计划项目.xlsx",
        title="科技计划项目",
        columns=columns,
        rows=qs.prefetch_related("partners"),
        form=form,
        model=Project,
    )


@login_required
def project_detail(request, pk, error=""):
    project = selectors.project_get(request.user, pk)
    can_edit = selectors.project_list(request.user, "change").filter(pk=project.pk).exists()
    transition_form = TransitionForm(initial={"version": project.version, "on": timezone.localdate()})
    allowed = PROJECT_TRANSITIONS.get(project.status, ())
    transition_form.fields["to_status"].choices = [(s.value, s.label) for s in allowed]
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "partners": project.partners.all(),
            "history": project.history.select_related("actor"),
            "milestones": project.milestones.all(),
            "reports": project.reports.select_related("uploaded_by"),
            "can_edit": can_edit,
            "can_transition": can_edit and bool(allowed),
            "transition_form": transition_form,
            "milestone_form": MilestoneForm(),
            "report_form": ReportForm(initial={"reported_on": timezone.localdate()}),
            "error": error,
            "today": timezone.localdate(),
        },
    )


def _fields(form) -> dict:
    data = dict(form.cleaned_data)
    data["partners"] = list(data.get("partners") or [])
    return data


@login_required
def project_create(request):
    crud.require_writer(request.user)
    form = ProjectForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(user=request.user, **_fields(form))
        except ValidationError as exc:
            form.add_error(None, crud.error_text(exc))
        else:
            messages.success(request, _("项目已登记。"))
            return redirect(project)
    return crud.form_page(request, title=_("登记科技计划项目"), form=form, back_url=reverse("project_list"))


@login_required
def project_edit(request, pk):
    project = selectors.project_get(request.user, pk, "change")
    version = project.version
    form = ProjectForm(request.POST or None, instance=project, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(
                project=project,
                user=request.user,
                expected_version=posted_version(request.POST),
                **_fields(form),
            )
        except StaleEditError as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            form.add_error(None, crud.error_text(exc))
        else:
            messages.success(request, _("项目已更新。"))
            return redirect(project)
    return crud.form_page(
        request, title=_("编辑科技计划项目"), form=form, back_url=project.get_absolute_url(), version=version
    )


@login_required
@require_POST
def project_transition(request, pk):
    project = selectors.project_get(request.user, pk, "change")
    form = TransitionForm(request.POST)
    if not form.is_valid():
        if "version" in form.errors:
            return project_detail(request, pk, error=MissingVersionError().message)
        return project_detail(request, pk, error=_("请选择新的状态。"))
    try:
        services.project_transition(
            project=project,
            user=request.user,
            to_status=form.cleaned_data["to_status"],
            on=form.cleaned_data["on"],
            comment=form.cleaned_data["comment"],
            expected_version=form.cleaned_data["version"],
        )
    except StaleEditError as exc:
        return project_detail(request, pk, error=exc.message)
    except ValidationError as exc:
        return project_detail(request, pk, error=crud.error_text(exc))
    messages.success(request, _("项目状态已更新。"))
    return redirect(project)


@login_required
@require_POST
def milestone_add(request, pk):
    project = selectors.project_get(request.user, pk, "change")
    form = MilestoneForm(request.POST)
    if not form.is_valid():
        return project_detail(request, pk, error=_("请填写节点名称和截止日期。"))
    services.milestone_create(user=request.user, project=project, **form.cleaned_data)
    return redirect(project)


@login_required
@require_POST
def milestone_done(request, pk):
    milestone = get_object_or_404(selectors.milestone_list(request.user, "change"), pk=pk)
    services.milestone_complete(user=request.user, milestone=milestone)
    return redirect(milestone.project)


@login_required
@require_POST
def report_add(request, pk):
    project = selectors.project_get(request.user, pk, "change")
    form = ReportForm(request.POST, request.FILES)
    if not form.is_valid():
        return project_detail(request, pk, error=_("请填写报告日期和进展情况。"))
    try:
        services.report_create(
            user=request.user,
            project=project,
            reported_on=form.cleaned_data["reported_on"],
            summary=form.cleaned_data["summary"],
            upload=form.cleaned_data["attachment"],
        )
    except ValidationError as exc:
        return project_detail(request, pk, error=crud.error_text(exc))
    messages.success(request, _("进展报告已上传。"))
    return redirect(project)


@login_required
def report_file(request, pk):
    report = selectors.report_get(request.user, pk)
    if not report.attachment:
        raise Http404
    response = FileResponse(
        report.attachment.open("rb"),
        as_attachment=True,
        filename=report.original_name or f"附件.{report.extension}",
        content_type=files.CONTENT_TYPES.get(report.extension, "application/octet-stream"),
    )
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
