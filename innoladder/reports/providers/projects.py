"""Fact providers reading S&T plan projects: approved in the period (by approval date) and tracked (approved
before the period and not finished before it started)."""

from django.db.models import Q
from django.utils.translation import gettext_noop as _

from ..choices import Section
from ..facts import listed, phrase, with_suffix
from . import park_rows, period_rows, provider


@provider("projects.approved", Section.PROJECTS, requires=("projects.Project.approved_on",), order=30)
def approved(this, user, park, start, end):
    qs = period_rows(
        user, park, start, end, "projects.Project", "approved_on", selector_name="projects_approved_in_period"
    )
    facts = this.rows_fact(
        qs,
        label=_("新立项科技计划项目"),
        template=_("{names}承担的{figure}科技计划项目获批立项"),
        date_field="approved_on",
        unit="项",
    )
    if facts:
        titles = [phrase(_("“{title}”"), title=p.title) for p in qs.order_by("approved_on", "pk")[:2]]
        titles = listed(titles, more=facts[0].count > 2)
        facts = [with_suffix(facts[0], phrase(_("（{titles}）"), titles=titles))]
    return facts


@provider("projects.tracked", Section.PROJECTS, requires=("projects.Project.approved_on",), order=20)
def tracked(this, user, park, start, end):
    """Projects approved before the period and still running at its start: the ones the bureau followed."""
    qs = (
        park_rows(user, park, "projects.Project")
        .filter(approved_on__lt=start)
        .filter(Q(finished_on__isnull=True) | Q(finished_on__gte=start))
    )
    return this.rows_fact(
        qs,
        label=_("跟踪在研科技计划项目"),
        template=_("跟踪服务{names}往年立项的在研科技计划项目{figure}"),
        date_field="approved_on",
        unit="项",
    )
