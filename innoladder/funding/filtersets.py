from django.utils.translation import gettext_lazy as _

from innoladder.core import viewkit as vk

from . import choices as c


class FundingFilterSet(vk.FilterSet):
    """The funding screens' filter bars are hand-written; the audit records what was typed in them."""

    audit_as_posted = True


class ApplicationFilterSet(FundingFilterSet):
    q = vk.SearchFilter(fields=("enterprise__name", "title"))
    status = vk.choice(_("状态"), c.ApplicationStatus.choices)
    kind = vk.choice(_("类别"), c.ProgrammeKind.choices, field_name="programme__kind")
    year = vk.IntegerFilter(field_name="applied_on__year")


class ProgrammeFilterSet(FundingFilterSet):
    q = vk.SearchFilter(fields=("name",))
    kind = vk.choice(_("类别"), c.ProgrammeKind.choices)
    year = vk.IntegerFilter()


class VoucherFilterSet(FundingFilterSet):
    q = vk.SearchFilter(fields=("enterprise__name", "provider"))
    service_type = vk.choice(_("服务类型"), c.ServiceType.choices)
    year = vk.IntegerFilter(field_name="used_on__year")
