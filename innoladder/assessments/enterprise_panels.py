"""The assessment section of the enterprise page: ladder, criterion tables, next-step plan."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innoladder.core.enterprise_page import Panel, TimelineEvent

from . import selectors
from .views import panel_context

ORDER = 10  # place of this section on the enterprise page: the ladder first
TITLE = _("梯度评估")  # its entry in the page's section index


def panels(request, enterprise) -> list[Panel]:
    html = render_to_string("assessments/_panel.html", panel_context(request, enterprise), request=request)
    return [Panel(title=TITLE, html=html, order=ORDER)]


def events(request, enterprise, limit: int | None = None) -> list[TimelineEvent]:
    return [
        TimelineEvent(
            on=item.assessed_on,
            title=_("梯度评估（基准日 %(on)s）") % {"on": item.assessed_on.isoformat()},
            kind=_("评估"),
            url=reverse("assessment_detail", args=[item.pk]),
        )
        for item in selectors.assessment_history(request.user, enterprise)
        .select_related(None)
        .only("pk", "assessed_on")[: min(10, limit or 10)]
    ]
