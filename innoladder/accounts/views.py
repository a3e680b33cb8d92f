from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from innoladder.core.middleware import client_ip

from . import mfa, roles, services
from .forms import LockoutAuthenticationForm
from .manage_forms import CodeForm

NEXT_KEY = "mfa_next"


class LoginView(auth_views.LoginView):
    """The one login of every account (Django admin's login sends here): password, then second factor."""

    template_name = "accounts/login.html"
    authentication_form = LockoutAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        next_url = self.get_success_url()
        response = super().form_valid(form)
        if mfa.has_second_factor(user):
            self.request.session[NEXT_KEY] = next_url
            return redirect("mfa_verify")
        services.login_succeeded(user)
        if roles.mfa_required(user):
            self.request.session[NEXT_KEY] = next_url
            return redirect("mfa_setup")
        return response

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if any(e.code == "throttled" for e in form.non_field_errors().as_data()):
            response.status_code = 429
        return response


def _next_url(request) -> str:
    url = request.session.pop(NEXT_KEY, "") or ""
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, require_https=request.is_secure()):
        return url
    return reverse(settings.LOGIN_REDIRECT_URL)


def _verified(request, device) -> None:
    otp_login(request, device)
    request.session.cycle_key()  # a new session id once the second step is done


@login_required
def mfa_verify(request):
    """Second step of the login: a code from the phone authenticator, or a recovery code."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ip = client_ip(request)
        if services.ip_throttled(ip):
            services.login_throttled(user.username, ip)
            form.add_error(None, _("来自您网络地址的登录失败次数过多，请稍后再试。"))
        else:
            device = mfa.verify(user, form.cleaned_data["code"])
            if device is not None:
                _verified(request, device)
                services.login_succeeded(user, second_factor=True)
                return redirect(_next_url(request))
            services.login_failed(user.username, ip, step="动态验证码")
            user.refresh_from_db(fields=["locked_until"])
            if services.lock_remaining_minutes(user):
                logout(request)
                messages.error(request, _("验证码多次错误，账户已锁定，请稍后再登录。"))
                return redirect("login")
            form.add_error("code", _("验证码错误、已过期或已使用过，请输入手机验证器当前显示的验证码。"))
    return render(request, "accounts/mfa_verify.html", {"form": form})


@login_required
def mfa_setup(request):
    """Enrol a phone authenticator (QR code or key), or, once enrolled, renew the recovery codes."""
    user = request.user
    if mfa.has_second_factor(user):
        if request.method == "POST" and request.POST.get("action") == "regenerate":
            codes = mfa.recovery_codes_generate(user)
            services.recovery_codes_renewed(user)
            return render(request, "accounts/mfa_codes.html", {"codes": codes, "next": reverse("mfa_setup")})
        return render(request, "accounts/mfa_status.html", {"codes_left": mfa.recovery_codes_left(user)})
    device = mfa.enrolment_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = mfa.enrolment_confirm(user, device, form.cleaned_data["code"])
        if codes is not None:
            _verified(request, device)
            return render(request, "accounts/mfa_codes.html", {"codes": codes, "next": _next_url(request)})
        form.add_error("code", _("验证码不正确，请确认手机时间准确后输入验证器当前显示的 6 位数字。"))
    context = {"form": form, "qr_svg": mfa.qr_svg(device), "key": mfa.manual_key(device)}
    return render(request, "accounts/mfa_setup.html", context)


@require_POST
def logout_view(request):
    services.logged_out(request.user)
    return auth_views.LogoutView.as_view()(request)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        # The new password is the user's own: it is not an administrator-set one (password history).
        form.user.must_change_password = False
        response = super().form_valid(form)
        services.password_changed(self.request.user)
        messages.success(self.request, "密码已修改。")
        return response
