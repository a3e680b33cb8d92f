from django.urls import reverse
from django.utils.translation import gettext as _

from . import choices as c
from . import selectors


def home_panels(user) -> list[dict]:
    qs = selectors.contract_list(user)
    pending = qs.filter(status__in=(c.RegistrationStatus.PREPARING, c.RegistrationStatus.SUBMITTED)).count()
    if not pending and not qs.exists():
        return []
    return [
        {
            "title": _("技术合同登记"),
            "value": pending,
            "text": _("份合同在准备或已提交登记"),
            "url": reverse("contract_list"),
            "link_text": _("查看技术合同"),
            "order": 65,
        }
    ]
