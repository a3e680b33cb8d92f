from django.urls import reverse
from django.utils.translation import gettext as _

from innoladder.core import viewkit as vk

from . import choices as c
from . import selectors


def home_panels(user) -> list[dict]:
    return vk.pending_panel(
        selectors.contract_list(user),
        (c.RegistrationStatus.PREPARING, c.RegistrationStatus.SUBMITTED),
        _("技术合同登记"),
        _("份合同在准备或已提交登记"),
        reverse("contract_list"),
        _("查看技术合同"),
        order=65,
    )
