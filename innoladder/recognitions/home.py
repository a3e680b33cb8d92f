"""Home-page panels: unread notifications and the next deadlines the user can see."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

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
        {
            "title": _("未读通知"),
            "value": unread_count(user),
            "text": _("到期提醒和工作通知"),
            "url": reverse("notification_list"),
            "link_text": _("通知中心"),
            "order": 10,
        },
        {
            "title": _("近期到期事项（90天内）"),
            "value": len(upcoming),
            "text": text or _("暂无"),
            "url": reverse("obligation_list"),
            "link_text": _("保存量日历"),
            "order": 20,
        },
    ]
