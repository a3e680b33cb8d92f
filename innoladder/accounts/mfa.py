"""Second factor (等保 DB-AU-4): TOTP on a phone authenticator (django-otp) plus one-time recovery codes.

The TOTP seed is shown only while enrolling (QR code as inline SVG, made here so enrolment works offline,
and the same key as text); once confirmed it is never shown again. django-otp refuses a code of the same or
an earlier time step than the last one accepted, so a code cannot be used twice. Recovery codes are shown
once and stored as SHA-256 hashes: each is 50 random bits, so a fast hash is enough (like an API token).
"""

import base64
import secrets

import segno
from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from innoladder.core import audit
from innoladder.core.models import AuditEvent

from .codes import recovery_code_hash
from .models import RecoveryCode, RecoveryCodeDevice, User

RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read off paper without doubt
RECOVERY_LENGTH = 10


def totp_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_second_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def enrolment_device(user: User) -> TOTPDevice:
    """The not yet confirmed authenticator being enrolled (one per user, reused until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="手机验证器", confirmed=False)
    return device


def manual_key(device: TOTPDevice) -> str:
    """The seed in base32, in groups of four, for typing into an authenticator app."""
    text = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_svg(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_inline(scale=4, border=2)


@transaction.atomic
def enrolment_confirm(user: User, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the authenticator with a code it shows; returns the new recovery codes, or None."""
    if device.user_id != user.pk or device.confirmed or not device.verify_token(_digits(token)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    User.objects.filter(pk=user.pk).update(mfa_enrolled=True)
    user.mfa_enrolled = True
    codes = recovery_codes_generate(user)
    audit.record(
        AuditEvent.UPDATE,
        obj=user,
        user=user,
        changes={"second_factor": [False, True]},
        message="绑定手机验证器（双因素认证）",
    )
    return codes


@transaction.atomic
def recovery_codes_generate(user: User) -> list[str]:
    """A fresh set of recovery codes (the old ones stop working); the plain codes exist only in the answer."""
    RecoveryCodeDevice.objects.filter(user=user).delete()
    device = RecoveryCodeDevice.objects.create(user=user, name="恢复码", confirmed=True)
    codes = []
    for _ in range(settings.MFA_RECOVERY_CODES):
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    RecoveryCode.objects.bulk_create(
        RecoveryCode(device=device, code_hash=recovery_code_hash(user.pk, code)) for code in codes
    )
    return codes


def recovery_codes_left(user: User) -> int:
    return RecoveryCode.objects.filter(device__user=user, used_at__isnull=True).count()


def _digits(token: str) -> str:
    return "".join(ch for ch in (token or "") if ch.isdigit())


def verify(user: User, token: str):
    """The device that accepts `token` (a TOTP code or an unused recovery code), else None."""
    token = (token or "").strip()
    digits = _digits(token)
    if len(digits) == len(token.replace(" ", "")) and 6 <= len(digits) <= 8:
        device = totp_device(user)
        if device is not None and device.verify_token(digits):
            return device
        return None
    recovery = RecoveryCodeDevice.objects.filter(user=user, confirmed=True).first()
    if recovery is not None and recovery.verify_token(token):
        audit.record(
            AuditEvent.LOGIN,
            obj=user,
            user=user,
            message=f"使用恢复码完成双因素认证（剩余 {recovery_codes_left(user)} 个）",
        )
        return recovery
    return None


@transaction.atomic
def second_factor_remove(user: User, *, by: User, message: str) -> None:
    """Remove every authenticator and recovery code: the user enrols again at the next login."""
    had = has_second_factor(user)
    TOTPDevice.objects.filter(user=user).delete()
    RecoveryCodeDevice.objects.filter(user=user).delete()
    User.objects.filter(pk=user.pk).update(mfa_enrolled=False)
    user.mfa_enrolled = False
    audit.record(
        AuditEvent.UPDATE, obj=user, user=by, changes={"second_factor": [had, False]}, message=message
    )
