import datetime as dt

from django.db.models import Q, QuerySet

from innoladder.core import viewkit as vk
from innoladder.enterprises.models import in_park

from . import choices as c
from .models import TechContract

# Read in view scope; written (any other action) by bureau staff and by agencies on assigned enterprises.
contract_list, contract_get = vk.selectors(
    lambda: TechContract.objects.select_related("enterprise"), vk.scoped
)


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
    return in_park(contract_list(user).filter(condition), park).order_by("prepared_on", "id")


def writable_enterprises(user):
    """The enterprises a contract may be recorded for, by name."""
    return vk.enterprise_choices(user).order_by("name")
