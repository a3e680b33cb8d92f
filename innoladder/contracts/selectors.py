import datetime as dt

from django.db.models import Q, QuerySet

from innoladder.core import viewkit as vk
from innoladder.core.scoping import for_user
from innoladder.enterprises.models import park_q

from . import choices as c
from .models import TechContract

contract_list, contract_get = vk.selectors(lambda: TechContract.objects.select_related("enterprise"))


def contracts_in_period(
    user, park, start: dt.date, end: dt.date, status: str | None = None
) -> QuerySet[TechContract]:
    """Contracts whose registration was prepared or registered in [start, end], by recorded dates.

    status="registered" keeps those registered in the period; status="preparing" those prepared in
    it (whatever happened later), so a past period reads as it stood.
    """
    prepared = Q(prepared_on__gte=start, prepared_on__lte=end)
    registered = Q(status=c.RegistrationStatus.REGISTERED, registered_on__gte=start, registered_on__lte=end)
    condition = {"registered": registered, "preparing": prepared}.get(status or "", prepared | registered)
    qs = contract_list(user).filter(condition)
    if park is not None:
        qs = qs.filter(park_q("enterprise__park", park))
    return qs.order_by("prepared_on", "id")


def contract_writable(user) -> QuerySet[TechContract]:
    """Contracts the user may edit: bureau staff, and agencies on assigned enterprises; not enterprises."""
    from innoladder.accounts.choices import Role

    if not user.is_authenticated or user.role not in (Role.ADMIN, Role.OFFICER, Role.AGENCY):
        return TechContract.objects.none()
    return contract_list(user, "change")


def writable_enterprises(user):
    from innoladder.accounts.choices import Role
    from innoladder.enterprises.models import Enterprise

    if not user.is_authenticated or user.role not in (Role.ADMIN, Role.OFFICER, Role.AGENCY):
        return Enterprise.objects.none()
    return for_user(Enterprise.objects.all(), user, "change").order_by("name")
