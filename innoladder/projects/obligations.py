"""Project milestones in the obligations calendar: open milestones due in the window, scoped."""

import datetime as dt

from django.utils.translation import gettext as _

from innoladder.core.obligations import ObligationItem

from . import selectors


def items(user, start: dt.date, end: dt.date) -> list[ObligationItem]:
    milestones = selectors.milestone_list(user).filter(
        done_on__isnull=True, due_on__gte=start, due_on__lte=end
    )
    return [
        ObligationItem(
            key=f"project-milestone:{m.pk}",
            due_on=m.due_on,
            kind="project_milestone",
            title=_("科技计划项目节点：%(project)s · %(milestone)s")
            % {"project": m.project.title, "milestone": m.title},
            enterprise_id=m.project.enterprise_id,
            enterprise_name=m.project.enterprise.name,
            url=m.project.get_absolute_url(),
        )
        for m in milestones
    ]
