import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innoladder.core import audit
from innoladder.core.models import AuditEvent
from innoladder.core.scoping import VIEW, enterprise_q
from innoladder.core.services import StaleEditError, posted_version
from innoladder.core.xlsx import export
from innoladder.enterprises.choices import TechField
from innoladder.funding.parkscope import writable_parks
from innoladder.funding.viewkit import filters_of, get_int, page_of, querystring

from . import choices as c
from . import exports, selectors, services
from .forms import CampaignForm, EnrolForm, PolicyForm, ReachForm, TrainingForm


def _save(form, save):
    try:
        return save()
    except StaleEditError as exc:
        form.add_error(None, exc.message)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc.messages)
    return None


def _form_page(request, form, title, cancel_url, version=None):
    return render(
        request,
        "funding/form.html",
        {"form": form, "title": title, "cancel_url": cancel_url, "version": version},
    )


# --- Policies ------------------------------------------------------------------------------------


def _filtered_policies(request):
    f = filters_of(request, ("q", "level", "tag", "current"))
    qs = selectors.policy_list(request.user)
    if f["q"]:
        qs = qs.filter(
            Q(title__icontains=f["q"]) | Q(document_number__icontains=f["q"]) | Q(issuer__icontains=f["q"])
        )
    if f["level"]:
        qs = qs.filter(level=f["level"])
    if f["tag"]:
        qs = qs.filter(tags__icontains=f["tag"])
    if f["current"]:
        today = timezone.localdate()
        qs = qs.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today)).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=today)
        )
    return qs, f


@login_required
def policy_list(request):
    qs, f = _filtered_policies(request)
    return render(
        request,
        "policies/policy_list.html",
        {
            "page": page_of(request, qs),
            "f": f,
            "qs": querystring(request),
            "levels": c.PolicyLevel.choices,
            "can_create": writable_parks(request.user).exists(),
            "today": timezone.localdate(),
        },
    )


@login_required
def policy_export(request):
    qs, f = _filtered_policies(request)
    return export(
        "政策库.xlsx",
        "政策库",
        exports.POLICY_COLUMNS,
        qs,
        user=request.user,
        filters=f,
        object_type="policies.Policy",
    )


@login_required
def policy_detail(request, pk):
    policy = selectors.policy_get(request.user, pk)
    return render(
        request,
        "policies/policy_detail.html",
        {
            "p": policy,
            "conditions": policy.conditions.all(),
            "tiers": [c.Tier(t).label for t in policy.target_tiers if t in c.Tier.values],
            "fields": [TechField(t).label for t in policy.tech_fields if t in TechField.values],
            "can_edit": selectors.policy_list(request.user, "change").filter(pk=pk).exists(),
            "valid_now": policy.is_valid_on(timezone.localdate()),
        },
    )


@login_required
def policy_attachment(request, pk):
    policy = selectors.policy_get(request.user, pk)
    if not policy.attachment:
        raise Http404
    audit.record(AuditEvent.EXPORT, obj=policy, user=request.user, message="下载政策附件")
    response = FileResponse(
        policy.attachment.open("rb"),
        as_attachment=True,
        filename=policy.attachment_name or f"policy-{policy.pk}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def policy_create(request):
    if not writable_parks(request.user).exists():
        raise Http404
    form = PolicyForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        obj = _save(form, lambda: services.policy_create(user=request.user, **form.service_fields()))
        if obj:
            messages.success(request, _("政策已保存"))
            return redirect(obj)
    return _form_page(request, form, "新增政策", "/policies/")


@login_required
def policy_edit(request, pk):
    policy = selectors.policy_get(request.user, pk, "change")
    version = policy.version
    form = PolicyForm(request.POST or None, request.FILES or None, instance=policy, user=request.user)
    if request.method == "POST" and form.is_valid():
        obj = _save(
            form,
            lambda: services.policy_update(
                policy=policy,
                user=request.user,
                expected_version=posted_version(request.POST, "_version"),
                **form.service_fields(),
            ),
        )
        if obj:
            messages.success(request, _("政策已更新"))
            return redirect(obj)
    return _form_page(request, form, "修改政策", policy.get_absolute_url(), version)


def _candidates(request, policy):
    on = timezone.localdate()
    matches = selectors.policy_matches(request.user, policy, on)
    return (
        [m for m in matches if m.result.matched],
        [m for m in matches if m.result.near_miss],
        [m for m in matches if not m.result.matched and not m.result.near_miss],
    )


@login_required
def policy_match(request, pk):
    policy = selectors.policy_get(request.user, pk)
    matched, near, others = _candidates(request, policy)
    return render(
        request,
        "policies/policy_match.html",
        {"p": policy, "matched": matched, "near": near, "others": others, "margin": policy.gap_margin * 100},
    )


@login_required
def policy_match_export(request, pk):
    policy = selectors.policy_get(request.user, pk)
    matched, near, _others = _candidates(request, policy)
    return export(
        f"免申即享候选名单-{policy.pk}.xlsx",
        "免申即享候选名单",
        exports.CANDIDATE_COLUMNS,
        matched + near,
        user=request.user,
        filters={"policy": policy.pk},
        object_type="policies.Policy",
    )


# --- Campaigns and training events ----------------------------------------------------------------


def _period_filters(request):
    f = filters_of(request, ("q", "year"))
    return f, get_int(request, "year")


def _campaigns(request):
    f, year = _period_filters(request)
    condition = enterprise_q(request.user, VIEW, "reaches__enterprise")
    scoped = Q(pk__in=[]) if condition is None else condition
    qs = selectors.campaign_list(request.user).annotate(
        enterprise_count=Count("reaches__enterprise", filter=scoped, distinct=True)
    )
    if f["q"]:
        qs = qs.filter(title__icontains=f["q"])
    if year:
        qs = qs.filter(starts_on__lte=dt.date(year, 12, 31), ends_on__gte=dt.date(year, 1, 1))
    return qs, f


def _trainings(request):
    f, year = _period_filters(request)
    condition = enterprise_q(request.user, VIEW, "enrolments__enterprise")
    scoped = Q(pk__in=[]) if condition is None else condition
    qs = selectors.training_list(request.user).annotate(
        enterprise_count=Count("enrolments__enterprise", filter=scoped, distinct=True),
        attendee_count=Count("enrolments__attendees", filter=scoped, distinct=True),
    )
    if f["q"]:
        qs = qs.filter(Q(title__icontains=f["q"]) | Q(organiser__icontains=f["q"]))
    if year:
        qs = qs.filter(starts_on__year=year)
    return qs, f


@login_required
def event_list(request):
    campaigns, f = _campaigns(request)
    trainings, _ = _trainings(request)
    return render(
        request,
        "policies/event_list.html",
        {
            "campaigns": campaigns[:200],
            "trainings": trainings[:200],
            "f": f,
            "qs": querystring(request),
            "can_create": writable_parks(request.user).exists(),
        },
    )


@login_required
def campaign_export(request):
    qs, f = _campaigns(request)
    return export(
        "宣传活动.xlsx",
        "宣传活动",
        exports.CAMPAIGN_COLUMNS,
        qs,
        user=request.user,
        filters=f,
        object_type="policies.Campaign",
    )


@login_required
def training_export(request):
    qs, f = _trainings(request)
    return export(
        "培训班.xlsx",
        "培训班",
        exports.TRAINING_COLUMNS,
        qs,
        user=request.user,
        filters=f,
        object_type="policies.TrainingEvent",
    )


@login_required
def campaign_detail(request, pk):
    campaign = selectors.campaign_get(request.user, pk)
    can_edit = selectors.campaign_list(request.user, "change").filter(pk=pk).exists()
    form = None
    if can_edit:
        form = ReachForm(park=campaign.park, user=request.user, initial={"reached_on": campaign.starts_on})
    return render(
        request,
        "policies/campaign_detail.html",
        {
            "cmp": campaign,
            "reaches": selectors.reaches_for(request.user, campaign),
            "can_edit": can_edit,
            "form": form,
        },
    )


@login_required
def campaign_create(request):
    if not writable_parks(request.user).exists():
        raise Http404
    form = CampaignForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        obj = _save(form, lambda: services.campaign_create(user=request.user, **form.cleaned_data))
        if obj:
            return redirect(obj)
    return _form_page(request, form, "新增宣传活动", "/policies/events/")


@login_required
def campaign_edit(request, pk):
    campaign = selectors.campaign_get(request.user, pk, "change")
    version = campaign.version
    form = CampaignForm(request.POST or None, instance=campaign, user=request.user)
    if request.method == "POST" and form.is_valid():
        obj = _save(
            form,
            lambda: services.campaign_update(
                campaign=campaign,
                user=request.user,
                expected_version=posted_version(request.POST, "_version"),
                **form.cleaned_data,
            ),
        )
        if obj:
            return redirect(obj)
    return _form_page(request, form, "修改宣传活动", campaign.get_absolute_url(), version)


@login_required
@require_POST
def campaign_reach_add(request, pk):
    campaign = selectors.campaign_get(request.user, pk, "change")
    form = ReachForm(request.POST, park=campaign.park, user=request.user)
    if form.is_valid():
        try:
            services.campaign_reach_add(user=request.user, campaign=campaign, **form.cleaned_data)
            messages.success(request, _("已记录覆盖企业"))
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
    else:
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
    return redirect(campaign)


@login_required
@require_POST
def campaign_reach_remove(request, pk, reach_pk):
    campaign = selectors.campaign_get(request.user, pk, "change")
    reach = selectors.reach_get(request.user, campaign, reach_pk)
    services.campaign_reach_remove(user=request.user, reach=reach)
    return redirect(campaign)


@login_required
def training_detail(request, pk):
    event = selectors.training_get(request.user, pk)
    can_edit = selectors.training_list(request.user, "change").filter(pk=pk).exists()
    return render(
        request,
        "policies/training_detail.html",
        {
            "ev": event,
            "enrolments": selectors.enrolments_for(request.user, event),
            "can_edit": can_edit,
            "form": EnrolForm(park=event.park, user=request.user) if can_edit else None,
        },
    )


@login_required
def training_create(request):
    if not writable_parks(request.user).exists():
        raise Http404
    form = TrainingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        obj = _save(form, lambda: services.training_create(user=request.user, **form.cleaned_data))
        if obj:
            return redirect(obj)
    return _form_page(request, form, "新增培训班", "/policies/events/")


@login_required
def training_edit(request, pk):
    event = selectors.training_get(request.user, pk, "change")
    version = event.version
    form = TrainingForm(request.POST or None, instance=event, user=request.user)
    if request.method == "POST" and form.is_valid():
        obj = _save(
            form,
            lambda: services.training_update(
                event=event,
                user=request.user,
                expected_version=posted_version(request.POST, "_version"),
                **form.cleaned_data,
            ),
        )
        if obj:
            return redirect(obj)
    return _form_page(request, form, "修改培训班", event.get_absolute_url(), version)


@login_required
@require_POST
def training_enrol(request, pk):
    event = selectors.training_get(request.user, pk, "change")
    form = EnrolForm(request.POST, park=event.park, user=request.user)
    if form.is_valid():
        try:
            services.training_enrol(user=request.user, event=event, **form.cleaned_data)
            messages.success(request, _("已报名"))
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
    else:
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
    return redirect(event)


@login_required
@require_POST
def training_enrolment_remove(request, pk, enrolment_pk):
    event = selectors.training_get(request.user, pk, "change")
    enrolment = selectors.enrolment_get(request.user, event, enrolment_pk)
    services.training_enrolment_remove(user=request.user, enrolment=enrolment)
    return redirect(event)
