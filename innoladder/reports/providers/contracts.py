"""Fact providers reading technology contracts: registration prepared in the period (by the preparation
date) and contracts registered in it (by the registration date) with their technology transaction amount."""

from django.utils.translation import gettext_noop as _

from ..choices import Section
from ..facts import rows_fact
from . import period_rows, provider


@provider("contracts.prepared", Section.POLICIES, requires=("contracts.TechContract.prepared_on",), order=40)
def prepared(user, park, start, end):
    return rows_fact(
        period_rows(user, park, start, end, "contracts.TechContract", "prepared_on"),
        key="contracts.prepared",
        section=Section.POLICIES,
        label=_("技术合同登记准备"),
        template=_("协助{names}{figure}做好技术合同认定登记准备工作"),
        date_field="prepared_on",
        unit="家企业",
        distinct_enterprises=True,
        order=40,
    )


@provider(
    "contracts.registered", Section.POLICIES, requires=("contracts.TechContract.registered_on",), order=41
)
def registered(user, park, start, end):
    qs = period_rows(user, park, start, end, "contracts.TechContract", "registered_on").filter(
        status="registered"
    )
    return rows_fact(
        qs,
        key="contracts.registered",
        section=Section.POLICIES,
        label=_("技术合同登记技术交易额"),
        template=_("{names}{enterprises}完成技术合同认定登记，实现技术交易额{figure}"),
        date_field="registered_on",
        unit="",
        amount_field="transaction_amount",
        order=41,
    )
