import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import mfa, roles
from .choices import Role
from .password_policy import password_change_reason


class SessionLifetimeMiddleware:
    """Ends a session after its absolute lifetime, whatever the activity, and renews the idle window.

    The idle window (SESSION_COOKIE_AGE, the server-side expiry) is renewed by saving the session, at most
    once per SESSION_RENEW_SECONDS: a page and its fragments do not each write (and fsync) the session.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.get("login_started")
            now = int(time.time())
            if started is None:
                request.session["login_started"] = now
            elif now - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                return redirect(settings.LOGIN_URL)
            if now - request.session.get("renewed_at", 0) >= settings.SESSION_RENEW_SECONDS:
                request.session["renewed_at"] = now  # saved with a fresh expiry at the end of the request
        return self.get_response(request)


class SecondFactorMiddleware:
    """Until the second factor is verified in this session, an account that has one may only verify it,
    and an account that must have one (roles.mfa_required) but has none may only enrol (等保 DB-AU-4).

    Django admin, every app page and every download are behind this one check: there is no other way in.
    """

    VERIFY = "mfa_verify"
    SETUP = "mfa_setup"
    ALWAYS = ("logout",)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified():
            target = self._required_step(user)
            if target and _url_name(request) not in (target, *self.ALWAYS):
                if target == self.SETUP:
                    messages.warning(request, _("您的角色须使用双因素认证，请先绑定手机验证器。"))
                return redirect(target)
        return self.get_response(request)

    def _required_step(self, user) -> str:
        if roles.mfa_required(user):
            return self.VERIFY if mfa.has_second_factor(user) else self.SETUP
        # Optional for this role: only an account that enrolled is asked (the flag spares a query).
        if user.mfa_enrolled and mfa.has_second_factor(user):
            return self.VERIFY
        return ""


class DutySeparationMiddleware:
    """三权分立: each administrator duty reaches only its own screens (and its own account's pages);
    everything else answers 403. Default deny: a page added later is closed to them until listed here.
    """

    OWN_ACCOUNT = frozenset({"login", "logout", "password_change", "mfa_setup", "mfa_verify", "set_language"})
    DUTY_PAGES = {
        Role.SYSADMIN: ("admin:",),
        Role.SECADMIN: ("account_",),
        Role.AUDITADMIN: ("audit_", "job_detail"),
    }
    LANDING = {
        Role.SYSADMIN: "admin:index",
        Role.SECADMIN: "account_user_list",
        Role.AUDITADMIN: "audit_list",
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.role in roles.DUTY_ROLES:
            name = _url_name(request)
            if name == "home":
                return redirect(self.LANDING[user.role])
            if name not in self.OWN_ACCOUNT and not name.startswith(self.DUTY_PAGES[user.role]):
                raise PermissionDenied
        return self.get_response(request)


def _url_name(request) -> str:
    """The resolved URL name with its namespace ("admin:index"), "" when the path resolves to nothing."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return ""
    return match.view_name or ""


class PasswordPolicyMiddleware:
    """A user whose password is due (set by an administrator, or too old) may only change it or log out."""

    ALLOWED = ("password_change", "logout", "mfa_setup", "mfa_verify")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            reason = password_change_reason(user, timezone.now())
            if reason and not self._allowed(request.path_info):
                messages.warning(request, reason)
                return redirect("password_change")
        return self.get_response(request)

    def _allowed(self, path: str) -> bool:
        return any(path == reverse(name) for name in self.ALLOWED)
