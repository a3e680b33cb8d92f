from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innoladder.core.services import StaleEditError, posted_version
from innoladder.core.xlsx import export
from innoladder.funding.viewkit import filters_of, get_int, page_of, querystring

from . import choices as c
from . import exports, selectors, services
from .forms import ContractTransitionForm, TechContractForm
from .tax import tax_view


def _filtered(request):
    f = filters_of(request, ("q", "category", "status", "year"))
    qs = selectors.contract_list(request.user)
    if f["q"]:
        qs = qs.filter(
            Q(title__icontains=f["q"])
            | Q(enterprise__name__icontains=f["q"])
            | Q(seller_name__icontains=f["q"])
            | Q(buyer_name__icontains=f["q"])
        )
    if f["category"]:
        qs = qs.filter(category=f["category"])
    if f["status"]:
        qs = qs.filter(status=f["status"])
    year = get_int(request, "year")
    if year:
        qs = qs.filter(signed_on__year=year)
    return qs, f


@login_required
def contract_list(request):
    qs, f = _filtered(request)
    return render(
        request,
        "contracts/contract_list.html",
        {
            "page": page_of(request, qs),
            "f": f,
            "qs": querystring(request),
            "categories": c.ContractCategory.choices,
            "statuses": c.RegistrationStatus.choices,
            "can_create": selectors.writable_enterprises(request.user).exists(),
        },
    )


@login_required
def contract_export(request):
    qs, f = _filtered(request)
    return export(
        "技术合同登记.xlsx",
        "技术合同登记",
        exports.CONTRACT_COLUMNS,
        qs,
        user=request.user,
        filters=f,
        object_type="contracts.TechContract",
    )


@login_required
def contract_detail(request, pk):
    contract = selectors.contract_get(request.user, pk)
    can_edit = selectors.contract_writable(request.user).filter(pk=pk).exists()
    form = None
    if can_edit and c.TRANSITIONS.get(contract.status):
        form = ContractTransitionForm(contract=contract, initial={"on": timezone.localdate()})
    return render(
        request,
        "contracts/contract_detail.html",
        {
            "t": contract,
            "tax": tax_view(contract),
            "history": contract.history.select_related("actor"),
            "can_edit": can_edit,
            "transition_form": form,
        },
    )


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


@login_required
def contract_create(request):
    if not selectors.writable_enterprises(request.user).exists():
        raise Http404
    form = TechContractForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        obj = _save(form, lambda: services.contract_create(user=request.user, **form.cleaned_data))
        if obj:
            messages.success(request, _("技术合同已保存"))
            return redirect(obj)
    return render(
        request, "funding/form.html", {"form": form, "title": "新增技术合同", "cancel_url": "/contracts/"}
    )


@login_required
def contract_edit(request, pk):
    contract = selectors.contract_get(request.user, pk)
    if not selectors.contract_writable(request.user).filter(pk=pk).exists():
        raise Http404
    version = contract.version
    form = TechContractForm(request.POST or None, instance=contract, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "enterprise"}
        obj = _save(
            form,
            lambda: services.contract_update(
                contract=contract,
                user=request.user,
                expected_version=posted_version(request.POST, "_version"),
                **data,
            ),
        )
        if obj:
            messages.success(request, _("技术合同已更新"))
            return redirect(obj)
    return render(
        request,
        "funding/form.html",
        {
            "form": form,
            "title": "修改技术合同",
            "cancel_url": contract.get_absolute_url(),
            "version": version,
        },
    )


@login_required
@require_POST
def contract_transition(request, pk):
    contract = selectors.contract_get(request.user, pk)
    if not selectors.contract_writable(request.user).filter(pk=pk).exists():
        raise Http404
    form = ContractTransitionForm(request.POST, contract=contract)
    if form.is_valid():
        try:
            services.contract_transition(contract=contract, user=request.user, **form.cleaned_data)
            messages.success(request, _("办理完成"))
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
    return redirect(contract)
