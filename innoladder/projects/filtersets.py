from django.utils.translation import gettext_lazy as _

from innoladder.core import viewkit as vk

from .choices import ProjectLevel, ProjectStatus


class ProjectFilterSet(vk.FilterSet):
    q = vk.SearchFilter(fields=("title", "enterprise__name", "programme"))
    start, end = vk.period("approved_on", _("立项起始"), _("立项截止"))
    status = vk.choice(_("状态"), ProjectStatus.choices)
    level = vk.choice(_("级别"), ProjectLevel.choices)
    year = vk.IntegerFilter(label=_("年度"))
