from django import forms
from django.utils.translation import gettext_lazy as _

from innoladder.core import viewkit as vk

from . import choices as c


class FundingFilterSet(vk.FilterSet):
    """The audit of an export records each filter as it was typed in the bar (blanks included)."""

    audit_as_posted = True


class ApplicationFilterSet(FundingFilterSet):
    q = vk.SearchFilter(fields=("enterprise__name", "title"), widget=vk.hint(_("企业或事项")))
    kind = vk.choice(_("类别"), c.ProgrammeKind.choices, field_name="programme__kind", empty=_("全部类别"))
    status = vk.choice(_("状态"), c.ApplicationStatus.choices, empty=_("全部状态"))
    year = vk.IntegerFilter(
        field_name="applied_on__year", label=_("申请年度"), widget=vk.hint(_("申请年度"), 6)
    )


class ProgrammeFilterSet(FundingFilterSet):
    q = vk.SearchFilter(fields=("name",), widget=vk.hint(_("项目名称")))
    kind = vk.choice(_("类别"), c.ProgrammeKind.choices, empty=_("全部类别"))
    year = vk.IntegerFilter(label=_("年度"), widget=vk.hint(_("年度"), 6))


class VoucherFilterSet(FundingFilterSet):
    q = vk.SearchFilter(fields=("enterprise__name", "provider"), widget=vk.hint(_("企业或服务机构")))
    service_type = vk.choice(_("服务类型"), c.ServiceType.choices, empty=_("全部服务类型"))
    year = vk.IntegerFilter(field_name="used_on__year", label=_("年度"), widget=vk.hint(_("年度"), 6))


class BalanceFilterForm(vk.StyledMixin, forms.Form):
    """The balances' one filter: the year (read from the query as the export reads it)."""

    year = forms.CharField(label=_("年度"), required=False, widget=vk.hint(_("年度"), 6))
