from django.urls import reverse
from django.utils.translation import gettext as _

from . import choices as c
from . import selectors


def home_panels(user) -> list[dict]:
    qs = selectors.fund_application_list(user)
    pending = qs.filter(status__in=(c.ApplicationStatus.APPLIED, c.ApplicationStatus.ACCEPTED)).count()
    if not pending and not qs.exists():
        return []
    return [
        {
            "title": _("扶持资金申请"),
            "value": pending,
            "text": _("件待受理或待批复"),
            "url": reverse("fund_list") + "?status=accepted",
            "link_text": _("查看资金申请"),
            "order": 60,
        }
    ]
