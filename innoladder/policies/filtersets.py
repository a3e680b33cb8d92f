import datetime as dt
import json

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innoladder.core import viewkit as vk

from . import choices as c
from .selectors import in_force_q


class PolicyFilterSet(vk.FilterSet):
    audit_as_posted = True  # the audit records each filter as typed in the bar (blanks included)

    q = vk.SearchFilter(
        fields=("title", "document_number", "issuer"), widget=vk.hint(_("名称、文号或发文机关"))
    )
    level = vk.choice(_("级别"), c.PolicyLevel.choices, empty=_("全部层级"))
    tag = vk.CharFilter(method="tagged", label=_("标签"), widget=vk.hint(_("标签")))
    current = vk.CheckedFilter(
        method="valid_today", label=_("仅现行有效"), widget=forms.CheckboxInput(attrs={"value": "1"})
    )

    def tagged(self, qs, name, value):
        # The tags are a JSON list: SQLite stores a Chinese tag escaped (\u7814…), PostgreSQL as it is.
        escaped = json.dumps(value.strip())[1:-1]
        return qs.filter(Q(tags__icontains=value.strip()) | Q(tags__icontains=escaped))

    def valid_today(self, qs, name, value):
        if not value:
            return qs
        return qs.filter(in_force_q(timezone.localdate()))


class CampaignFilterSet(vk.FilterSet):
    audit_as_posted = True

    q = vk.SearchFilter(fields=("title",))
    year = vk.IntegerFilter(method="ran_in")

    def ran_in(self, qs, name, year):
        return qs.filter(starts_on__lte=dt.date(year, 12, 31), ends_on__gte=dt.date(year, 1, 1))


class TrainingFilterSet(CampaignFilterSet):
    q = vk.SearchFilter(fields=("title", "organiser"))
    year = vk.IntegerFilter(field_name="starts_on__year")
