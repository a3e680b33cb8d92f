"""Fact providers reading the R&D ledger: ledgers collected for the previous fiscal year, and the R&D
subsidies (研发投入补助) secured in the period (by award date)."""

from django.apps import apps
from django.utils.translation import gettext_noop as _

from ..choices import Section
from ..facts import facts_from_rows, phrase, records, rows_fact
from . import park_rows, period_rows, provider, selector


def _collection_years(start, end) -> list[int]:
    """Ledgers of fiscal year Y are collected in the first half of Y+1 (before the 5月 tax settlement)."""
    return [year - 1 for year in range(start.year, end.year + 1)]


@provider("rnd.ledgers", Section.PROJECTS, requires=("rnd.LedgerLine",), order=10)
def ledgers(user, park, start, end):
    collected = selector("rnd", "ledgers_collected")
    line = apps.get_model("rnd", "LedgerLine")
    facts = []
    for year in _collection_years(start, end):
        if collected is not None:
            qs = collected(user, park, year)
        else:
            with_lines = line.objects.filter(date__year=year).values("enterprise_id")
            qs = park_rows(user, park, "enterprises.Enterprise", "park").filter(pk__in=with_lines)
        enterprises = records(qs.order_by("name", "pk"), path="")
        facts += facts_from_rows(
            enterprises,
            enterprises,
            model="enterprises.Enterprise",
            key=f"rnd.ledgers.{year}",
            section=Section.PROJECTS,
            label=phrase(_("{year}年度研发费用辅助账归集"), year=year),
            template=phrase(_("完成{names}{figure}{year}年度研发费用辅助账归集"), year=year),
            date_field="",
            unit="家企业",
            counts_enterprises=True,
            order=10,
        )
    return facts


@provider("rnd.subsidies", Section.POLICIES, requires=("rnd.SubsidyAward",), order=20)
def subsidies(user, park, start, end):
    return rows_fact(
        period_rows(user, park, start, end, "rnd.SubsidyAward", "awarded_on", selector_name="subsidy_awards"),
        key="rnd.subsidies",
        section=Section.POLICIES,
        label=_("研发投入补助资金"),
        template=_("为{names}{enterprises}争取研发费用加计扣除后补助资金{figure}"),
        date_field="awarded_on",
        unit="",
        amount_field="amount",
        order=20,
    )
