"""Scoping for park-level records (funding programmes, policies, campaigns, training events).

They belong to a park, not to one enterprise: admin sees all; officers see and change their parks;
auditors read their parks (all parks when they have none, as in core.scoping); enterprise users and
agencies read the parks of the enterprises they may see. Only admin and officers may change.
"""

from django.db import models

from innoladder.accounts.choices import Role
from innoladder.core.scoping import VIEW, enterprise_q, region_park_ids


def park_q(user, action: str = VIEW, path: str = "park") -> models.Q | None:
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    role = user.role
    if role == Role.ADMIN:
        return models.Q()
    if role == Role.OFFICER:
        return models.Q(**{f"{path}__in": user.parks.all()})
    if action != VIEW:
        return None
    if role == Role.AUDITOR:
        parks = list(user.parks.values_list("pk", flat=True))
        return models.Q(**{f"{path}__in": parks}) if parks else None
    if role == Role.REGIONAL:
        return models.Q(**{f"{path}__in": region_park_ids(user)})
    if role in (Role.ENTERPRISE, Role.AGENCY):
        from innoladder.enterprises.models import Enterprise

        condition = enterprise_q(user, VIEW)
        if condition is None:
            return None
        return models.Q(**{f"{path}__in": Enterprise.objects.filter(condition).values("park_id")})
    return None


def park_scoped(queryset, user, action: str = VIEW, path: str = "park"):
    condition = park_q(user, action, path)
    return queryset.none() if condition is None else queryset.filter(condition)


def writable_parks(user):
    from innoladder.enterprises.models import Park

    return park_scoped(Park.objects.all(), user, "change", path="pk")
