"""Who may write service-work records (visits, requests, projects, cooperation): role plus change scope."""

from django.http import Http404

from innoladder.accounts.choices import Role
from innoladder.core.scoping import CHANGE, VIEW, for_user

WRITERS = (Role.ADMIN, Role.OFFICER, Role.AGENCY)


def can_write(user) -> bool:
    """Service-work records are written by admins, officers and agencies (on assigned enterprises)."""
    return user.is_authenticated and user.role in WRITERS


def writable(queryset, user):
    """Rows the user may edit: change scope, and never enterprise users or auditors."""
    if not can_write(user):
        return queryset.none()
    return for_user(queryset, user, CHANGE)


def scoped(queryset, user, action: str = VIEW):
    """The selector body of a service-work list: view scope to read, `writable` for anything else."""
    if action == VIEW:
        return for_user(queryset, user, VIEW)
    return writable(queryset, user)


def require_writer(user) -> None:
    """Create pages: a writer with at least one enterprise to write on (else 404, like any other record)."""
    from innoladder.enterprises.models import Enterprise

    if not can_write(user) or not for_user(Enterprise.objects.all(), user, CHANGE).exists():
        raise Http404


def enterprise_choices(user, action: str = CHANGE):
    """The enterprises a service-work form may name: those the user may write to (or, for `VIEW`, see)."""
    from innoladder.enterprises.models import Enterprise

    if action == CHANGE and not can_write(user):
        return Enterprise.objects.none()
    return for_user(Enterprise.objects.select_related("park"), user, action)
