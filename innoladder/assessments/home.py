"""Home panel: how many enterprises already meet, or nearly meet, a tier they do not hold."""

from django.urls import reverse
from django.utils.translation import gettext as _

from innoladder.core import viewkit as vk

from . import choices as c
from . import selectors


def home_panels(user) -> list[dict]:
    if not selectors.may_see_candidates(user):
        return []
    near = (
        selectors.latest_results(user)
        .filter(standing__in=(c.Standing.ELIGIBLE, c.Standing.CLOSE))
        .values("enterprise_id")
        .distinct()
        .count()
    )
    return [
        vk.panel(
            _("候选企业"),
            near,
            _("已符合或仅差一项条件即可申报某一梯度的企业（按每家企业最近一次评估）"),
            reverse("candidate_list"),
            _("查看候选企业"),
            order=30,
        )
    ]
