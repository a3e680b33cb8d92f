"""Home-page panels: unread notifications and the next deadlines the user can see."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from innoladder.core import viewkit as vk
from innoladder.core.notifications import unread_count

from . import obligations


def home_panels(user) -> list[dict]:
    today = timezone.localdate()
    upcoming = obligations.items(user, today, today + dt.timedelta(days=90), today)
    upcoming.sort(key=lambda i: (i.due_on, i.enterprise_name))
    text = _("；").join(
        f"{i.due_on:%m-%d} {i.enterprise_name + _('：') if i.enterprise_name else ''}{i.title}"
        for i in upcoming[:3]
    )

    return [
        vk.panel(
            _("未读通知"),
            unread_count(user),
            _("到期提醒和工作通知"),
            reverse("notification_list"),
            _("通知中心"),
            order=10,
        ),
        vk.panel(
            _("近期到期事项（90天内）"),
            len(upcoming),
            text or _("暂无"),
            reverse("obligation_list"),
            _("保存量日历"),
            order=20,
        ),
    ]
