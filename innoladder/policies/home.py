from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from innoladder.core import viewkit as vk

from . import selectors


def home_panels(user) -> list[dict]:
    current = selectors.policy_list(user).filter(selectors.in_force_q(timezone.localdate())).count()
    if not current:
        return []
    return [
        vk.panel(
            _("现行政策"),
            current,
            _("项政策在有效期内，可查看匹配企业与免申即享候选名单"),
            reverse("policy_list") + "?current=1",
            _("查看政策库"),
            order=70,
        )
    ]
