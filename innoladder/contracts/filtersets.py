from django.utils.translation import gettext_lazy as _

from innoladder.core import viewkit as vk

from . import choices as c


class ContractFilterSet(vk.FilterSet):
    audit_as_posted = True  # the audit records each filter as typed in the bar (blanks included)

    q = vk.SearchFilter(
        fields=("title", "enterprise__name", "seller_name", "buyer_name"), widget=vk.hint(_("合同或当事人"))
    )
    category = vk.choice(_("类别"), c.ContractCategory.choices, empty=_("全部类别"))
    status = vk.choice(_("状态"), c.RegistrationStatus.choices, empty=_("全部状态"))
    year = vk.IntegerFilter(
        field_name="signed_on__year", label=_("签订年度"), widget=vk.hint(_("签订年度"), 6)
    )
