"""Fact providers reading policies: promotion campaigns (the enterprises reached in the period, by the
reach date) and training events starting in the period (the enterprises enrolled)."""

from django.utils.translation import gettext_noop as _

from ..choices import Section
from ..facts import phrase, records
from . import distinct_enterprises, grouped, period_rows, provider


def _quoted(title: str) -> str | tuple:
    return title if title.startswith(("“", "《")) else phrase(_("“{title}”"), title=title)


@provider("policies.campaigns", Section.POLICIES, requires=("policies.CampaignReach.reached_on",), order=50)
def campaigns(this, user, park, start, end):
    rows = records(
        period_rows(
            user, park, start, end, "policies.CampaignReach", "reached_on", path="campaign__park"
        ).order_by("campaign__starts_on", "campaign_id", "reached_on", "pk"),
        "campaign_id",
        "campaign__title",
    )
    facts = []
    for i, (campaign_id, members) in enumerate(grouped(rows, lambda row: row.campaign_id).items()):
        title = members[0].campaign__title
        enterprises = distinct_enterprises(members)
        facts += this.facts_from_rows(
            enterprises,
            enterprises,
            part=campaign_id,
            step=i,
            model="enterprises.Enterprise",
            label=phrase(_("{title}覆盖企业"), title=title),
            template=phrase(
                _("开展{campaign}政策宣传，深入{names}{figure}宣讲惠企政策"), campaign=_quoted(title)
            ),
            date_field="",
            unit="家企业",
            counts_enterprises=True,
        )
    return facts


@provider("policies.trainings", Section.POLICIES, requires=("policies.TrainingEnrolment",), order=60)
def trainings(this, user, park, start, end):
    rows = records(
        period_rows(
            user, park, start, end, "policies.TrainingEnrolment", "event__starts_on", path="event__park"
        ).order_by("event__starts_on", "event_id", "pk"),
        "event_id",
        "event__title",
    )

    def words(event_id, members):
        title = members[0].event__title
        return {
            "part": event_id,
            "label": phrase(_("{title}参训企业"), title=title),
            "template": phrase(_("组织{names}{figure}参加{event}"), event=_quoted(title)),
        }

    by_event = grouped(rows, lambda row: row.event_id)
    return this.group_facts(by_event, words, model="policies.TrainingEnrolment", date_field="")
