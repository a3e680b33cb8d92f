from django.urls import reverse
from django.utils.translation import gettext as _

from innoladder.accounts.choices import Role
from innoladder.core import viewkit as vk

from . import selectors


def home_panels(user) -> list[dict]:
    if user.role in (Role.ENTERPRISE, Role.AGENCY):
        pending = selectors.open_campaigns_for(user).order_by("campaign__deadline")
        first = pending.first()
        return [
            vk.panel(
                _("年度数据填报"),
                pending.count(),
                _("待处理填报任务，最近截止：%(day)s") % {"day": f"{first.campaign.deadline:%Y-%m-%d}"}
                if first
                else _("暂无待填报任务"),
                first.get_absolute_url() if first else reverse("campaign_list"),
                _("去填报") if first else _("查看"),
                order=10,
            )
        ]
    if user.role in (Role.ADMIN, Role.OFFICER):
        campaign = selectors.campaign_list(user).filter(status="open").first()
        if campaign is None:
            return []
        progress = selectors.campaign_progress(user, campaign)
        return [
            vk.panel(
                campaign.title,
                f"{progress['rate']}%",
                _("已提交 %(done)s/%(total)s 家，截止 %(day)s")
                % {
                    "done": progress["completed"],
                    "total": progress["total"],
                    "day": f"{campaign.deadline:%Y-%m-%d}",
                },
                campaign.get_absolute_url(),
                order=30,
            )
        ]
    return []
