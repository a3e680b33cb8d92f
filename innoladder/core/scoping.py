"""The one scoping function: which rows a user may see or change.

Every view, export and API goes through `for_user(queryset, user, action)`; default deny. Models declare
`scope_enterprise_path`: "" for Enterprise itself, "enterprise" for records of one enterprise, or another
ORM path to the enterprise. Out-of-scope objects are simply absent, so views answer 404.
"""

from django.db import models
from django.utils import timezone

VIEW = "view"
CHANGE = "change"
DELETE = "delete"
ACTIONS = (VIEW, CHANGE, DELETE)


def _path(prefix: str, field: str) -> str:
    return f"{prefix}__{field}" if prefix else field


def user_parks(user) -> list[tuple[int, str]]:
    """The parks the user is staff of, (id, name) by name, read once per user object (one request): the
    scope of park staff and the names a page shows for them come from the same read."""
    cached = getattr(user, "_innoladder_parks", None)
    if cached is None:
        cached = list(user.parks.order_by("name").values_list("pk", "name"))
        user._innoladder_parks = cached
    return cached


def _park_ids(user) -> list[int]:
    """The user's parks, read once per user object (one request) instead of once per query."""
    cached = getattr(user, "_innoladder_park_ids", None)
    if cached is None:
        cached = [pk for pk, _name in user_parks(user)]
        user._innoladder_park_ids = cached
    return cached


def region_park_ids(user) -> list[int]:
    """A regional officer's parks (those of their region and its sub-regions), read once per user object."""
    cached = getattr(user, "_innoladder_region_park_ids", None)
    if cached is None:
        region = user.region if user.region_id is not None else None
        cached = list(region.park_ids) if region is not None else []
        user._innoladder_region_park_ids = cached
    return cached


def enterprise_q(user, action: str, prefix: str = "") -> models.Q | None:
    """Q object selecting the enterprises (at `prefix`) the user may act on; None means nothing."""
    from innoladder.accounts.choices import Role

    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    role = user.role
    if role == Role.ADMIN:
        return models.Q()
    if role == Role.AUDITOR:
        if action != VIEW:
            return None
        park_ids = _park_ids(user)
        # A park auditor reads their parks only; with none they read nothing, as an officer without parks
        # (reading every park is the audit administrator's duty, by role, in the audit log only).
        return models.Q(**{_path(prefix, "park_id__in"): park_ids}) if park_ids else None
    if role == Role.OFFICER:
        return models.Q(**{_path(prefix, "park_id__in"): _park_ids(user)})
    if role == Role.REGIONAL:
        # A regional officer reads every park of their region and its sub-regions, and changes nothing.
        if action != VIEW or user.region_id is None:
            return None
        return models.Q(**{_path(prefix, "park_id__in"): region_park_ids(user)})
    if role == Role.AGENCY:
        if action == DELETE or user.agency_id is None:
            return None
        today = timezone.localdate()
        from innoladder.accounts.models import AgencyAssignment

        enterprise_ids = AgencyAssignment.objects.filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=today),
            agency_id=user.agency_id,
            starts_on__lte=today,
        ).values("enterprise_id")
        return models.Q(**{_path(prefix, "pk__in"): enterprise_ids})
    if role == Role.ENTERPRISE:
        if action == DELETE or user.enterprise_id is None:
            return None
        return models.Q(**{_path(prefix, "pk"): user.enterprise_id})
    return None


def audit_log_q(user, action: str) -> models.Q | None:
    """Audit entries the user may read; None means nothing. Nobody may change or delete one.

    审计管理员: every entry, by role (system-wide). 审计员 (park-scoped): the entries about their parks
    (`park_id`, stored with the entry) and the entries without a park made by someone of their parks (an
    officer of one, or a user of one of its enterprises: logins, exports); an auditor bound to no park reads
    nothing. Nobody else: not the 系统管理员 nor the 安全管理员 (三权分立), nor any business role.
    """
    from innoladder.accounts.choices import Role

    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if action != VIEW or user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.role == Role.AUDITADMIN:
        return models.Q()
    if user.role != Role.AUDITOR:
        return None
    park_ids = _park_ids(user)
    if not park_ids:
        return None
    from innoladder.accounts.models import User

    park_people = User.objects.filter(
        models.Q(parks__in=park_ids) | models.Q(enterprise__park_id__in=park_ids)
    ).values("pk")
    return models.Q(park_id__in=park_ids) | models.Q(park_id__isnull=True, actor_id__in=park_people)


class ScopedQuerySet(models.QuerySet):
    def for_user(self, user, action: str = VIEW):
        return for_user(self, user, action)


def for_user(queryset, user, action: str = VIEW):
    """Restrict `queryset` (or a model) to what `user` may do `action` on."""
    if isinstance(queryset, type) and issubclass(queryset, models.Model):
        queryset = queryset._default_manager.all()
    if getattr(queryset.model, "scope_audit_log", False):
        condition = audit_log_q(user, action)
    else:
        path = getattr(queryset.model, "scope_enterprise_path", None)
        if path is None:
            raise TypeError(f"{queryset.model.__name__} declares no scope_enterprise_path")
        condition = enterprise_q(user, action, path)
    if condition is None:
        return queryset.none()
    return queryset.filter(condition)


def can_see_park(user, park) -> bool:
    from innoladder.accounts.choices import Role

    if not user.is_authenticated:
        return False
    if user.role == Role.ADMIN:
        return True
    if user.role in (Role.OFFICER, Role.AUDITOR):
        return user.parks.filter(pk=park.pk).exists()
    if user.role == Role.REGIONAL:
        return park.pk in region_park_ids(user)
    return False


def is_staff_role(user) -> bool:
    """Park administrators and officers: the people who run the bureau's work."""
    from innoladder.accounts.choices import Role

    return user.is_authenticated and user.role in (Role.ADMIN, Role.OFFICER)
