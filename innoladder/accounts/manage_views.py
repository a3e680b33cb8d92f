"""The 安全管理员's screens: accounts, roles, unlocks, password and second-factor resets, approvals.

Anyone else gets 404 (the selectors return nothing); the duty middleware already keeps the other
administrators out with 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import mfa, roles, selectors, user_services
from .choices import Role
from .manage_forms import PasswordResetForm, ReasonForm, UserCreateForm, UserEditForm


def _secadmin_only(request) -> None:
    if not roles.can_manage_accounts(request.user):
        raise Http404


def _target(request, pk):
    _secadmin_only(request)
    user = selectors.user_get(request.user, pk)
    if user is None:
        raise Http404
    return user


def _errors(form, exc: ValidationError) -> None:
    """The service's refusal on the form: on its field when the form has that field, else above the form."""
    by_field = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
    for field, texts in by_field.items():
        for message in texts:
            form.add_error(field if field in form.fields else None, message)


def _requested(request, req) -> None:
    messages.info(
        request,
        _("已提交“%(kind)s”申请，须由另一名安全管理员在“待复核申请”中批准后生效。")
        % {"kind": req.get_kind_display()},
    )


@login_required
def user_list(request):
    _secadmin_only(request)
    role = request.GET.get("role", "")
    q = request.GET.get("q", "").strip()
    page = Paginator(selectors.user_list(request.user, role=role, q=q), 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "roles": Role.choices,
        "role": role,
        "q": q,
        "pending": selectors.pending_requests(request.user).count(),
        "now": timezone.now(),
    }
    return render(request, "accounts/manage/user_list.html", context)


@login_required
def user_create(request):
    _secadmin_only(request)
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, req = user_services.user_create(
                by=request.user,
                username=data["username"],
                password=data["password1"],
                **form.profile(),
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(
                request, _("账户 %(name)s 已开设，用户首次登录须修改初始密码。") % {"name": user.username}
            )
            if req is not None:
                _requested(request, req)
            return redirect("account_user_edit", pk=user.pk)
    return render(request, "accounts/manage/user_form.html", {"form": form, "title": _("开设账户")})


@login_required
def user_edit(request, pk):
    target = _target(request, pk)
    form = UserEditForm(request.POST or None, user=target)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            req = user_services.user_update(
                by=request.user,
                user=target,
                is_active=data["is_active"],
                **form.profile(),
                reason=data["reason"],
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("账户已保存。"))
            if req is not None:
                _requested(request, req)
            return redirect("account_user_edit", pk=target.pk)
    context = {
        "form": form,
        "target": target,
        "title": _("账户：%(name)s") % {"name": target.username},
        "has_second_factor": mfa.has_second_factor(target),
        "needs_second_person": user_services.needs_second_person(request.user, target),
        "requests": selectors.requests_for(request.user).filter(target=target)[:20],
        "reason_form": ReasonForm(),
    }
    return render(request, "accounts/manage/user_form.html", context)


@login_required
def password_reset(request, pk):
    target = _target(request, pk)
    form = PasswordResetForm(request.POST or None, user=target)
    if request.method == "POST" and form.is_valid():
        try:
            req = user_services.password_reset(
                by=request.user,
                user=target,
                password=form.cleaned_data["password1"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            if req is None:
                messages.success(request, _("密码已重置，用户下次登录须修改。"))
            else:
                _requested(request, req)
            return redirect("account_user_edit", pk=target.pk)
    context = {
        "form": form,
        "target": target,
        "needs_second_person": user_services.needs_second_person(request.user, target),
    }
    return render(request, "accounts/manage/password_reset.html", context)


@login_required
@require_POST
def mfa_reset(request, pk):
    target = _target(request, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("重置双因素认证须填写理由。"))
        return redirect("account_user_edit", pk=target.pk)
    try:
        req = user_services.mfa_reset_request(
            by=request.user, user=target, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        _requested(request, req)
    return redirect("account_user_edit", pk=target.pk)


@login_required
@require_POST
def unlock(request, pk):
    target = _target(request, pk)
    user_services.user_unlock(by=request.user, user=target)
    messages.success(request, _("已解除锁定。"))
    return redirect("account_user_edit", pk=target.pk)


@login_required
def approval_list(request):
    _secadmin_only(request)
    context = {
        "pending": selectors.pending_requests(request.user),
        "decided": selectors.requests_for(request.user).exclude(status="pending")[:50],
    }
    return render(request, "accounts/manage/approval_list.html", context)


@login_required
@require_POST
def request_decide(request, pk, decision):
    _secadmin_only(request)
    if (
        decision not in ("approve", "reject")
        or not selectors.requests_for(request.user).filter(pk=pk).exists()
    ):
        raise Http404
    try:
        req = user_services.request_decide(by=request.user, request_id=pk, approve=decision == "approve")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("已%(verb)s：%(req)s")
            % {"verb": _("批准") if decision == "approve" else _("驳回"), "req": req},
        )
    return redirect("account_approval_list")
