"""Reads of the cooperation app, built on `innoladder.core.scoping.for_user`.

Report selectors (issue 9), each `(user, park, start, end)` → scoped queryset, period inclusive:
- `cooperation_in_period`: cooperation projects signed in the period;
- `patent_introductions_in_period`: patents introduced (transferred/licensed in) in the period;
- `talents_in_period`: talents reserved or recognised (入库/认定日期) in the period.
`park=None` means every park the user may see.
"""

import datetime as dt

from django.db.models import QuerySet

from innoladder.core.scoping import DELETE, VIEW, for_user
from innoladder.core.viewkit.access import scoped
from innoladder.enterprises.models import in_park

from .models import Cooperation, PatentIntroduction, Talent


def _scoped(model, user, action):
    """Read in view scope, deleted in delete scope, edited by writers only (the kit's `scoped`)."""
    qs = model.objects.select_related("enterprise")
    if action == DELETE:
        return for_user(qs, user, DELETE)
    return scoped(qs, user, action)


def cooperation_list(user, action: str = VIEW) -> QuerySet[Cooperation]:
    return _scoped(Cooperation, user, action)


def patent_list(user, action: str = VIEW) -> QuerySet[PatentIntroduction]:
    return _scoped(PatentIntroduction, user, action)


def talent_list(user, action: str = VIEW) -> QuerySet[Talent]:
    return _scoped(Talent, user, action)


def cooperation_in_period(user, park, start: dt.date, end: dt.date) -> QuerySet[Cooperation]:
    return in_park(cooperation_list(user).filter(signed_on__gte=start, signed_on__lte=end), park)


def patent_introductions_in_period(user, park, start: dt.date, end: dt.date) -> QuerySet[PatentIntroduction]:
    return in_park(patent_list(user).filter(introduced_on__gte=start, introduced_on__lte=end), park)


def talents_in_period(user, park, start: dt.date, end: dt.date) -> QuerySet[Talent]:
    return in_park(talent_list(user).filter(recorded_on__gte=start, recorded_on__lte=end), park)
