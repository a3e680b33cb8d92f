from django.urls import reverse
from django.utils.translation import gettext as _

from innoladder.core import viewkit as vk

from . import choices as c
from . import selectors


def home_panels(user) -> list[dict]:
    return vk.pending_panel(
        selectors.fund_application_list(user),
        (c.ApplicationStatus.APPLIED, c.ApplicationStatus.ACCEPTED),
        _("扶持资金申请"),
        _("件待受理或待批复"),
        reverse("fund_list") + "?status=accepted",
        _("查看资金申请"),
        order=60,
    )
