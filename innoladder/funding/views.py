from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innoladder.core.scoping import CHANGE, is_staff_role
from innoladder.core.services import StaleEditError, posted_version
from innoladder.core.xlsx import export

from . import choices as c
from . import exports, selectors, services
from .forms import FundApplicationForm, ProgrammeForm, TransitionForm, VoucherUseForm, writable_enterprises
from .parkscope import writable_parks
from .viewkit import filters_of, get_int, page_of, querystring


def _form_page(request, form, title, cancel_url):
    return render(request, "funding/form.html", {"form": form, "title": title, "cancel_url": cancel_url})


def _save(request, form, save):
    """Run the service; put its Chinese errors back on the form. Returns the object or None."""
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


# --- Fund applications ---------------------------------------------------------------------------


def _filtered_applications(request):
    f = filters_of(request, ("q", "status", "kind", "year"))
    qs = selectors.fund_application_list(request.user)
    if f["q"]:
        qs = qs.filter(Q(enterprise__name__icontains=f["q"]) | Q(title__icontains=f["q"]))
    if f["status"]:
        qs = qs.filter(status=f["status"])
    if f["kind"]:
        qs = qs.filter(programme__kind=f["kind"])
    year = get_int(request, "year")
    if year:
        qs = qs.filter(applied_on__year=year)
    return qs, f


@login_required
def fund_list(request):
    qs, f = _filtered_applications(request)
    return render(
        request,
        "funding/application_list.html",
        {
            "page": page_of(request, qs),
            "f": f,
            "qs": querystring(request),
            "statuses": c.ApplicationStatus.choices,
            "kinds": c.ProgrammeKind.choices,
            "can_create": writable_enterprises(request.user).exists(),
            "tab": "applications",
        },
    )


@login_required
def fund_export(request):
    qs, f = _filtered_applications(request)
    return export(
        "扶持资金申请.xlsx",
        "扶持资金申请",
        exports.APPLICATION_COLUMNS,
        qs,
        user=request.user,
        filters=f,
        object_type="funding.FundApplication",
    )


@login_required
def fund_application_detail(request, pk):
    application = selectors.fund_application_get(request.user, pk)
    can_edit = selectors.fund_application_list(request.user, CHANGE).filter(pk=pk).exists()
    can_decide = is_staff_role(request.user) and can_edit and bool(c.TRANSITIONS.get(application.status))
    form = (
        TransitionForm(application=application, initial={"on": timezone.localdate()}) if can_decide else None
    )
    return render(
        request,
        "funding/application_detail.html",
        {
            "a": application,
            "history": application.history.select_related("actor"),
            "can_edit": can_edit
            and application.status not in (c.ApplicationStatus.REJECTED, c.ApplicationStatus.PAID),
            "transition_form": form,
        },
    )


@login_required
def fund_application_create(request):
    if not writable_enterprises(request.user).exists():
        raise Http404
    form = FundApplicationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        obj = _save(
            request, form, lambda: services.fund_application_create(user=request.user, **form.cleaned_data)
        )
        if obj:
            messages.success(request, _("资金申请已保存"))
            return redirect(obj)
    return _form_page(request, form, "新增扶持资金申请", "/funding/")


@login_required
def fund_application_edit(request, pk):
    application = selectors.fund_application_get(request.user, pk, CHANGE)
    version = application.version
    form = FundApplicationForm(request.POST or None, instance=application, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "enterprise"}
        obj = _save(
            request,
            form,
            lambda: services.fund_application_update(
                application=application,
                user=request.user,
                expected_version=posted_version(request.POST, "_version"),
                **data,
            ),
        )
        if obj:
            messages.success(request, _("资金申请已更新"))
            return redirect(obj)
    return render(
        request,
        "funding/form.html",
        {
            "form": form,
            "title": "修改扶持资金申请",
            "cancel_url": application.get_absolute_url(),
            "version": version,
        },
    )


@login_required
@require_POST
def fund_application_transition(request, pk):
    application = selectors.fund_application_get(request.user, pk, CHANGE)
    if not is_staff_role(request.user):
        raise Http404
    form = TransitionForm(request.POST, application=application)
    if form.is_valid():
        try:
            services.fund_application_transition(
                application=application,
                to_status=form.cleaned_data["to_status"],
                user=request.user,
                on=form.cleaned_data["on"],
                amount=form.cleaned_data["amount"],
                comment=form.cleaned_data["comment"],
            )
            messages.success(request, _("办理完成"))
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
    return redirect(application)


# --- Programmes ----------------------------------------------------------------------------------


def _filtered_programmes(request):
    f = filters_of(request, ("q", "kind", "year"))
    qs = selectors.programme_list(request.user)
    if f["q"]:
        qs = qs.filter(name__icontains=f["q"])
    if f["kind"]:
        qs = qs.filter(kind=f["kind"])
    year = get_int(request, "year")
    if year:
        qs = qs.filter(year=year)
    return qs, f


@login_required
def programme_list(request):
    qs, f = _filtered_programmes(request)
    return render(
        request,
        "funding/programme_list.html",
        {
            "page": page_of(request, qs),
            "f": f,
            "qs": querystring(request),
            "kinds": c.ProgrammeKind.choices,
            "can_create": writable_parks(request.user).exists(),
            "tab": "programmes",
        },
    )


@login_required
def programme_export(request):
    qs, f = _filtered_programmes(request)
    return export(
        "扶持资金项目.xlsx",
        "扶持资金项目",
        exports.PROGRAMME_COLUMNS,
        qs,
        user=request.user,
        filters=f,
        object_type="funding.Programme",
    )


@login_required
def programme_detail(request, pk):
    programme = selectors.programme_get(request.user, pk)
    rules = programme.voucher_rules() if programme.kind == c.ProgrammeKind.VOUCHER else None
    return render(
        request,
        "funding/programme_detail.html",
        {
            "p": programme,
            "quotas": [(c.HolderType(k).label, v) for k, v in rules.annual_quota.items()] if rules else [],
            "shares": [(c.ServiceType(k).label, v) for k, v in rules.service_share.items()] if rules else [],
            "applications": selectors.fund_application_list(request.user).filter(programme=programme)[:100],
            "can_edit": selectors.programme_list(request.user, CHANGE).filter(pk=pk).exists(),
        },
    )


def _programme_save(request, form, programme=None):
    quotas, shares = form.voucher_parameters()
    data = dict(form.cleaned_data)
    for key in list(data):
        if key.startswith(("quota_", "share_")):
            data.pop(key)
    if data["kind"] == c.ProgrammeKind.VOUCHER:
        data.update(voucher_quotas=quotas, voucher_shares=shares)
    if programme is None:
        return _save(request, form, lambda: services.programme_create(user=request.user, **data))
    return _save(
        request,
        form,
        lambda: services.programme_update(
            programme=programme,
            user=request.user,
            expected_version=posted_version(request.POST, "_version"),
            **data,
        ),
    )


@login_required
def programme_create(request):
    if not writable_parks(request.user).exists():
        raise Http404
    form = ProgrammeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        obj = _programme_save(request, form)
        if obj:
            messages.success(request, _("扶持资金项目已保存"))
            return redirect(obj)
    return _form_page(request, form, "新增扶持资金项目", "/funding/programmes/")


@login_required
def programme_edit(request, pk):
    programme = selectors.programme_get(request.user, pk, CHANGE)
    version = programme.version
    form = ProgrammeForm(request.POST or None, instance=programme, user=request.user)
    if request.method == "POST" and form.is_valid():
        obj = _programme_save(request, form, programme)
        if obj:
            messages.success(request, _("扶持资金项目已更新"))
            return redirect(obj)
    return render(
        request,
        "funding/form.html",
        {
            "form": form,
            "title": "修改扶持资金项目",
            "cancel_url": programme.get_absolute_url(),
            "version": version,
        },
    )


# --- Vouchers ------------------------------------------------------------------------------------


def _filtered_vouchers(request):
    f = filters_of(request, ("q", "service_type", "year"))
    qs = selectors.voucher_use_list(request.user)
    if f["q"]:
        qs = qs.filter(Q(enterprise__name__icontains=f["q"]) | Q(provider__icontains=f["q"]))
    if f["service_type"]:
        qs = qs.filter(service_type=f["service_type"])
    year = get_int(request, "year")
    if year:
        qs = qs.filter(used_on__year=year)
    return qs, f


@login_required
def voucher_use_list(request):
    qs, f = _filtered_vouchers(request)
    return render(
        request,
        "funding/voucher_list.html",
        {
            "page": page_of(request, qs),
            "f": f,
            "qs": querystring(request),
            "services": c.ServiceType.choices,
            "can_create": writable_enterprises(request.user).exists(),
            "tab": "vouchers",
        },
    )


@login_required
def voucher_use_export(request):
    qs, f = _filtered_vouchers(request)
    return export(
        "创新券使用.xlsx",
        "创新券使用",
        exports.VOUCHER_COLUMNS,
        qs,
        user=request.user,
        filters=f,
        object_type="funding.VoucherUse",
    )


@login_required
def voucher_use_detail(request, pk):
    use = selectors.voucher_use_get(request.user, pk)
    can_edit = selectors.voucher_use_list(request.user, CHANGE).filter(pk=pk).exists()
    return render(request, "funding/voucher_detail.html", {"u": use, "can_edit": can_edit})


@login_required
def voucher_use_create(request):
    if not writable_enterprises(request.user).exists():
        raise Http404
    form = VoucherUseForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        obj = _save(
            request, form, lambda: services.voucher_use_create(user=request.user, **form.cleaned_data)
        )
        if obj:
            messages.success(request, f"已登记创新券使用：{obj.explanation}")
            return redirect(obj)
    return _form_page(request, form, "登记创新券使用", "/funding/vouchers/")


@login_required
def voucher_use_edit(request, pk):
    use = selectors.voucher_use_get(request.user, pk, CHANGE)
    version = use.version
    form = VoucherUseForm(request.POST or None, instance=use, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "enterprise"}
        obj = _save(
            request,
            form,
            lambda: services.voucher_use_update(
                use=use,
                user=request.user,
                expected_version=posted_version(request.POST, "_version"),
                **data,
            ),
        )
        if obj:
            messages.success(request, f"已重新计算：{obj.explanation}")
            return redirect(obj)
    return render(
        request,
        "funding/form.html",
        {"form": form, "title": "修改创新券使用", "cancel_url": use.get_absolute_url(), "version": version},
    )


@login_required
def voucher_balance_list(request):
    year = get_int(request, "year")
    rows = selectors.voucher_balances(request.user, year)
    return render(
        request,
        "funding/balance_list.html",
        {"rows": rows, "year": year or "", "qs": querystring(request), "tab": "balances"},
    )


@login_required
def voucher_balance_export(request):
    year = get_int(request, "year")
    rows = selectors.voucher_balances(request.user, year)
    return export(
        "创新券余额.xlsx",
        "创新券余额",
        exports.BALANCE_COLUMNS,
        rows,
        user=request.user,
        filters={"year": year},
        object_type="funding.VoucherUse",
    )
