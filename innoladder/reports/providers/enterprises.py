"""Fact providers reading the registry: IP transferred in (when no patent-introduction module exists) and
awards with a recorded award date."""

from innoladder.core.scoping import for_user
from innoladder.enterprises.models import Award, IPRecord

from ..choices import Section
from ..facts import in_period, rows_fact
from . import provider, requirement_met


@provider("enterprises.ip_transferred_in", Section.PROJECTS, requires=("enterprises.IPRecord",), order=60)
def ip_transferred_in(user, park, start, end):
    """专利引进 from the IP records, used only while the cooperation module has no patent introductions."""
    if requirement_met("cooperation.PatentIntroduction"):
        return []
    qs = for_user(IPRecord.objects.all(), user).filter(
        enterprise__park=park, acquisition="transferred", **in_period("transferred_on", start, end)
    )
    return rows_fact(
        qs,
        key="enterprises.ip_transferred_in",
        section=Section.PROJECTS,
        label="引进专利",
        template="协助{names}引进专利{figure}",
        date_field="transferred_on",
        unit="项",
        order=60,
    )


@provider("enterprises.awards", Section.CULTIVATION, requires=("enterprises.Award.awarded_on",), order=80)
def awards(user, park, start, end):
    qs = for_user(Award.objects.all(), user).filter(
        enterprise__park=park, **in_period("awarded_on", start, end)
    )
    return rows_fact(
        qs,
        key="enterprises.awards",
        section=Section.CULTIVATION,
        label="企业获奖",
        template="{names}获得科技奖励{figure}",
        date_field="awarded_on",
        unit="项",
        order=80,
    )
