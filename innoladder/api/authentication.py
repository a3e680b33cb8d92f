"""Token authentication, the business-role permission and the per-token rate limit of the REST API."""

import datetime as dt

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from rest_framework import exceptions, permissions, throttling

from . import services
from .models import ApiToken

KEYWORDS = ("bearer", "token")


class TokenAuthentication:
    """``Authorization: Bearer il_<prefix>_<secret>``. A token that is unknown, revoked or expired, or whose
    account is inactive or locked, answers 401 with the same Chinese message (nothing to probe)."""

    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header:
            return None
        keyword, _, text = header.partition(" ")
        if keyword.lower() not in KEYWORDS:
            return None
        parts = services.split_token(text)
        if parts is None:
            raise exceptions.AuthenticationFailed("接口令牌无效、已过期或已吊销")
        prefix, secret = parts
        token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
        now = timezone.now()
        if token is None or not services.secret_matches(token, secret) or not token.is_usable(now):
            raise exceptions.AuthenticationFailed("接口令牌无效、已过期或已吊销")
        user = token.user
        if not user.is_active or (user.locked_until is not None and user.locked_until > now):
            raise exceptions.AuthenticationFailed("接口令牌无效、已过期或已吊销")
        services.token_touch(token, now)
        return user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class BusinessUser(permissions.BasePermission):
    """A token of a business role; the administrator duties (三权分立) get 403 on every business call."""

    message = "管理员职责账户不使用业务数据接口"

    def has_permission(self, request, view):
        if request.user is None or not request.user.is_authenticated:
            raise exceptions.NotAuthenticated("请在 Authorization 请求头中提供接口令牌（Bearer）")
        return services.may_use_api(request.user)


def _rate() -> tuple[int, int]:
    """(requests, seconds) from REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["token"], e.g. "600/min"."""
    rate = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["token"]
    count, _, period = rate.partition("/")
    seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[period[0]]
    return int(count), seconds


def _window(now) -> tuple[dt.datetime, int, int]:
    """(start of the current window, its length in seconds, the limit)."""
    limit, seconds = _rate()
    start = now.replace(microsecond=0) - dt.timedelta(seconds=int(now.timestamp()) % seconds)
    return start, seconds, limit


def count_call(token: ApiToken) -> None:
    """Count one call in the token's current window with one atomic UPDATE (see TokenRateThrottle).

    Called when the answer is ready, in the same transaction as the call's audit entry: one commit (one
    fsync on SQLite) per call instead of two."""
    start, _, _ = _window(timezone.now())
    rows = ApiToken.objects.filter(pk=token.pk)
    if not rows.filter(window_start=start).update(window_count=F("window_count") + 1):
        if not rows.exclude(window_start=start).update(window_start=start, window_count=1):
            # Another worker opened the window between the two updates: count in it.
            rows.filter(window_start=start).update(window_count=F("window_count") + 1)


class TokenRateThrottle(throttling.BaseThrottle):
    """A fixed window per token, counted in the token's own row.

    DRF's own throttles keep their history in the cache: the default local-memory cache is per process,
    so N workers would allow N times the rate. The database is shared by every worker and the increment
    is atomic (``count_call``: UPDATE … SET count = count + 1), so the limit holds however many workers
    there are. The check reads the count before the call and the call is counted when it is answered, so
    calls running at the same moment (at most one per worker) may pass the limit by that many.
    """

    def allow_request(self, request, view):
        token = request.auth
        if not isinstance(token, ApiToken):
            return True
        now = timezone.now()
        start, seconds, limit = _window(now)
        row = ApiToken.objects.filter(pk=token.pk).values("window_start", "window_count").first() or {}
        used = row.get("window_count", 0) if row.get("window_start") == start else 0
        self._wait = (start + dt.timedelta(seconds=seconds) - now).total_seconds()
        return used < limit

    def wait(self):
        return max(self._wait, 0)
