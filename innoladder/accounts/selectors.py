"""Reads for the account administration screens: only the 安全管理员 sees accounts (others get nothing)."""

from django.db.models import Q, QuerySet

from . import roles
from .choices import RequestStatus
from .models import CredentialRequest, User


def users_for(user) -> QuerySet[User]:
    if not roles.can_manage_accounts(user):
        return User.objects.none()
    return User.objects.select_related("agency", "enterprise").order_by("username")


def user_list(user, *, role: str = "", q: str = "") -> QuerySet[User]:
    qs = users_for(user)
    if role:
        qs = qs.filter(role=role)
    if q:
        qs = qs.filter(Q(username__icontains=q) | Q(display_name__icontains=q))
    return qs


def user_get(user, pk: int) -> User | None:
    return users_for(user).filter(pk=pk).first()


def requests_for(user) -> QuerySet[CredentialRequest]:
    if not roles.can_manage_accounts(user):
        return CredentialRequest.objects.none()
    return CredentialRequest.objects.select_related("target", "requested_by", "decided_by")


def pending_requests(user) -> QuerySet[CredentialRequest]:
    return requests_for(user).filter(status=RequestStatus.PENDING)
