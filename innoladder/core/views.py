from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from innoladder.accounts.choices import Role

from . import jobs, selectors
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
    if request.user.role not in (Role.ADMIN, Role.AUDITOR):
        raise Http404
    qs = selectors.audit_entries_for(request.user)
    event = request.GET.get("event", "")
    if event:
        qs = qs.filter(event_type=event)
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(actor_name__icontains=q) | qs.filter(object_repr__icontains=q)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    from .models import AuditEvent

    return render(
        request, "core/audit_list.html", {"page": page, "events": AuditEvent.choices, "event": event, "q": q}
    )


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_500(request):
    return render(request, "500.html", status=500)
