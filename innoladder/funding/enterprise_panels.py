from django.template.loader import render_to_string

from innoladder.core.enterprise_page import Panel, TimelineEvent

from . import selectors

ORDER = 60  # place of this section on the enterprise page


def panels(request, enterprise) -> list[Panel]:
    applications = list(selectors.fund_application_list(request.user).filter(enterprise=enterprise)[:20])
    balances = selectors.voucher_balances(request.user, enterprise=enterprise)
    if not applications and not balances:
        return []
    html = render_to_string(
        "funding/_enterprise_panel.html",
        {"applications": applications, "balances": balances},
        request=request,
    )
    return [Panel(title="扶持资金与创新券", html=html, order=ORDER)]


def events(request, enterprise) -> list[TimelineEvent]:
    found = []
    for a in selectors.fund_application_list(request.user).filter(enterprise=enterprise):
        url = a.get_absolute_url()
        found.append(
            TimelineEvent(
                a.applied_on, f"申请{a.programme.get_kind_display()}资金：{a.title}", "扶持资金", url
            )
        )
        if a.decided_on:
            found.append(TimelineEvent(a.decided_on, f"{a.title}：{a.get_status_display()}", "扶持资金", url))
        if a.paid_on:
            found.append(TimelineEvent(a.paid_on, f"{a.title}：资金已拨付", "扶持资金", url))
    for u in selectors.voucher_use_list(request.user).filter(enterprise=enterprise):
        found.append(
            TimelineEvent(
                u.used_on,
                f"使用创新券（{u.get_service_type_display()}，{u.provider}）",
                "创新券",
                u.get_absolute_url(),
            )
        )
    return found
