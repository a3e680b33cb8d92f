from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from innoladder.core import audit, xlsx
from innoladder.core import viewkit as vk
from innoladder.core.models import AuditEvent
from innoladder.core.scoping import CHANGE, for_user
from innoladder.core.services import StaleEditError, posted_version
from innoladder.core.uploads import check_upload

from . import presenters, selectors, services
from .checks import Problem
from .choices import SubmissionStatus
from .fields import is_money, label
from .forms import CampaignForm, EvidenceForm, ReturnForm
from .models import Evidence


@login_required
def campaign_list(request):
    page = Paginator(selectors.campaign_list(request.user), 30).get_page(request.GET.get("page"))
    return render(
        request, "collection/campaign_list.html", {"page": page, "can_open": services.is_bureau(request.user)}
    )


@login_required
def campaign_create(request):
    if not services.is_bureau(request.user):
        raise Http404
    form = CampaignForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        campaign = services.campaign_open(user=request.user, **form.cleaned_data)
        messages.success(request, f"已发布填报任务，共 {campaign.submissions.count()} 家企业")
        return redirect(campaign)
    return render(request, "collection/campaign_form.html", {"form": form})


@login_required
def campaign_detail(request, pk):
    campaign = selectors.campaign_get(request.user, pk)
    today = timezone.localdate()
    context = {
        "campaign": campaign,
        "progress": selectors.campaign_progress(request.user, campaign),
        "rows": selectors.submission_list(request.user)
        .filter(campaign=campaign)
        .order_by("enterprise__name"),
        "late": selectors.late_submitters(request.user, campaign, today),
        "can_manage": services.is_bureau(request.user),
        "pending_import": campaign.import_rows.filter(applied_at__isnull=True).count(),
        "today": today,
    }
    return render(request, "collection/campaign_detail.html", context)


def _perform(request, obj, service, success: str, then=None, **kwargs):
    """A bureau action's service on a campaign or a submission: refusing the user is a 404; refusing the
    record, its messages and back to it; done, the `success` message (`{}`: the service's result) and back
    to the record, or to `then(result)`."""
    try:
        result = service(user=request.user, **kwargs)
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return redirect(obj)
    messages.success(request, success.format(result))
    return redirect(then(result) if then is not None else obj)


@login_required
@require_POST
def campaign_remind(request, pk):
    campaign = selectors.campaign_get(request.user, pk)
    return _perform(
        request,
        campaign,
        services.campaign_remind,
        "已发送 {} 条新提醒（已提醒过的不再重复发送）",
        campaign=campaign,
        today=timezone.localdate(),
    )


@login_required
@require_POST
def campaign_apply_import(request, pk):
    campaign = selectors.campaign_get(request.user, pk)
    return _perform(
        request,
        campaign,
        services.campaign_apply_import,
        "已由导入数据代填并提交 {} 家企业",
        campaign=campaign,
    )


@login_required
def campaign_export(request, pk):
    campaign = selectors.campaign_get(request.user, pk)
    rows = selectors.submission_list(request.user).filter(campaign=campaign).order_by("enterprise__name")
    columns = [
        xlsx.Column("企业名称", "enterprise.name", width=30),
        xlsx.Column("统一社会信用代码", "enterprise.uscc", width=22),
        xlsx.Column("状态", lambda s: s.get_status_display()),
        xlsx.Column(
            "提交时间", lambda s: s.submitted_at and timezone.localtime(s.submitted_at).date(), "date"
        ),
        xlsx.Column("代填", lambda s: "是" if s.on_behalf else ""),
    ]
    for field in campaign.fields:
        kind = "money_wan" if is_money(field) else "int"
        columns.append(xlsx.Column(label(field), lambda s, f=field: s.data.get(f) or None, kind))
    return xlsx.export(
        f"{campaign.title}.xlsx",
        "填报进度",
        columns,
        rows,
        user=request.user,
        filters={"campaign": campaign.pk},
        object_type="collection.Campaign",
    )


@login_required
def submission_detail(request, pk):
    submission = selectors.submission_get(request.user, pk)
    can_fill = (
        selectors.submission_list(request.user, CHANGE).filter(pk=pk).exists()
        and request.user.role != "auditor"
        and submission.status
        in (SubmissionStatus.NOT_STARTED, SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)
        and submission.campaign.status == "open"
    )
    raw = services.prefill(submission)
    errors, warnings = [], []
    if request.method == "POST":
        if not can_fill:
            raise Http404
        raw = {f: request.POST.get(f, "") for f in submission.campaign.fields}
        submit = "submit" in request.POST
        try:
            errors, warnings = services.submission_save(
                user=request.user,
                submission=submission,
                raw=raw,
                submit=submit,
                confirmed_warnings=request.POST.getlist("confirm"),
                declaration=bool(request.POST.get("declaration")),
                expected_version=posted_version(request.POST),
            )
        except StaleEditError as exc:
            errors = [Problem("stale", "", exc.message)]
        except ValidationError as exc:
            errors = [Problem("refused", "", m) for m in exc.messages]
        if not errors:
            messages.success(request, "已提交。数据待园区审核采纳后才用于评估" if submit else "草稿已保存")
            return redirect(submission)
    elif can_fill:
        _, _, warnings = services.evaluate(submission, raw)
    context = {
        "submission": submission,
        "can_fill": can_fill,
        "can_review": services.is_bureau(request.user) and submission.status == SubmissionStatus.SUBMITTED,
        "rows": services.form_rows(submission, raw, errors),
        "notice": presenters.adoption_notice(submission, own=services.speaks_for_enterprise(request.user)),
        "errors": [e for e in errors if not e.field],
        "warnings": warnings,
        "confirmed": set(request.POST.getlist("confirm")) | set(submission.confirmed_warnings),
        "events": submission.events.select_related("actor"),
        "evidence": submission.evidence.all(),
        "evidence_form": EvidenceForm(),
        "return_form": ReturnForm(),
    }
    return render(request, "collection/submission_detail.html", context)


@login_required
@require_POST
def submission_return(request, pk):
    submission = selectors.submission_get(request.user, pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, "退回时须填写退回意见")
        return redirect(submission)
    comment = form.cleaned_data["comment"]
    return _perform(
        request,
        submission,
        services.submission_return,
        "已退回企业修改",
        submission=submission,
        comment=comment,
    )


@login_required
@require_POST
def submission_accept(request, pk):
    submission = selectors.submission_get(request.user, pk)
    return _perform(
        request,
        submission,
        services.submission_accept,
        "已采纳，数据已写入企业年度数据，正在重新评估",
        then=lambda accepted: reverse("job_detail", kwargs={"job_id": accepted[1].pk}),
        submission=submission,
    )


@login_required
@require_POST
def evidence_upload(request, pk):
    submission = selectors.submission_get(request.user, pk, CHANGE)
    if request.user.role == "auditor":
        raise Http404
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            stored_name = check_upload(upload)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
            return redirect(submission)
        with transaction.atomic():
            original = upload.name
            upload.name = stored_name
            evidence = Evidence(
                submission=submission,
                file=upload,
                original_name=original[:200],
                description=form.cleaned_data["description"],
                uploaded_by=request.user,
            )
            evidence.save()
            audit.record(
                AuditEvent.CREATE,
                obj=evidence,
                user=request.user,
                enterprise_id=submission.enterprise_id,
                message=f"上传证明材料：{original}",
            )
        messages.success(request, "已上传")
    else:
        messages.error(request, "请选择文件")
    return redirect(submission)


@login_required
def evidence_download(request, pk):
    evidence = get_object_or_404(for_user(Evidence.objects.all(), request.user), pk=pk)
    response = vk.download(evidence.file, evidence.original_name)
    audit.record(
        AuditEvent.EXPORT,
        obj=evidence,
        user=request.user,
        enterprise_id=evidence.submission.enterprise_id,
        message=f"下载证明材料：{evidence.original_name}",
    )
    return response
