"""The enterprise page (一企一档): S&T plan projects led by the enterprise, and their status dates."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innoladder.core import viewkit as vk
from innoladder.core.enterprise_page import Column, Listing, Panel, TimelineEvent, bounded

from . import selectors
from .models import ProjectHistory

ORDER = 55  # place of this section on the enterprise page

_projects = vk.enterprise_rows(selectors.project_list, "-year", "title", "id")


LISTINGS = {
    "projects": Listing(
        gettext_lazy("科技计划项目"),
        _projects,
        (
            Column(gettext_lazy("项目名称"), lambda p: p.title),
            Column(gettext_lazy("级别"), lambda p: p.get_level_display()),
            Column(gettext_lazy("年度"), lambda p: p.year),
            Column(gettext_lazy("状态"), lambda p: p.get_status_display()),
        ),
    ),
}


def panels(request, enterprise) -> list[Panel]:
    projects = bounded(_projects(request, enterprise), enterprise, "projects", "projects")
    html = render_to_string("projects/_enterprise_panel.html", {"projects": projects}, request=request)
    return [Panel(title=_("科技计划项目"), html=html, order=ORDER)]


def events(request, enterprise, limit: int | None = None) -> list[TimelineEvent]:
    visible = selectors.project_list(request.user).filter(enterprise=enterprise)
    history = (
        ProjectHistory.objects.filter(project__in=visible)
        .select_related("project")
        .order_by("-on", "-id")[:limit]
    )
    return [
        TimelineEvent(
            on=h.on,
            title=_("%(title)s：%(status)s")
            % {"title": h.project.title, "status": h.get_to_status_display()},
            kind=_("科技计划项目"),
            url=h.project.get_absolute_url(),
        )
        for h in history
    ]
