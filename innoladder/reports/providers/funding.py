"""Fact providers reading funding: fund applications filed in the period (by application date, with the
programme kinds), support funds approved in the period (by decision date), innovation vouchers used."""

from django.apps import apps
from django.utils.translation import gettext_noop as _

from ..choices import Section
from ..facts import label_of, listed, phrase
from . import period_rows, provider, rows_provider

APPROVED = ("approved", "paid")


@provider("funding.applications", Section.POLICIES, requires=("funding.FundApplication",), order=10)
def applications(this, user, park, start, end):
    qs = period_rows(
        user,
        park,
        start,
        end,
        "funding.FundApplication",
        "applied_on",
        selector_name="fund_applications_in_period",
    )
    kinds = []
    for label in qs.order_by("programme__kind").values_list("programme__kind", flat=True).distinct():
        kinds.append(label)
    kind_labels = dict(apps.get_model("funding", "Programme")._meta.get_field("kind").choices)
    order = list(kind_labels)
    kinds.sort(key=lambda k: order.index(k) if k in order else len(order))
    named_kinds = [label_of(kind_labels.get(k, k)) for k in kinds if k != "other"]
    template = (
        phrase(_("协助{names}{enterprises}申报{kinds}等扶持资金{figure}"), kinds=listed(named_kinds))
        if named_kinds
        else _("协助{names}{enterprises}申报扶持资金{figure}")
    )
    return this.rows_fact(qs, label=_("扶持资金申报"), template=template, date_field="applied_on", unit="项")


rows_provider(
    "funding.approved",
    Section.POLICIES,
    order=15,
    model="funding.FundApplication",
    date_field="decided_on",
    requires_date_field=True,
    where={"status__in": APPROVED},
    label=_("获批扶持资金"),
    template=_("{names}{enterprises}获批各类扶持资金{figure}"),
    unit="",
    amount_field="approved_amount",
)
rows_provider(
    "funding.vouchers",
    Section.POLICIES,
    order=25,
    model="funding.VoucherUse",
    date_field="used_on",
    label=_("创新券兑付"),
    template=_("{names}{enterprises}使用科技创新券{figure}"),
    unit="",
    amount_field="amount",
)
