from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innoladder.core import viewkit as vk

from . import choices as c
from . import selectors


class BatchFilterSet(vk.FilterSet):
    scheme = vk.choice(_("认定类别"), c.Scheme.choices, empty=_("全部类别"))
    year = vk.IntegerFilter(label=_("年度"), widget=vk.hint(_("年度")))


class ApplicationFilterSet(vk.FilterSet):
    q = vk.SearchFilter(fields=("enterprise__name",), widget=vk.hint(_("企业名称")))
    status = vk.choice(
        _("状态"),
        [("open", _("进行中")), *c.ApplicationStatus.choices],
        method="with_status",
        empty=_("全部状态"),
    )
    scheme = vk.choice(_("认定类别"), c.Scheme.choices, field_name="batch__scheme", empty=_("全部类别"))
    kind = vk.choice(_("申报类型"), c.ApplicationKind.choices)
    batch = vk.IntegerFilter(field_name="batch_id")
    enterprise = vk.IntegerFilter(field_name="enterprise_id")

    def with_status(self, qs, name, value):
        """`open`: every application still under way; else one status."""
        return qs.filter(status__in=c.OPEN_STATUSES) if value == "open" else qs.filter(status=value)


class RecognitionFilterSet(vk.FilterSet):
    q = vk.SearchFilter(fields=("enterprise__name",), widget=vk.hint(_("企业名称")))
    scheme = vk.choice(_("认定类别"), c.Scheme.choices, empty=_("全部类别"))
    level = vk.choice(_("级别"), c.RecognitionLevel.choices)
    status = vk.choice(_("状态"), c.RecognitionStatus.choices, method="with_status", empty=_("全部状态"))
    enterprise = vk.IntegerFilter(field_name="enterprise_id")
    batch = vk.IntegerFilter(field_name="batch_id")

    def with_status(self, qs, name, value):
        """The status a recognition has today (held, expiring, expired…), computed from its dates."""
        return qs.filter(selectors.status_q(value, timezone.localdate()))
