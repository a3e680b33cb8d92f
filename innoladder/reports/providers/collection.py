"""Fact provider reading the annual data collection: submissions accepted in the period (by acceptance
date), per fiscal year."""

from django.utils.translation import gettext_noop as _

from ..choices import Section
from ..facts import phrase, records
from . import grouped, park_rows, provider


@provider("collection.accepted", Section.SERVICES, requires=("collection.Submission.accepted_at",), order=40)
def accepted(this, user, park, start, end):
    rows = records(
        park_rows(user, park, "collection.Submission")
        .filter(
            status="accepted",
            accepted_at__date__gte=start,
            accepted_at__date__lte=end,
        )
        .order_by("accepted_at", "pk"),
        "campaign__fiscal_year",
    )
    by_year = dict(sorted(grouped(rows, lambda row: row.campaign__fiscal_year).items()))
    return this.group_facts(
        by_year,
        lambda year, _members: {
            "part": year,
            "label": phrase(_("{year}年度数据填报审核"), year=year),
            "template": phrase(_("完成{names}{figure}{year}年度科技创新数据填报审核"), year=year),
        },
        steps=False,
        model="collection.Submission",
        date_field="accepted_at",
    )
