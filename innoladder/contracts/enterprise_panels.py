from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from innoladder.core import viewkit as vk
from innoladder.core.enterprise_page import Column, Listing, Panel, TimelineEvent, bounded
from innoladder.enterprises.money import wan_text

from . import selectors

ORDER = 65  # place of this section on the enterprise page

_contracts = vk.enterprise_rows(selectors.contract_list, "-signed_on", "-id")


LISTINGS = {
    "contracts": Listing(
        "技术合同登记",
        _contracts,
        (
            Column("合同名称", lambda t: t.title),
            Column("类别", lambda t: t.get_category_display()),
            Column("对方", lambda t: t.counterparty_name),
            Column("签订日期", lambda t: t.signed_on),
            Column("技术交易额(万元)", lambda t: wan_text(t.transaction_amount, grouping=True)),
            Column("登记状态", lambda t: t.get_status_display()),
        ),
    ),
}


def panels(request, enterprise) -> list[Panel]:
    contracts = bounded(_contracts(request, enterprise), enterprise, "contracts", "contracts")
    if not contracts:
        return []
    html = render_to_string("contracts/_enterprise_panel.html", {"contracts": contracts}, request=request)
    return [Panel(title="技术合同登记", html=html, order=ORDER)]


def events(request, enterprise, limit: int | None = None) -> list[TimelineEvent]:
    found = []
    for t in _contracts(request, enterprise)[:limit]:
        url = t.get_absolute_url()
        found.append(
            TimelineEvent(
                t.signed_on,
                _("签订%(category)s合同：%(title)s")
                % {"category": t.get_category_display(), "title": t.title},
                _("技术合同"),
                url,
            )
        )
        if t.registered_on:
            found.append(
                TimelineEvent(
                    t.registered_on,
                    _("技术合同认定登记（%(number)s）：%(title)s")
                    % {"number": t.registration_number, "title": t.title},
                    _("技术合同"),
                    url,
                )
            )
    return found
