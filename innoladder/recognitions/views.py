"""Recognitions, batches and applications: parse input, call one selector or service, render."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from innoladder.accounts.choices import Role
from innoladder.accounts.models import ServiceAgency, User
from innoladder.core import viewkit as vk
from innoladder.core.parkscope import writable_parks
from innoladder.core.scoping import CHANGE, is_staff_role
from innoladder.core.services import StaleEditError, posted_version

from . import choices as c
from . import exports, forms, selectors, services
from .filtersets import ApplicationFilterSet, BatchFilterSet, RecognitionFilterSet
from .models import rules_by_scheme


def parse_date(value: str | None, default: dt.date | None = None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else default
    except ValueError:
        return default


def _int(value):
    try:
        return int(value) if value else None
    except ValueError:
        return None


def posted_next(request) -> str | None:
    """The posted `next` address to go back to, when it is on this site (else None)."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return None


def _named(stored, stem: str) -> str:
    """The download name of a stored file: `stem` with the stored file's extension ("bin" without one)."""
    suffix = stored.name.rsplit(".", 1)[-1] if "." in stored.name else "bin"
    return f"{stem}.{suffix}"


def _require_staff(user):
    if not is_staff_role(user):
        raise Http404


# --- Recognitions ----------------------------------------------------------------------------------


class ListView(vk.ObjectListView):
    """The recognitions lists, under the recognitions tabs: `?export=xlsx` (the link these pages carry)
    serves the list's sheet."""

    tabs_template = "recognitions/_tabs.html"

    def get(self, request, *args, **kwargs):
        self.exporting = request.GET.get("export") == "xlsx"
        return super().get(request, *args, **kwargs)

    def export_link(self, query: str) -> str:
        return f"?{query}&export=xlsx"


def status_badge(status: str) -> str:
    """A recognition's status today as its badge."""
    labels = dict(c.RecognitionStatus.choices)
    if status not in labels:
        return ""
    return render_to_string("recognitions/_status_badge.html", {"status": status, "label": labels[status]})


class RecognitionListView(ListView):
    """Each row shows its status today (noting a recognition renewed by a later one); the sheet writes it
    beside the row."""

    select, filterset = selectors.recognition_list, RecognitionFilterSet
    title, tab = _lazy("资质认定"), "recognitions"
    create_url_name, create_label = "recognition_create", _lazy("登记资质认定")
    shown_filters = ("q", "scheme", "status")
    filename, export_columns = "资质认定.xlsx", exports.RECOGNITION_COLUMNS

    @staticmethod
    def columns():
        today, rules = timezone.localdate(), rules_by_scheme()

        def status(rec):
            renewed = format_html(' <span class="small text-muted">{}</span>', _("已重新认定"))
            return format_html(
                "{}{}",
                status_badge(rec.status_on(today, rules[rec.scheme])),
                renewed if rec.has_renewal else "",
            )

        return [
            vk.link(_("企业"), lambda rec: rec.enterprise.name),
            vk.Col(_("认定类别"), lambda rec: rec.scheme_label),
            vk.Col(_("级别"), lambda rec: rec.get_level_display()),
            vk.Col(_("证书编号"), lambda rec: rec.number),
            vk.Col(_("发证日期"), lambda rec: vk.day(rec.issued_on)),
            vk.Col(_("有效期至"), lambda rec: vk.day(rec.valid_until)),
            vk.Col(_("状态"), status, css=lambda rec: "rec-status"),
        ]

    def may_create(self) -> bool:
        return is_staff_role(self.request.user)

    def filtered(self):
        queryset = super().filtered()
        return queryset if self.exporting else selectors.with_renewal_flag(queryset)

    def export_rows(self, queryset):
        today, rules = timezone.localdate(), rules_by_scheme()
        return [(rec, rec.status_on(today, rules[rec.scheme])) for rec in queryset]


@login_required
def recognition_detail(request, pk):
    rec = selectors.recognition_get(request.user, pk)
    today = timezone.localdate()
    can_change = selectors.recognition_list(request.user, CHANGE).filter(pk=pk).exists()
    context = {
        "rec": rec,
        "status": rec.status_on(today),
        "status_labels": dict(c.RecognitionStatus.choices),
        "reports": selectors.annual_reports(request.user, rec),
        "missed": services.missed_annual_reports(rec, today),
        "report_years": (
            services.rules.hnte_report_years(rec.issued_on, rec.valid_until)
            if rec.scheme == c.Scheme.HNTE and rec.valid_until
            else []
        ),
        "renewed_by": selectors.recognition_list(request.user).filter(renews=rec),
        "changes": selectors.change_events(request.user).filter(enterprise=rec.enterprise),
        "can_change": can_change,
        "is_staff": is_staff_role(request.user),
        "end_form": forms.EndForm(),
        "report_form": forms.AnnualReportForm(),
        "change_form": forms.ChangeEventForm(),
    }
    return render(request, "recognitions/recognition_detail.html", context)


def _recognition_form(request, instance=None):
    user = request.user
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    initial = {}
    if instance is None and _int(request.GET.get("enterprise")):
        initial["enterprise"] = _int(request.GET.get("enterprise"))
    return forms.RecognitionForm(data, files, instance=instance, initial=initial, user=user)


@login_required
def recognition_create(request):
    _require_staff(request.user)
    form = _recognition_form(request)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        certificate = data.pop("certificate_file")
        try:
            rec = services.recognition_create(user=request.user, certificate=certificate, **data)
        except ValidationError as exc:
            form.add_error(None, vk.error_text(exc))
        else:
            messages.success(request, _("资质认定已登记。"))
            return redirect(rec)
    return render(request, "viewkit/form.html", {"form": form, "title": _("登记资质认定"), "multipart": True})


@login_required
def recognition_edit(request, pk):
    _require_staff(request.user)
    rec = selectors.recognition_get(request.user, pk, CHANGE)
    version = rec.version
    form = _recognition_form(request, instance=rec)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        certificate = data.pop("certificate_file")
        try:
            services.recognition_update(
                user=request.user,
                recognition=rec,
                expected_version=posted_version(request.POST),
                certificate=certificate,
                **data,
            )
        except (StaleEditError, ValidationError) as exc:
            vk.put_errors(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect(rec)
    return render(
        request,
        "viewkit/form.html",
        {
            "form": form,
            "title": _("编辑资质认定：%(rec)s") % {"rec": rec},
            "multipart": True,
            "version": version,
        },
    )


class RecognitionAction(vk.ObjectActionView):
    select = selectors.recognition_list


class RecognitionEndView(RecognitionAction):
    form_class = forms.EndForm
    invalid_message, success = _lazy("请完整填写日期和原因。"), _lazy("已登记。")

    def form_kwargs(self, rec):
        _require_staff(self.request.user)
        return {}

    def perform(self, rec, form):
        services.recognition_end(user=self.request.user, recognition=rec, **form.cleaned_data)


class AnnualReportAddView(RecognitionAction):
    form_class = forms.AnnualReportForm
    invalid_message, success = _lazy("请填写报告年度和报送日期。"), _lazy("年报报送已登记。")

    def perform(self, rec, form):
        services.annual_report_record(user=self.request.user, recognition=rec, **form.cleaned_data)


class ChangeEventAddView(RecognitionAction):
    form_class = forms.ChangeEventForm
    invalid_message = _lazy("请填写变更类型和发生日期。")
    success = _lazy("变更事项已登记，须在3个月内报告。")

    def perform(self, rec, form):
        services.change_event_create(user=self.request.user, enterprise=rec.enterprise, **form.cleaned_data)


@login_required
@require_POST
def change_event_reported(request, pk):
    event = selectors.change_events(request.user, CHANGE).filter(pk=pk).first()
    if event is None:
        raise Http404
    services.change_event_report(user=request.user, event=event, reported_on=timezone.localdate())
    messages.success(request, _("已登记变更报告。"))
    return redirect(posted_next(request) or "recognition_list")


@login_required
def recognition_certificate(request, pk):
    rec = selectors.recognition_get(request.user, pk)
    return vk.download(
        rec.certificate, _named(rec.certificate, f"证书-{rec.number or rec.pk}"), rec.certificate_type
    )


# --- Batches ---------------------------------------------------------------------------------------


class BatchListView(ListView):
    select, filterset = selectors.batch_list, BatchFilterSet
    title, tab = _lazy("申报批次"), "batches"
    create_url_name, create_label = "batch_create", _lazy("新建申报批次")
    filename, export_columns = "申报批次.xlsx", exports.BATCH_COLUMNS

    @staticmethod
    def columns():
        return [
            vk.link(_("批次名称"), lambda b: b.name),
            vk.Col(_("认定类别"), lambda b: b.get_scheme_display()),
            vk.Col(_("级别"), lambda b: b.get_level_display()),
            vk.Col(_("年度"), lambda b: b.year),
            vk.Col(_("开始日期"), lambda b: vk.day(b.opens_on)),
            vk.Col(_("截止日期"), lambda b: vk.day(b.closes_on)),
            vk.Col(_("园区"), lambda b: b.park.name),
        ]

    def may_create(self) -> bool:
        user = self.request.user
        return is_staff_role(user) and user.role != Role.AUDITOR


@login_required
def batch_detail(request, pk):
    batch = selectors.batch_get(request.user, pk)
    applications = selectors.application_list(request.user).filter(batch=batch)
    return render(
        request,
        "recognitions/batch_detail.html",
        {
            "batch": batch,
            "applications": applications,
            "can_edit": selectors.batch_list(request.user, CHANGE).filter(pk=pk).exists(),
            # as application_create decides: someone with an enterprise they may apply for
            "can_apply": selectors.enterprise_choices(request.user).exists(),
        },
    )


@login_required
def batch_edit(request, pk=None):
    user = request.user
    batch = selectors.batch_get(user, pk, CHANGE) if pk else None
    parks = writable_parks(user)
    if not parks.exists():
        raise Http404
    version = batch.version if batch else None
    form = forms.BatchForm(request.POST or None, instance=batch, parks=parks)
    if request.method == "POST" and form.is_valid():
        try:
            if batch is None:
                batch = services.batch_create(user=user, **form.cleaned_data)
            else:
                services.batch_update(
                    user=user,
                    batch=batch,
                    expected_version=posted_version(request.POST),
                    **form.cleaned_data,
                )
        except (StaleEditError, ValidationError) as exc:
            vk.put_errors(form, exc)
        else:
            messages.success(request, _("申报批次已保存。"))
            return redirect(batch)
    title = _("编辑申报批次：%(batch)s") % {"batch": batch} if batch else _("新建申报批次")
    return render(request, "viewkit/form.html", {"form": form, "title": title, "version": version})


# --- Applications ----------------------------------------------------------------------------------


class ApplicationListView(ListView):
    select, filterset = selectors.application_list, ApplicationFilterSet
    title, tab = _lazy("申报"), "applications"
    creatable = staticmethod(selectors.enterprise_choices)
    create_url_name, create_label = "application_create", _lazy("登记申报")
    shown_filters = ("q", "status", "scheme")
    filename, export_columns = "申报.xlsx", exports.APPLICATION_COLUMNS

    @staticmethod
    def columns():
        return [
            vk.link(_("企业"), lambda a: a.enterprise.name),
            vk.Col(_("申报批次"), lambda a: a.batch.name),
            vk.Col(_("申报类型"), lambda a: a.get_kind_display()),
            vk.Col(_("状态"), lambda a: a.get_status_display()),
            vk.Col(_("登记日期"), lambda a: vk.day(a.started_on)),
            vk.Col(_("负责干部"), lambda a: a.officer or ""),
            vk.Col(_("服务机构"), lambda a: a.agency.name if a.agency else ""),
        ]


@login_required
def application_create(request):
    user = request.user
    if not selectors.enterprise_choices(user).exists():
        raise Http404
    initial = {}
    for key in ("enterprise", "batch", "renews"):
        if _int(request.GET.get(key)):
            initial[key] = _int(request.GET.get(key))
    if "renews" in initial:
        initial["kind"] = c.ApplicationKind.RENEWAL
    officers = User.objects.filter(role__in=(Role.OFFICER, Role.ADMIN), is_active=True)
    if user.role != Role.ADMIN:
        officers = officers.filter(parks__in=selectors.park_list(user)).distinct()
    form = forms.ApplicationForm(
        request.POST or None,
        initial=initial,
        user=user,
        officers=officers,
        agencies=ServiceAgency.objects.all()
        if is_staff_role(user)
        else ServiceAgency.objects.filter(pk=user.agency_id),
    )
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_create(user=user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, vk.error_text(exc))
        else:
            messages.success(request, _("申报已登记（意向）。"))
            return redirect(application)
    return render(request, "viewkit/form.html", {"form": form, "title": _("登记申报")})


@login_required
def application_detail(request, pk):
    user = request.user
    application = selectors.application_get(user, pk)
    can_change = selectors.application_list(user, CHANGE).filter(pk=pk).exists()
    targets = services.allowed_targets(application, user) if can_change else []
    edit_form = forms.ApplicationEditForm(instance=application)
    if request.method == "POST" and can_change:
        edit_form = forms.ApplicationEditForm(request.POST, instance=application)
        if edit_form.is_valid():
            try:
                services.application_update(
                    user=user,
                    application=application,
                    expected_version=posted_version(request.POST),
                    **edit_form.cleaned_data,
                )
                messages.success(request, _("已保存。"))
                return redirect(application)
            except StaleEditError as exc:
                edit_form.add_error(None, exc.message)
    elif request.method == "POST":
        raise Http404
    return render(
        request,
        "recognitions/application_detail.html",
        {
            "app": application,
            "transitions": selectors.transition_list(user, application),
            "documents": application.documents.all(),
            "can_change": can_change and application.status not in c.FINAL_STATUSES,
            "targets": targets,
            "transition_form": forms.TransitionForm(targets=targets, initial={"on": timezone.localdate()}),
            "document_form": forms.DocumentForm(),
            "edit_form": edit_form,
        },
    )


class ApplicationAction(vk.ObjectActionView):
    select = selectors.application_list


class ApplicationTransitionView(ApplicationAction):
    form_class = forms.TransitionForm
    invalid_message = _lazy("请选择要变更的状态。")

    def form_kwargs(self, application):
        return {"targets": c.ApplicationStatus.values}

    def perform(self, application, form):
        data = dict(form.cleaned_data)
        services.application_transition(user=self.request.user, application=application, **data)
        self.success = f"状态已变更为“{c.ApplicationStatus(data['to_status']).label}”。"


class ApplicationDocumentUploadView(ApplicationAction):
    form_class = forms.DocumentForm
    invalid_message, success = _lazy("请选择要上传的文件。"), _lazy("材料已上传。")

    def perform(self, application, form):
        data = form.cleaned_data
        services.application_document_add(
            user=self.request.user,
            application=application,
            uploaded=data["file"],
            title=data["title"],
            kind=data["kind"],
        )


@login_required
def document_download(request, pk):
    document = selectors.document_get(request.user, pk)
    return vk.download(document.file, _named(document.file, document.title), document.content_type)
