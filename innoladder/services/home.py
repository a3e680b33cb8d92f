"""Home panels: open requests, overdue requests and visits this month."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from innoladder.accounts.choices import Role
from innoladder.core import viewkit as vk

from . import selectors


def home_panels(user) -> list[dict]:
    today = timezone.localdate()
    counts = selectors.request_counts(user, today)
    url = reverse("request_list")
    panels = [
        vk.panel(
            _("在办诉求"),
            counts["open"],
            _("待受理和办理中的企业诉求"),
            url + "?status=",
            _("查看诉求"),
            order=40,
        ),
        vk.panel(
            _("超期诉求"),
            counts["overdue"],
            _("已超过办理时限仍未办结"),
            url + "?overdue=on",
            _("查看超期诉求"),
            order=41,
        ),
    ]
    if user.role != Role.ENTERPRISE:
        month_start = today.replace(day=1)
        visits = selectors.visit_list(user).filter(visited_on__gte=month_start, visited_on__lte=today).count()
        panels.append(
            vk.panel(
                _("本月走访"),
                visits,
                _("本月已记录的走访次数"),
                reverse("visit_list") + f"?start={month_start.isoformat()}",
                _("查看走访"),
                order=42,
            )
        )
    return panels
