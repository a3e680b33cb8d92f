from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innoladder.core import viewkit as vk

from . import selectors
from .choices import RequestStatus, Topic
from .models import RequestCategory, Visit


class VisitFilterSet(vk.FilterSet):
    q = vk.CharFilter(label=_("关键词"), method="search")
    start, end = vk.period("visited_on")
    topic = vk.choice(_("走访内容"), Topic.choices, method="with_topic")

    def search(self, qs, name, value):
        return qs.filter(
            Q(pk__in=Visit.objects.filter(enterprises__name__icontains=value).values("pk"))
            | Q(notes__icontains=value)
            | Q(department__icontains=value)
        )

    def with_topic(self, qs, name, value):
        # JSON containment is not portable across SQLite/PostgreSQL; the quoted code is unique in the list.
        return qs.filter(topics__icontains=f'"{value}"')


class RequestFilterSet(vk.FilterSet):
    q = vk.SearchFilter(fields=("title", "enterprise__name", "department"))
    start, end = vk.period("raised_on")
    status = vk.choice(_("状态"), RequestStatus.choices)
    category = vk.ModelChoiceFilter(label=_("类别"), queryset=RequestCategory.objects.all())
    overdue = vk.CheckedFilter(label=_("仅超期"), method="only_overdue")

    def only_overdue(self, qs, name, value):
        return selectors.overdue_requests(qs, timezone.localdate()) if value else qs
