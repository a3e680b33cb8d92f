import datetime as dt

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innoladder.core import viewkit as vk

from . import choices as c


class PolicyFilterSet(vk.FilterSet):
    audit_as_posted = True  # a hand-written filter bar: the audit records what was typed

    q = vk.SearchFilter(fields=("title", "document_number", "issuer"))
    level = vk.choice(_("级别"), c.PolicyLevel.choices)
    tag = vk.CharFilter(field_name="tags", lookup_expr="icontains")
    current = vk.CharFilter(method="valid_today")

    def valid_today(self, qs, name, value):
        today = timezone.localdate()
        return qs.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today)).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=today)
        )


class CampaignFilterSet(vk.FilterSet):
    audit_as_posted = True

    q = vk.SearchFilter(fields=("title",))
    year = vk.IntegerFilter(method="ran_in")

    def ran_in(self, qs, name, year):
        return qs.filter(starts_on__lte=dt.date(year, 12, 31), ends_on__gte=dt.date(year, 1, 1))


class TrainingFilterSet(CampaignFilterSet):
    q = vk.SearchFilter(fields=("title", "organiser"))
    year = vk.IntegerFilter(field_name="starts_on__year")
