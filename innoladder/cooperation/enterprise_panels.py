"""The enterprise page (一企一档): cooperation projects, patents introduced and talents."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from innoladder.core.enterprise_page import Panel, TimelineEvent

from . import selectors

ORDER = 65  # place of this section on the enterprise page


def _rows(request, enterprise):
    user = request.user
    return {
        "cooperations": list(selectors.cooperation_list(user).filter(enterprise=enterprise)),
        "patents": list(selectors.patent_list(user).filter(enterprise=enterprise)),
        "talents": list(selectors.talent_list(user).filter(enterprise=enterprise)),
    }


def panels(request, enterprise) -> list[Panel]:
    html = render_to_string("cooperation/_enterprise_panel.html", _rows(request, enterprise), request=request)
    return [Panel(title=_("产学研合作、专利引进与人才"), html=html, order=ORDER)]


def events(request, enterprise) -> list[TimelineEvent]:
    rows = _rows(request, enterprise)
    found = [
        TimelineEvent(
            on=c.signed_on, title=f"{c.partner}：{c.title}", kind=_("产学研合作"), url=c.get_absolute_url()
        )
        for c in rows["cooperations"]
    ]
    found += [
        TimelineEvent(
            on=p.introduced_on,
            title=f"{p.get_mode_display()}引进专利 {p.patent_number} {p.title}",
            kind=_("专利引进"),
            url=p.get_absolute_url(),
        )
        for p in rows["patents"]
    ]
    found += [
        TimelineEvent(
            on=t.recorded_on,
            title=f"{t.name}（{t.get_category_display()}，{t.get_status_display()}）",
            kind=_("人才"),
            url=t.get_absolute_url(),
        )
        for t in rows["talents"]
    ]
    return found
