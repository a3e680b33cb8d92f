"""Writes of the API app: issuing and revoking personal API tokens (audited, shown once, hashed at rest)."""

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from innoladder.accounts import roles
from innoladder.core import audit
from innoladder.core.models import AuditEvent

from .models import ApiToken

TOKEN_PREFIX = "il"
PREFIX_BYTES = 6  # 12 hex characters: the lookup key, not a secret
SECRET_BYTES = 32  # 256 random bits: a fast hash is enough, as for recovery codes (accounts.mfa)


def digest_of(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def split_token(text: str) -> tuple[str, str] | None:
    """(prefix, secret) of ``il_<prefix>_<secret>``, None when the text has another shape."""
    parts = (text or "").strip().split("_")
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX or not parts[1] or not parts[2]:
        return None
    return parts[1], parts[2]


def secret_matches(token: ApiToken, secret: str) -> bool:
    return hmac.compare_digest(token.digest, digest_of(secret))


def may_use_api(user) -> bool:
    """Business roles only: the three administrator duties (三权分立) have no business data, so no API."""
    return user.is_authenticated and user.is_active and not roles.is_duty_admin(user)


@transaction.atomic
def token_issue(*, user, name: str, days: int, second_factor_verified: bool) -> tuple[ApiToken, str]:
    """Issue a token; returns it with its full text, which is shown once and never stored.

    Issuing follows the login's second-factor policy: a role that must use one (roles.mfa_required) may
    issue only from a session whose second factor is verified.
    """
    if not may_use_api(user):
        raise PermissionDenied("管理员职责账户不使用业务数据接口")
    if roles.mfa_required(user) and not second_factor_verified:
        raise PermissionDenied("您的角色须先完成双因素认证才能签发接口令牌")
    name = (name or "").strip()
    if not name:
        raise ValidationError("请填写令牌名称")
    if not 1 <= days <= settings.API_TOKEN_MAX_DAYS:
        raise ValidationError(f"有效期应为 1 至 {settings.API_TOKEN_MAX_DAYS} 天")
    if ApiToken.objects.filter(user=user, revoked_at__isnull=True, expires_at__gt=timezone.now()).count() >= (
        settings.API_TOKEN_MAX_ACTIVE
    ):
        raise ValidationError(f"有效令牌最多 {settings.API_TOKEN_MAX_ACTIVE} 个，请先吊销不用的令牌")
    prefix = secrets.token_hex(PREFIX_BYTES)
    secret = secrets.token_urlsafe(SECRET_BYTES).replace("_", "-")
    token = ApiToken(
        user=user,
        name=name,
        prefix=prefix,
        digest=digest_of(secret),
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    token.full_clean()
    token.save()
    audit.record(
        AuditEvent.CREATE,
        obj=token,
        user=user,
        changes={"after": {"name": name, "prefix": prefix, "expires_at": token.expires_at.isoformat()}},
        message="签发接口令牌",
    )
    return token, f"{TOKEN_PREFIX}_{prefix}_{secret}"


@transaction.atomic
def token_revoke(*, user, token: ApiToken) -> ApiToken:
    """Revoke one of the user's own tokens (a revoked token is refused at once, with 401)."""
    if token.user_id != user.pk:
        raise PermissionDenied
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(
        AuditEvent.UPDATE,
        obj=token,
        user=user,
        changes={"revoked_at": [None, token.revoked_at.isoformat()]},
        message="吊销接口令牌",
    )
    return token


def token_touch(token: ApiToken, now: dt.datetime) -> None:
    """Note the last use, at most once a minute (a write per request would serialise every call)."""
    if token.last_used_at is None or now - token.last_used_at >= dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
