"""The enterprise page (一企一档): cooperation projects, patents introduced and talents."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innoladder.core import viewkit as vk
from innoladder.core.enterprise_page import Column, Listing, Panel, TimelineEvent, bounded

from . import selectors

ORDER = 65  # place of this section on the enterprise page

_cooperations = vk.enterprise_rows(selectors.cooperation_list, "-signed_on", "-id")
_patents = vk.enterprise_rows(selectors.patent_list, "-introduced_on", "-id")
_talents = vk.enterprise_rows(selectors.talent_list, "-recorded_on", "-id")
LISTS = {"cooperations": _cooperations, "patents": _patents, "talents": _talents}


LISTINGS = {
    "cooperations": Listing(
        gettext_lazy("产学研合作"),
        _cooperations,
        (
            Column(gettext_lazy("合作项目"), lambda c: c.title),
            Column(gettext_lazy("合作方"), lambda c: c.partner),
            Column(gettext_lazy("签订日期"), lambda c: c.signed_on),
        ),
    ),
    "patents": Listing(
        gettext_lazy("专利引进"),
        _patents,
        (
            Column(gettext_lazy("专利号"), lambda p: p.patent_number),
            Column(gettext_lazy("名称"), lambda p: p.title),
            Column(gettext_lazy("引进日期"), lambda p: p.introduced_on),
        ),
    ),
    "talents": Listing(
        gettext_lazy("人才"),
        _talents,
        (
            Column(gettext_lazy("姓名"), lambda t: t.name),
            Column(gettext_lazy("类别"), lambda t: t.get_category_display()),
            Column(gettext_lazy("状态"), lambda t: t.get_status_display()),
            Column(gettext_lazy("登记日期"), lambda t: t.recorded_on),
        ),
    ),
}


def panels(request, enterprise) -> list[Panel]:
    context = {
        key: bounded(rows(request, enterprise), enterprise, "cooperation", key) for key, rows in LISTS.items()
    }
    html = render_to_string("cooperation/_enterprise_panel.html", context, request=request)
    return [Panel(title=_("产学研合作、专利引进与人才"), html=html, order=ORDER)]


def events(request, enterprise, limit: int | None = None) -> list[TimelineEvent]:
    rows = {key: listed(request, enterprise)[:limit] for key, listed in LISTS.items()}
    found = [
        TimelineEvent(
            on=c.signed_on,
            title=_("%(partner)s：%(title)s") % {"partner": c.partner, "title": c.title},
            kind=_("产学研合作"),
            url=c.get_absolute_url(),
        )
        for c in rows["cooperations"]
    ]
    found += [
        TimelineEvent(
            on=p.introduced_on,
            title=_("%(mode)s引进专利 %(number)s %(title)s")
            % {"mode": p.get_mode_display(), "number": p.patent_number, "title": p.title},
            kind=_("专利引进"),
            url=p.get_absolute_url(),
        )
        for p in rows["patents"]
    ]
    found += [
        TimelineEvent(
            on=t.recorded_on,
            title=_("%(name)s（%(category)s，%(status)s）")
            % {"name": t.name, "category": t.get_category_display(), "status": t.get_status_display()},
            kind=_("人才"),
            url=t.get_absolute_url(),
        )
        for t in rows["talents"]
    ]
    return found
