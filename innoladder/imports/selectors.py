"""Reads of import batches. A batch is park-level (it may touch many enterprises), so it is scoped by who
uploaded it and by park: admin all; officer their parks' batches and their own; auditor their parks'
batches (read-only); agency and enterprise users only their own uploads."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from innoladder.accounts.choices import Role
from innoladder.core.scoping import CHANGE, VIEW

from .models import ImportBatch


def batch_list(user, action: str = VIEW) -> QuerySet[ImportBatch]:
    qs = ImportBatch.objects.select_related("created_by", "park", "job")
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if action == CHANGE:
        # Only the uploader may commit: the scope post-check is made against the importing user.
        return qs.filter(created_by=user)
    if user.role == Role.ADMIN:
        return qs
    park_ids = list(user.parks.values_list("pk", flat=True))
    if user.role == Role.OFFICER:
        return qs.filter(Q(created_by=user) | Q(park_id__in=park_ids))
    if user.role == Role.AUDITOR:
        return qs.filter(park_id__in=park_ids)
    return qs.filter(created_by=user)


def batch_get(user, pk, action: str = VIEW) -> ImportBatch:
    return get_object_or_404(batch_list(user, action), pk=pk)
