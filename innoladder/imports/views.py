from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innoladder.core.scoping import CHANGE
from innoladder.core.xlsx import xlsx_response

from . import registry, selectors, services, workbooks
from .forms import CommitForm, UploadForm

PREVIEW_ERRORS = 200
PREVIEW_ROW_NOTES = 5000  # a published 名单 has hundreds of rows; every row's outcome is shown


def _dataset_or_404(user, key):
    dataset = registry.get(key)
    if dataset is None or not dataset.is_allowed(user):
        raise Http404
    return dataset


@login_required
def import_home(request):
    page = Paginator(selectors.batch_list(request.user), 30).get_page(request.GET.get("page"))
    for batch in page:
        services.batch_sync_status(batch)
    return render(request, "imports/home.html", {"datasets": registry.for_user(request.user), "page": page})


@login_required
def dataset_template(request, key):
    dataset = _dataset_or_404(request.user, key)
    return xlsx_response(f"{dataset.title}导入模板.xlsx", workbooks.template_bytes(dataset))


@login_required
def dataset_upload(request, key):
    dataset = _dataset_or_404(request.user, key)
    form = UploadForm(request.POST or None, request.FILES or None)
    options_form = None
    if dataset.options_form is not None:
        data = request.POST if request.method == "POST" else None
        options_form = dataset.options_form(data, user=request.user, prefix="opt")
    if request.method == "POST" and form.is_valid() and not services.uploads_left(request.user):
        form.add_error(
            "file",
            _("上传过于频繁：每小时最多上传 %(n)s 个文件，请稍后再试。")
            % {"n": services.MAX_UPLOADS_PER_HOUR},
        )
    options_valid = options_form is None or options_form.is_valid()
    if request.method == "POST" and form.is_valid() and options_valid:
        upload = form.cleaned_data["file"]
        batch = services.batch_preview(
            dataset=dataset,
            data=upload.read(),
            file_name=upload.name,
            user=request.user,
            options=options_form.options() if options_form is not None else None,
        )
        return redirect(batch)
    return render(
        request, "imports/upload.html", {"dataset": dataset, "form": form, "options_form": options_form}
    )


@login_required
def batch_detail(request, pk):
    batch = services.batch_sync_status(selectors.batch_get(request.user, pk))
    return render(
        request,
        "imports/batch_detail.html",
        {
            "batch": batch,
            "errors": batch.errors[:PREVIEW_ERRORS],
            "more_errors": max(0, len(batch.errors) - PREVIEW_ERRORS),
            "row_notes": batch.row_notes[:PREVIEW_ROW_NOTES],
            "more_row_notes": max(0, len(batch.row_notes) - PREVIEW_ROW_NOTES),
            "can_commit": batch.can_commit and batch.created_by_id == request.user.pk,
            "form": CommitForm(),
            "file_ttl_minutes": settings.IMPORT_FILE_TTL_MINUTES,
        },
    )


@login_required
@require_POST
def batch_commit(request, pk):
    batch = selectors.batch_get(request.user, pk, CHANGE)
    form = CommitForm(request.POST)
    form.is_valid()
    try:
        job = services.batch_commit(
            batch=batch,
            user=request.user,
            confirm_duplicate=form.cleaned_data.get("confirm_duplicate", False),
        )
    except services.ImportRefused as exc:
        messages.error(request, str(exc))
        return redirect(batch)
    return redirect("job_detail", job_id=job.pk)


@login_required
def batch_errors(request, pk):
    batch = selectors.batch_get(request.user, pk)
    if not batch.errors or not batch.stored_name:
        raise Http404
    content = services.batch_error_report(batch=batch)
    return xlsx_response(f"{batch.dataset_title}导入错误报告.xlsx", content)
