from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from innoladder.core import viewkit as vk

from . import files, selectors, services
from .choices import PROJECT_TRANSITIONS, ProjectStatus
from .filtersets import ProjectFilterSet
from .forms import MilestoneForm, ProjectForm, ReportForm, TransitionForm
from .tables import PROJECT_EXPORT, project_columns


class ProjectListView(vk.ObjectListView):
    select, filterset = selectors.project_list, ProjectFilterSet
    title = _("科技计划项目")
    create_url_name, export_url_name = "project_create", "project_export"
    ordering = ("title", "year", "approved_on")

    columns, filename, export_columns = project_columns, "科技计划项目.xlsx", PROJECT_EXPORT

    def export_rows(self, queryset):
        return queryset.prefetch_related("partners")


class ProjectDetailView(vk.ObjectDetailView):
    select = selectors.project_list
    template_name, context_object_name = "projects/project_detail.html", "project"

    def get_context(self, project):
        can_edit = self.may("change", project)
        transition_form = TransitionForm(initial={"version": project.version, "on": timezone.localdate()})
        allowed = PROJECT_TRANSITIONS.get(project.status, ())
        vk.offer_transitions(transition_form, ProjectStatus, allowed)
        return {
            "partners": project.partners.all(),
            "history": project.history.select_related("actor"),
            "milestones": project.milestones.all(),
            "reports": project.reports.select_related("uploaded_by"),
            "can_edit": can_edit,
            "can_transition": can_edit and bool(allowed),
            "transition_form": transition_form,
            "milestone_form": MilestoneForm(),
            "report_form": ReportForm(initial={"reported_on": timezone.localdate()}),
            "today": timezone.localdate(),
        }


class ProjectEditView(vk.ObjectEditView):
    select, form_class = selectors.project_list, ProjectForm
    create, update, instance_kwarg = services.project_create, services.project_update, "project"
    title_create, title_edit = _("登记科技计划项目"), _("编辑科技计划项目")
    created_message, updated_message = _("项目已登记。"), _("项目已更新。")
    list_url_name = "project_list"

    def data(self, form, obj):
        return {**form.cleaned_data, "partners": list(form.cleaned_data.get("partners") or [])}


class ProjectAction(vk.ObjectActionView):
    select, detail_view = selectors.project_list, ProjectDetailView


class ProjectTransitionView(vk.ObjectTransitionView, ProjectAction):
    form_class, transition, instance_kwarg = TransitionForm, services.project_transition, "project"
    invalid_message, success = _("请选择新的状态。"), _("项目状态已更新。")


class MilestoneAddView(ProjectAction):
    form_class = MilestoneForm
    invalid_message = _("请填写节点名称和截止日期。")

    def perform(self, project, form):
        services.milestone_create(user=self.request.user, project=project, **form.cleaned_data)


class ReportAddView(ProjectAction):
    form_class = ReportForm
    invalid_message = _("请填写报告日期和进展情况。")
    success = _("进展报告已上传。")

    def perform(self, project, form):
        services.report_create(
            user=self.request.user,
            project=project,
            reported_on=form.cleaned_data["reported_on"],
            summary=form.cleaned_data["summary"],
            upload=form.cleaned_data["attachment"],
        )


@vk.login_required
@require_POST
def milestone_done(request, pk):
    milestone = get_object_or_404(selectors.milestone_list(request.user, "change"), pk=pk)
    services.milestone_complete(user=request.user, milestone=milestone)
    return redirect(milestone.project)


@vk.login_required
def report_file(request, pk):
    report = selectors.report_get(request.user, pk)
    return vk.download(
        report.attachment,
        report.original_name or f"附件.{report.extension}",
        files.CONTENT_TYPES.get(report.extension, "application/octet-stream"),
    )
