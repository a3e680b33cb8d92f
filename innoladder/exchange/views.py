from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from innoladder.core import selectors as core_selectors
from innoladder.core.models import Job

from . import layout, selectors, services
from .imports import ROSTER


@login_required
def exchange_home(request):
    user = request.user
    return render(
        request,
        "exchange/home.html",
        {
            "counts": selectors.exchange_counts(user),
            "formats": services.FORMATS,
            "version": layout.VERSION,
            "exports": Job.objects.filter(kind=services.EXPORT_JOB, created_by=user)[:10],
            "roster": ROSTER if ROSTER.is_allowed(user) else None,
            "ttl_minutes": services.EXPORT_FILE_TTL_MINUTES,
        },
    )


@login_required
@require_POST
def export_start(request, fmt):
    try:
        job = services.export_start(user=request.user, fmt=fmt)
    except services.ExportRefused as exc:
        messages.error(request, str(exc))
        return redirect("exchange_home")
    return redirect("job_detail", job_id=job.pk)


@login_required
def export_download(request, job_id):
    job = core_selectors.job_get(request.user, job_id)
    path = services.export_file(job, request.user)
    if path is None:
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename=services.export_filename(job))
