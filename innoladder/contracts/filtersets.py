from django.utils.translation import gettext_lazy as _

from innoladder.core import viewkit as vk

from . import choices as c


class ContractFilterSet(vk.FilterSet):
    audit_as_posted = True  # a hand-written filter bar: the audit records what was typed

    q = vk.SearchFilter(fields=("title", "enterprise__name", "seller_name", "buyer_name"))
    category = vk.choice(_("类别"), c.ContractCategory.choices)
    status = vk.choice(_("状态"), c.RegistrationStatus.choices)
    year = vk.IntegerFilter(field_name="signed_on__year")
