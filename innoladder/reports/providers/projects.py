"""Fact providers reading S&T plan projects: approved in the period (by approval date) and tracked (approved
before the period and not finished before it started)."""

from django.apps import apps
from django.db.models import Q
from django.utils.translation import gettext_noop as _

from innoladder.core.scoping import for_user
from innoladder.enterprises.models import park_q

from ..choices import Section
from ..facts import in_period, listed, phrase, rows_fact, with_suffix
from . import provider, selector


def _projects(user, park):
    model = apps.get_model("projects", "Project")
    return for_user(model.objects.all(), user).filter(park_q("enterprise__park", park))


@provider("projects.approved", Section.PROJECTS, requires=("projects.Project.approved_on",), order=30)
def approved(user, park, start, end):
    found = selector("projects", "projects_approved_in_period")
    qs = (
        found(user, park, start, end)
        if found
        else _projects(user, park).filter(**in_period("approved_on", start, end))
    )
    facts = rows_fact(
        qs,
        key="projects.approved",
        section=Section.PROJECTS,
        label=_("新立项科技计划项目"),
        template=_("{names}承担的{figure}科技计划项目获批立项"),
        date_field="approved_on",
        unit="项",
        order=30,
    )
    if facts:
        titles = [phrase(_("“{title}”"), title=p.title) for p in qs.order_by("approved_on", "pk")[:2]]
        titles = listed(titles, more=facts[0].count > 2)
        facts = [with_suffix(facts[0], phrase(_("（{titles}）"), titles=titles))]
    return facts


@provider("projects.tracked", Section.PROJECTS, requires=("projects.Project.approved_on",), order=20)
def tracked(user, park, start, end):
    """Projects approved before the period and still running at its start: the ones the bureau followed."""
    qs = (
        _projects(user, park)
        .filter(approved_on__lt=start)
        .filter(Q(finished_on__isnull=True) | Q(finished_on__gte=start))
    )
    return rows_fact(
        qs,
        key="projects.tracked",
        section=Section.PROJECTS,
        label=_("跟踪在研科技计划项目"),
        template=_("跟踪服务{names}往年立项的在研科技计划项目{figure}"),
        date_field="approved_on",
        unit="项",
        order=20,
    )
