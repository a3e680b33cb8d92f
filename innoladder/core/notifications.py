"""The notification centre: idempotent per (user, key), with e-mail when SMTP is configured."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Notification


def notify(
    user, *, key: str, title: str, body: str = "", url: str = "", email: bool = True
) -> Notification | None:
    """Create the notification unless this user already had the same key; returns None when it existed."""
    try:
        with transaction.atomic():
            note = Notification.objects.create(
                user=user, key=key[:200], title=title[:200], body=body, url=url
            )
    except IntegrityError:
        return None
    if email and settings.EMAIL_HOST and user.email:
        send_mail(title, f"{body}\n{url}".strip(), settings.DEFAULT_FROM_EMAIL, [user.email])
        Notification.objects.filter(pk=note.pk).update(emailed_at=timezone.now())
    return note


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
