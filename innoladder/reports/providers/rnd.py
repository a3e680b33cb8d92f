"""Fact providers reading the R&D ledger: ledgers collected for the previous fiscal year, and the R&D
subsidies (研发投入补助) secured in the period (by award date)."""

from django.apps import apps
from django.utils.translation import gettext_noop as _

from ..choices import Section
from ..facts import phrase, records
from . import park_rows, provider, rows_provider, selector


def _collection_years(start, end) -> list[int]:
    """Ledgers of fiscal year Y are collected in the first half of Y+1 (before the 5月 tax settlement)."""
    return [year - 1 for year in range(start.year, end.year + 1)]


@provider("rnd.ledgers", Section.PROJECTS, requires=("rnd.LedgerLine",), order=10)
def ledgers(this, user, park, start, end):
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
        facts += this.facts_from_rows(
            enterprises,
            enterprises,
            part=year,
            model="enterprises.Enterprise",
            label=phrase(_("{year}年度研发费用辅助账归集"), year=year),
            template=phrase(_("完成{names}{figure}{year}年度研发费用辅助账归集"), year=year),
            date_field="",
            unit="家企业",
            counts_enterprises=True,
        )
    return facts


rows_provider(
    "rnd.subsidies",
    Section.POLICIES,
    order=20,
    model="rnd.SubsidyAward",
    date_field="awarded_on",
    selector_name="subsidy_awards",
    label=_("研发投入补助资金"),
    template=_("为{names}{enterprises}争取研发费用加计扣除后补助资金{figure}"),
    unit="",
    amount_field="amount",
)
