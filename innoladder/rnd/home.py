"""Home page panel: ledgers collected and subsidies for the bureau; projects for enterprises and agencies."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import selectors


def home_panels(user) -> list[dict]:
    year = timezone.localdate().year - 1
    parks = list(selectors.park_list(user)[:1])
    if parks:
        count = selectors.ledgers_collected(user, parks[0], year).count()
        return [
            {
                "title": _("研发费用辅助账"),
                "value": count,
                "text": _("%(park)s%(year)s年度已归集辅助账的企业数") % {"park": parks[0].name, "year": year},
                "url": reverse("rnd_home"),
                "link_text": _("查看研发费用"),
                "order": 60,
            }
        ]
    projects = selectors.project_list(user).count()
    return [
        {
            "title": _("研发项目"),
            "value": projects,
            "text": _("可查看的研发项目数"),
            "url": reverse("rnd_home"),
            "link_text": _("查看研发费用"),
            "order": 60,
        }
    ]
