"""Home page panel: ledgers collected and subsidies for the bureau; projects for enterprises and agencies."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from innoladder.core import viewkit as vk

from . import selectors


def home_panels(user) -> list[dict]:
    year = timezone.localdate().year - 1
    parks = list(selectors.park_list(user).order_by("pk"))
    if parks:
        # One park is named; over several the count covers every enterprise the user may see.
        count = selectors.ledgers_collected(user, parks[0] if len(parks) == 1 else None, year).count()
        if len(parks) == 1:
            caption = _("%(park)s%(year)s年度已归集辅助账的企业数") % {"park": parks[0].name, "year": year}
        else:
            caption = _("可见园区%(year)s年度已归集辅助账的企业数") % {"year": year}
        return [
            vk.panel(_("研发费用辅助账"), count, caption, reverse("rnd_home"), _("查看研发费用"), order=60)
        ]
    projects = selectors.project_list(user).count()
    return [
        vk.panel(
            _("研发项目"), projects, _("可查看的研发项目数"), reverse("rnd_home"), _("查看研发费用"), order=60
        )
    ]
