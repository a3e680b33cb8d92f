from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from innoladder.core.scoping import VIEW, for_user

from .models import Enterprise


def enterprise_list(user, action: str = VIEW) -> QuerySet[Enterprise]:
    return for_user(Enterprise.objects.select_related("park"), user, action)


def enterprise_get(user, pk: int, action: str = VIEW) -> Enterprise:
    """The enterprise if the user may act on it; otherwise 404, so ids cannot be probed."""
    return get_object_or_404(enterprise_list(user, action), pk=pk)
