import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

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


class PasswordPolicyMiddleware:
    """A user whose password is due (set by an administrator, or too old) may only change it or log out."""

    ALLOWED = ("password_change", "logout")

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
