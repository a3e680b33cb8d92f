"""Fact providers reading policies: promotion campaigns (the enterprises reached in the period, by the
reach date) and training events starting in the period (the enterprises enrolled)."""

from collections import defaultdict

from django.utils.translation import gettext_noop as _

from ..choices import Section
from ..facts import facts_from_rows, phrase, records
from . import distinct_enterprises, period_rows, provider


def _quoted(title: str) -> str | tuple:
    return title if title.startswith(("“", "《")) else phrase(_("“{title}”"), title=title)


@provider("policies.campaigns", Section.POLICIES, requires=("policies.CampaignReach.reached_on",), order=50)
def campaigns(user, park, start, end):
    rows = records(
        period_rows(
            user, park, start, end, "policies.CampaignReach", "reached_on", path="campaign__park"
        ).order_by("campaign__starts_on", "campaign_id", "reached_on", "pk"),
        "campaign_id",
        "campaign__title",
    )
    by_campaign: dict[int, list] = defaultdict(list)
    for row in rows:
        by_campaign[row.campaign_id].append(row)
    facts = []
    for i, (campaign_id, members) in enumerate(by_campaign.items()):
        title = members[0].campaign__title
        enterprises = distinct_enterprises(members)
        facts += facts_from_rows(
            enterprises,
            enterprises,
            model="enterprises.Enterprise",
            key=f"policies.campaigns.{campaign_id}",
            section=Section.POLICIES,
            label=phrase(_("{title}覆盖企业"), title=title),
            template=phrase(
                _("开展{campaign}政策宣传，深入{names}{figure}宣讲惠企政策"), campaign=_quoted(title)
            ),
            date_field="",
            unit="家企业",
            counts_enterprises=True,
            order=50 + i,
        )
    return facts


@provider("policies.trainings", Section.POLICIES, requires=("policies.TrainingEnrolment",), order=60)
def trainings(user, park, start, end):
    rows = records(
        period_rows(
            user, park, start, end, "policies.TrainingEnrolment", "event__starts_on", path="event__park"
        ).order_by("event__starts_on", "event_id", "pk"),
        "event_id",
        "event__title",
    )
    by_event: dict[int, list] = defaultdict(list)
    for row in rows:
        by_event[row.event_id].append(row)
    facts = []
    for i, (event_id, members) in enumerate(by_event.items()):
        title = members[0].event__title
        enterprises = distinct_enterprises(members)
        facts += facts_from_rows(
            members,
            enterprises,
            model="policies.TrainingEnrolment",
            key=f"policies.trainings.{event_id}",
            section=Section.POLICIES,
            label=phrase(_("{title}参训企业"), title=title),
            template=phrase(_("组织{names}{figure}参加{event}"), event=_quoted(title)),
            date_field="",
            unit="家企业",
            distinct_enterprises=True,
            order=60 + i,
        )
    return facts
