from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innoladder.core import viewkit as vk

from . import choices as c
from . import selectors


class BatchFilterSet(vk.FilterSet):
    scheme = vk.choice(_("认定类别"), c.Scheme.choices)
    year = vk.IntegerFilter(label=_("年度"))


class ApplicationFilterSet(vk.FilterSet):
    q = vk.SearchFilter(fields=("enterprise__name",))
    status = vk.CharFilter(label=_("状态"), method="with_status")
    scheme = vk.choice(_("认定类别"), c.Scheme.choices, field_name="batch__scheme")
    kind = vk.choice(_("申报类型"), c.ApplicationKind.choices)
    batch = vk.IntegerFilter(field_name="batch_id")
    enterprise = vk.IntegerFilter(field_name="enterprise_id")

    def with_status(self, qs, name, value):
        """`open`: every application still under way; else one status."""
        return qs.filter(status__in=c.OPEN_STATUSES) if value == "open" else qs.filter(status=value)


class RecognitionFilterSet(vk.FilterSet):
    q = vk.SearchFilter(fields=("enterprise__name",))
    scheme = vk.choice(_("认定类别"), c.Scheme.choices)
    level = vk.choice(_("级别"), c.RecognitionLevel.choices)
    status = vk.choice(_("状态"), c.RecognitionStatus.choices, method="with_status")
    enterprise = vk.IntegerFilter(field_name="enterprise_id")
    batch = vk.IntegerFilter(field_name="batch_id")

    def with_status(self, qs, name, value):
        """The status a recognition has today (held, expiring, expired…), computed from its dates."""
        return qs.filter(selectors.status_q(value, timezone.localdate()))
