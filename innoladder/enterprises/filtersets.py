"""Filters, text search and sorting of the enterprise list, shared by the page and its xlsx exports."""

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from innoladder.accounts.choices import Role
from innoladder.core.scoping import region_park_ids, user_parks
from innoladder.eligibility import uscc

from . import choices as c
from .models import Enterprise, Park

SORTS = {
    "name": ("name", "企业名称"),
    "uscc": ("uscc", "统一社会信用代码"),
    "registered_on": ("registered_on", "成立日期"),
    "park": ("park__name", "所属园区"),
    "size_class": ("size_class", "企业规模"),
    "pool": ("pool", "培育库"),
    "status": ("status", "状态"),
    "updated_at": ("updated_at", "更新时间"),
}


def visible_parks(user) -> QuerySet[Park]:
    """Parks whose filter option the user may pick: all for admin, their own parks for park staff."""
    if not user.is_authenticated:
        return Park.objects.none()
    if user.role == Role.ADMIN:
        return Park.objects.all()
    if user.role in (Role.OFFICER, Role.AUDITOR):
        own = Park.objects.filter(staff=user)
        return own
    if user.role == Role.REGIONAL:
        return Park.objects.filter(pk__in=region_park_ids(user))
    return Park.objects.none()


def park_officers(parks):
    """The officers of `parks` (ids or a queryset), by username: the contact officers one may pick."""
    from innoladder.accounts.models import User

    return User.objects.filter(role=Role.OFFICER, parks__in=parks).distinct().order_by("username")


def visible_park_options(user) -> list[tuple[int, str]]:
    """(id, name) of visible_parks(user) by name; park staff's own parks from the read their scope makes
    anyway (core.scoping.user_parks), so the page reads them once."""
    if user.is_authenticated and user.role in (Role.OFFICER, Role.AUDITOR):
        return list(user_parks(user))
    return list(visible_parks(user).values_list("pk", "name"))


class EnterpriseFilterSet(forms.Form):
    """GET parameters: q, park, sub_zone, industry, tech_field, pool, tag, officer, status, sort."""

    q = forms.CharField(label=_("关键词"), required=False, max_length=100)
    park = forms.TypedChoiceField(label=_("园区"), required=False, coerce=int, empty_value=None)
    sub_zone = forms.CharField(label=_("园区分区"), required=False, max_length=100)
    industry = forms.CharField(label=_("行业代码"), required=False, max_length=5)
    tech_field = forms.ChoiceField(label=_("技术领域"), required=False)
    pool = forms.ChoiceField(label=_("培育库"), required=False)
    tag = forms.CharField(label=_("标签"), required=False, max_length=50)
    officer = forms.TypedChoiceField(label=_("联系干部"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("状态"), required=False)
    sort = forms.ChoiceField(label=_("排序"), required=False)

    def __init__(self, data=None, *, user):
        super().__init__(data)
        self.user = user
        parks = visible_park_options(user)
        self.fields["park"].choices = [("", _("全部园区")), *parks]
        self.fields["tech_field"].choices = [("", _("全部领域")), *c.TechField.choices]
        self.fields["pool"].choices = [("", _("全部")), ("none", _("未入库")), *c.Pool.choices[1:]]
        self.fields["status"].choices = [("", _("全部状态")), *c.EnterpriseStatus.choices]
        self.fields["sort"].choices = [("", _("默认"))] + [
            (f"{prefix}{key}", label) for key, (_, label) in SORTS.items() for prefix in ("", "-")
        ]
        officers = []
        if parks:
            officers = list(park_officers([pk for pk, _ in parks]).only("username", "display_name"))
        self.park_options = parks
        # Named as everywhere else (str: the person's name, else the login name); the rows' contact
        # officers are mostly these, so the list names them without a read of its own.
        self.officer_names = {officer.pk: str(officer) for officer in officers}
        self.officer_options = list(self.officer_names.items())
        self.fields["officer"].choices = [("", _("全部")), *self.officer_options]

    @property
    def values(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}

    def filter(self, queryset: QuerySet[Enterprise]) -> QuerySet[Enterprise]:
        v = self.values
        if text := v.get("q", "").strip():
            code = uscc.normalise(text)
            queryset = queryset.filter(
                Q(name__icontains=text) | Q(former_names_text__icontains=text) | Q(uscc__startswith=code)
            )
        if "park" in v:
            queryset = queryset.filter(park_id=v["park"])
        if "sub_zone" in v:
            queryset = queryset.filter(sub_zone=v["sub_zone"])
        if "industry" in v:
            # LIKE 'C26%' is evaluated inside the covering filter index while the page walks the name index;
            # a range here made SQLite sort every matching row instead (bench/bench_registry.py).
            queryset = queryset.filter(industry_code__startswith=v["industry"].strip().upper())
        if "tech_field" in v:
            queryset = queryset.filter(tech_field=v["tech_field"])
        if "pool" in v:
            queryset = queryset.filter(pool="" if v["pool"] == "none" else v["pool"])
        if "tag" in v:
            queryset = queryset.filter(tags_text__contains=f"|{v['tag'].strip()}|")
        if "officer" in v:
            queryset = queryset.filter(assigned_officer_id=v["officer"])
        if "status" in v:
            queryset = queryset.filter(status=v["status"])
        return queryset

    def order(self, queryset: QuerySet[Enterprise]) -> QuerySet[Enterprise]:
        sort = self.values.get("sort", "")
        key = sort.lstrip("-")
        if key not in SORTS:
            return queryset.order_by("name", "pk")
        field = SORTS[key][0]
        desc = sort.startswith("-")
        return queryset.order_by(f"-{field}" if desc else field, "-pk" if desc else "pk")
