from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import auditlog, jobs, selectors, xlsx
from .home import home_context


@login_required
def home(request):
    return render(request, "core/home.html", home_context(request.user))


@login_required
def job_detail(request, job_id):
    job = selectors.job_get(request.user, job_id)
    if job is None:
        raise Http404
    job = jobs.recover_if_dead(job)
    template = "core/_job_progress.html" if request.headers.get("HX-Request") else "core/job_detail.html"
    return render(request, template, {"job": job})


@login_required
def audit_list(request):
    if not selectors.may_read_audit_log(request.user):
        raise Http404
    form = auditlog.AuditFilterForm(request.GET)
    page = Paginator(selectors.audit_entry_list(request.user, form), 50).get_page(request.GET.get("page"))
    enterprise_id = form.cleaned_data.get("enterprise") if form.is_valid() else None
    entries = [
        {
            "entry": e,
            "role": auditlog.role_label(e.actor_role),
            "message": auditlog.message_label(e.message),
            "object_type": auditlog.object_type_label(e.object_type) if e.object_type else "",
            "changes": auditlog.readable_changes(e.object_type, e.changes, enterprise_id=enterprise_id),
        }
        for e in page.object_list
    ]
    auditlog.record_read(request.user, form, page=page.number, rows=page.paginator.count)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "core/audit_list.html",
        {"form": form, "page": page, "entries": entries, "query": query.urlencode()},
    )


@login_required
def audit_export(request):
    if not selectors.may_read_audit_log(request.user):
        raise Http404
    form = auditlog.AuditFilterForm(request.GET)
    qs = selectors.audit_entry_list(request.user, form)
    if not form.is_valid() or qs.count() > auditlog.EXPORT_LIMIT:
        messages.error(
            request,
            _("筛选条件有误，未导出。")
            if not form.is_valid()
            else _("符合条件的记录超过 %(limit)s 条，未导出：请缩小日期范围或增加筛选条件。")
            % {"limit": auditlog.EXPORT_LIMIT},
        )
        return redirect(f"{reverse('audit_list')}?{request.GET.urlencode()}")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return xlsx.export(
        f"审计日志-{stamp}.xlsx",
        "审计日志",
        auditlog.EXPORT_COLUMNS,
        qs.iterator(chunk_size=2000),
        user=request.user,
        filters=form.applied(),
        object_type="core.AuditEntry",
    )


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_500(request):
    return render(request, "500.html", status=500)
