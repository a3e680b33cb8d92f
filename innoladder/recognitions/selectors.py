"""Reads that carry policy, all built on `innoladder.core.scoping.for_user`."""

import datetime as dt

from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from innoladder.accounts.choices import Role
from innoladder.core import viewkit as vk
from innoladder.core.models import Notification
from innoladder.core.parkscope import park_scoped
from innoladder.core.scoping import CHANGE, VIEW, for_user, is_staff_role
from innoladder.enterprises.models import Enterprise, Park

from . import choices as c
from .models import (
    AnnualReport,
    Application,
    ApplicationDocument,
    ApplicationTransition,
    Batch,
    ChangeEvent,
    Recognition,
    rules_by_scheme,
)


def recognition_list(user, action: str = VIEW) -> QuerySet[Recognition]:
    return for_user(
        Recognition.objects.select_related("enterprise", "enterprise__park", "batch"), user, action
    )


recognition_get = vk.getter(recognition_list)


def not_ended_q(on: dt.date) -> Q:
    """Recognitions neither revoked nor cancelled on or before `on`."""
    return (Q(revoked_on__isnull=True) | Q(revoked_on__gt=on)) & (
        Q(cancelled_on__isnull=True) | Q(cancelled_on__gt=on)
    )


def status_q(status: str, today: dt.date) -> Q:
    """Database filter equivalent to `Recognition.status_on(today)` for one status."""
    not_ended = not_ended_q(today)
    if status == c.RecognitionStatus.REVOKED:
        return Q(revoked_on__lte=today)
    if status == c.RecognitionStatus.CANCELLED:
        return Q(cancelled_on__lte=today) & (Q(revoked_on__isnull=True) | Q(revoked_on__gt=today))
    if status == c.RecognitionStatus.EXPIRED:
        return not_ended & Q(valid_until__lt=today)
    expiring = Q(pk__in=[])
    for scheme, rule in rules_by_scheme().items():
        expiring |= Q(scheme=scheme, valid_until__lte=today + dt.timedelta(days=rule.expiring_days))
    if status == c.RecognitionStatus.EXPIRING:
        return not_ended & Q(valid_until__gte=today) & expiring
    if status == c.RecognitionStatus.VALID:
        return not_ended & (Q(valid_until__isnull=True) | (Q(valid_until__gte=today) & ~expiring))
    raise ValueError(f"unknown status {status!r}")


def held_q(today: dt.date) -> Q:
    """Recognitions in force on `today` (valid or expiring)."""
    return not_ended_q(today) & (Q(valid_until__isnull=True) | Q(valid_until__gte=today))


def application_list(user, action: str = VIEW) -> QuerySet[Application]:
    return for_user(
        Application.objects.select_related("enterprise", "batch", "officer", "agency", "recognition"),
        user,
        action,
    )


application_get = vk.getter(application_list)


def transition_list(user, application: Application) -> QuerySet[ApplicationTransition]:
    return for_user(ApplicationTransition.objects.select_related("by"), user, VIEW).filter(
        application=application
    )


def document_get(user, pk: int) -> ApplicationDocument:
    return get_object_or_404(for_user(ApplicationDocument.objects.all(), user, VIEW), pk=pk)


def annual_reports(user, recognition: Recognition) -> QuerySet[AnnualReport]:
    return for_user(AnnualReport.objects.all(), user, VIEW).filter(recognition=recognition)


def change_events(user, action: str = VIEW) -> QuerySet[ChangeEvent]:
    return for_user(ChangeEvent.objects.select_related("enterprise"), user, action)


def batch_list(user, action: str = VIEW) -> QuerySet[Batch]:
    """Batches are park-level records: read in the parks the user may read (core.parkscope)."""
    return park_scoped(Batch.objects.select_related("park"), user, action)


batch_get = vk.getter(batch_list)


def park_list(user) -> QuerySet[Park]:
    return park_scoped(Park.objects.all(), user, VIEW, path="pk")


def enterprise_choices(user, action: str = CHANGE) -> QuerySet[Enterprise]:
    return for_user(Enterprise.objects.select_related("park"), user, action)


def notification_list(user) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user)


def can_review(user) -> bool:
    return is_staff_role(user)


def recognition_counts_by_status(qs: QuerySet[Recognition], today: dt.date) -> dict[str, int]:
    return {status: qs.filter(status_q(status, today)).count() for status in c.RecognitionStatus.values}


def officers_of_park(park_id: int) -> models.QuerySet:
    from innoladder.accounts.models import User

    return User.objects.filter(role=Role.OFFICER, is_active=True, parks=park_id)


def with_renewal_flag(queryset):
    """Mark each recognition that a later one renews (``has_renewal``): its expiry is not a lapse."""
    return queryset.annotate(has_renewal=Exists(Recognition.objects.filter(renews=OuterRef("pk"))))
