from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from innoladder.core import viewkit as vk
from innoladder.core.enterprise_page import Column, Listing, Panel, TimelineEvent, bounded
from innoladder.enterprises.money import wan_text

from . import selectors

ORDER = 60  # place of this section on the enterprise page

_applications = vk.enterprise_rows(selectors.fund_application_list, "-applied_on", "-id")
_voucher_uses = vk.enterprise_rows(selectors.voucher_use_list, "-used_on", "-id")


def _wan(amount):
    return None if amount is None else wan_text(amount, grouping=True)


LISTINGS = {
    "applications": Listing(
        "扶持资金申请",
        _applications,
        (
            Column("申报事项", lambda a: a.title),
            Column("扶持资金项目", lambda a: a.programme),
            Column("申请日期", lambda a: a.applied_on),
            Column("申请(万元)", lambda a: _wan(a.requested_amount)),
            Column("批准(万元)", lambda a: _wan(a.approved_amount)),
            Column("拨付(万元)", lambda a: _wan(a.paid_amount)),
            Column("状态", lambda a: a.get_status_display()),
        ),
    ),
}


def panels(request, enterprise) -> list[Panel]:
    applications = bounded(_applications(request, enterprise), enterprise, "funding", "applications")
    balances = selectors.voucher_balances(request.user, enterprise=enterprise)
    if not applications and not balances:
        return []
    html = render_to_string(
        "funding/_enterprise_panel.html",
        {"applications": applications, "balances": balances},
        request=request,
    )
    return [Panel(title="扶持资金与创新券", html=html, order=ORDER)]


def events(request, enterprise, limit: int | None = None) -> list[TimelineEvent]:
    found = []
    for a in _applications(request, enterprise).select_related("programme")[:limit]:
        url = a.get_absolute_url()
        found.append(
            TimelineEvent(
                a.applied_on,
                _("申请%(kind)s资金：%(title)s") % {"kind": a.programme.get_kind_display(), "title": a.title},
                _("扶持资金"),
                url,
            )
        )
        if a.decided_on:
            title = _("%(title)s：%(status)s") % {"title": a.title, "status": a.get_status_display()}
            found.append(TimelineEvent(a.decided_on, title, _("扶持资金"), url))
        if a.paid_on:
            title = _("%(title)s：资金已拨付") % {"title": a.title}
            found.append(TimelineEvent(a.paid_on, title, _("扶持资金"), url))
    for u in _voucher_uses(request, enterprise)[:limit]:
        found.append(
            TimelineEvent(
                u.used_on,
                _("使用创新券（%(service)s，%(provider)s）")
                % {"service": u.get_service_type_display(), "provider": u.provider},
                _("创新券"),
                u.get_absolute_url(),
            )
        )
    return found
