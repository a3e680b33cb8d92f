"""Fact providers reading the registry: IP transferred in (when no patent-introduction module exists) and
awards by the date they were conferred, each named with its date."""

from django.utils.translation import gettext_noop as _

from innoladder.enterprises.models import Award

from ..choices import Section
from ..facts import Fact, Words, phrase, said, short_name
from . import period_rows, provider, requirement_met


@provider("enterprises.ip_transferred_in", Section.PROJECTS, requires=("enterprises.IPRecord",), order=60)
def ip_transferred_in(this, user, park, start, end):
    """专利引进 from the IP records, used only while the cooperation module has no patent introductions."""
    if requirement_met("cooperation.PatentIntroduction"):
        return []
    qs = period_rows(user, park, start, end, "enterprises.IPRecord", "transferred_on").filter(
        acquisition="transferred"
    )
    return this.rows_fact(
        qs,
        label=_("引进专利"),
        template=_("协助{names}引进专利{figure}"),
        date_field="transferred_on",
        unit="项",
    )


def chinese_date(on) -> tuple:
    """2023-05-26 → "2023年5月26日", as the park writes dates in its reports."""
    return phrase(_("{year}年{month}月{day}日"), year=on.year, month=on.month, day=on.day)


def award_title(award: Award) -> tuple:
    """ "2022年度国际镁科学技术奖年度创新特别贡献奖": the edition year, the award and its grade."""
    return phrase(_("{year}年度{name}{grade}"), year=award.year, name=award.name, grade=award.grade)


def award_winner(award: Award) -> str | tuple:
    """Who won it: the enterprise, or the project it completed (rank 1) or took part in (rank 2 and after)."""
    name = short_name(award.enterprise)
    if not award.project:
        return name
    role = (
        _("{name}参与完成的“{project}”项目")
        if award.rank and award.rank > 1
        else _("{name}完成的“{project}”项目")
    )
    return phrase(role, name=name, project=award.project)


@provider("enterprises.awards", Section.CULTIVATION, requires=("enterprises.Award.awarded_on",), order=80)
def awards(this, user, park, start, end):
    """One sentence per award conferred in the period, in date order, with its date:
    "2023年5月26日，盐湖镁业荣获2022年度国际镁科学技术奖年度创新特别贡献奖". An award without a recorded
    conferral date is in no period."""
    qs = (
        period_rows(user, park, start, end, "enterprises.Award", "awarded_on")
        .select_related("enterprise")
        .order_by("awarded_on", "pk")
    )
    facts = []
    for i, award in enumerate(qs):
        words = Words(
            label=phrase(_("{name}获奖"), name=short_name(award.enterprise)),
            template=phrase(
                _("{on}，{winner}荣获{figure}"), on=chinese_date(award.awarded_on), winner=award_winner(award)
            ),
            figure=award_title(award),
        )
        facts.append(
            Fact(
                **this.fields(
                    award.pk,
                    i,
                    label=words.label_text(translate=False),
                    template=words.template_text(translate=False),
                    figure=said(words.figure),
                    words=words.as_json(),
                    count=1,
                    examples=(short_name(award.enterprise),),
                    model="enterprises.Award",
                    row_ids=(award.pk,),
                    date_field="awarded_on",
                )
            )
        )
    return facts
