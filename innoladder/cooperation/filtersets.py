from django.utils.translation import gettext_lazy as _

from innoladder.core import viewkit as vk

from .choices import CooperationKind, IntroductionMode, TalentCategory, TalentStatus


class CooperationFilterSet(vk.FilterSet):
    q = vk.SearchFilter(fields=("title", "enterprise__name", "partner"))
    start, end = vk.period("signed_on")
    kind = vk.choice(_("合作方式"), CooperationKind.choices)


class PatentFilterSet(vk.FilterSet):
    q = vk.SearchFilter(fields=("title", "enterprise__name", "patent_number"))
    start, end = vk.period("introduced_on")
    mode = vk.choice(_("引进方式"), IntroductionMode.choices)


class TalentFilterSet(vk.FilterSet):
    q = vk.SearchFilter(fields=("name", "enterprise__name", "field"))
    start, end = vk.period("recorded_on")
    category = vk.choice(_("人才类别"), TalentCategory.choices)
    status = vk.choice(_("状态"), TalentStatus.choices)
