"""The enterprise page (一企一档): S&T plan projects led by the enterprise, and their status dates."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from innoladder.core.enterprise_page import Panel, TimelineEvent

from . import selectors
from .models import ProjectHistory

ORDER = 55  # place of this section on the enterprise page


def panels(request, enterprise) -> list[Panel]:
    projects = list(selectors.project_list(request.user).filter(enterprise=enterprise))
    html = render_to_string("projects/_enterprise_panel.html", {"projects": projects}, request=request)
    return [Panel(title=_("科技计划项目"), html=html, order=ORDER)]


def events(request, enterprise) -> list[TimelineEvent]:
    visible = selectors.project_list(request.user).filter(enterprise=enterprise)
    history = ProjectHistory.objects.filter(project__in=visible).select_related("project")
    return [
        TimelineEvent(
            on=h.on,
            title=f"{h.project.title}：{h.get_to_status_display()}",
            kind=_("科技计划项目"),
            url=h.project.get_absolute_url(),
        )
        for h in history
    ]
