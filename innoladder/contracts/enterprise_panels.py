from django.template.loader import render_to_string

from innoladder.core.enterprise_page import Panel, TimelineEvent

from . import selectors

ORDER = 65  # place of this section on the enterprise page


def panels(request, enterprise) -> list[Panel]:
    contracts = list(selectors.contract_list(request.user).filter(enterprise=enterprise)[:20])
    if not contracts:
        return []
    html = render_to_string("contracts/_enterprise_panel.html", {"contracts": contracts}, request=request)
    return [Panel(title="技术合同登记", html=html, order=ORDER)]


def events(request, enterprise) -> list[TimelineEvent]:
    found = []
    for t in selectors.contract_list(request.user).filter(enterprise=enterprise):
        url = t.get_absolute_url()
        found.append(
            TimelineEvent(t.signed_on, f"签订{t.get_category_display()}合同：{t.title}", "技术合同", url)
        )
        if t.registered_on:
            found.append(
                TimelineEvent(
                    t.registered_on,
                    f"技术合同认定登记（{t.registration_number}）：{t.title}",
                    "技术合同",
                    url,
                )
            )
    return found
