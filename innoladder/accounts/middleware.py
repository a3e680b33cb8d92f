import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect


class SessionLifetimeMiddleware:
    """Ends a session after its absolute lifetime, whatever the activity (idle timeout is the cookie age)."""

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
        return self.get_response(request)
