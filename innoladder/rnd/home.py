"""Home page panel: ledgers collected and subsidies for the bureau; projects for enterprises and agencies."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from innoladder.core import viewkit as vk

from . import selectors


def home_panels(user) -> list[dict]:
    year = timezone.localdate().year - 1
    parks = list(selectors.park_list(user)[:1])
    if parks:
        count = selectors.ledgers_collected(user, parks[0], year).count()
        return [
            vk.panel(
                _("研发费用辅助账"),
                count,
                _("%(park)s%(year)s年度已归集辅助账的企业数") % {"park": parks[0].name, "year": year},
                reverse("rnd_home"),
                _("查看研发费用"),
                order=60,
            )
        ]
    projects = selectors.project_list(user).count()
    return [
        vk.panel(
            _("研发项目"), projects, _("可查看的研发项目数"), reverse("rnd_home"), _("查看研发费用"), order=60
        )
    ]
