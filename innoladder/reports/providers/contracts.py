"""Fact providers reading technology contracts: registration prepared in the period (by the preparation
date) and contracts registered in it (by the registration date) with their technology transaction amount."""

from django.utils.translation import gettext_noop as _

from ..choices import Section
from . import rows_provider

rows_provider(
    "contracts.prepared",
    Section.POLICIES,
    order=40,
    model="contracts.TechContract",
    date_field="prepared_on",
    requires_date_field=True,
    label=_("技术合同登记准备"),
    template=_("协助{names}{figure}做好技术合同认定登记准备工作"),
    unit="家企业",
    distinct_enterprises=True,
)
rows_provider(
    "contracts.registered",
    Section.POLICIES,
    order=41,
    model="contracts.TechContract",
    date_field="registered_on",
    requires_date_field=True,
    where={"status": "registered"},
    label=_("技术合同登记技术交易额"),
    template=_("{names}{enterprises}完成技术合同认定登记，实现技术交易额{figure}"),
    unit="",
    amount_field="transaction_amount",
)
