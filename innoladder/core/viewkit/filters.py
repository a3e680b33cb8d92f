"""Filter sets of the kit: django-filter with the kit's styling, a keyword search over several fields, and
the values an export writes to the audit log."""

import datetime as dt

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .forms import StyledMixin


class StyledForm(StyledMixin, forms.Form):
    pass


class SearchFilter(django_filters.CharFilter):
    """`q`: a keyword matched (icontains) against any of `fields`."""

    def __init__(self, *args, fields: tuple[str, ...], **kwargs):
        kwargs.setdefault("label", _("关键词"))
        super().__init__(*args, **kwargs)
        self.search_fields = fields

    def filter(self, qs, value):
        value = (value or "").strip()
        if not value:
            return qs
        condition = Q()
        for name in self.search_fields:
            condition |= Q(**{f"{name}__icontains": value})
        return qs.filter(condition)


class IntegerFilter(django_filters.NumberFilter):
    """A whole number (a year), so the audited value stays an int rather than a Decimal."""

    field_class = forms.IntegerField


def hint(text: str, size: int | None = None) -> forms.TextInput:
    """A filter's text box showing what it searches or takes (its placeholder); `size`: its width in
    characters (a year's box is narrow)."""
    return forms.TextInput(attrs={"placeholder": text, **({"size": size} if size else {})})


def choice(label: str, choices, *, empty: str = _("全部"), **kwargs):
    """A select of `choices` headed by 全部 (no filter)."""
    return django_filters.ChoiceFilter(label=label, choices=choices, empty_label=empty, **kwargs)


class CheckedFilter(django_filters.Filter):
    """A checkbox that narrows the list when ticked (give it a `method`)."""

    field_class = forms.BooleanField


def period(field_name: str, start_label: str = _("起始日期"), end_label: str = _("截止日期")):
    """The `start`/`end` pair of a list whose rows carry one date."""
    return (
        django_filters.DateFilter(field_name=field_name, lookup_expr="gte", label=start_label),
        django_filters.DateFilter(field_name=field_name, lookup_expr="lte", label=end_label),
    )


class FilterSet(django_filters.FilterSet):
    """Base of every module's filter set. `audit_as_posted`: record every filter as the text posted
    (blanks included) rather than the cleaned, non-empty values."""

    audit_as_posted = False

    class Meta:
        form = StyledForm

    def posted(self) -> dict[str, str]:
        """Each filter's posted text (what a hand-written filter bar shows back as `f.<name>`)."""
        data = self.data or {}
        return {name: (data.get(name) or "").strip() for name in self.filters}

    def audit_values(self) -> dict:
        if self.audit_as_posted:
            return self.posted()
        if not self.is_bound or not self.form.is_valid():
            return {}
        values = {}
        for key, value in self.form.cleaned_data.items():
            if value in (None, "", [], ()):
                continue
            if isinstance(value, dt.date):
                value = value.isoformat()
            elif hasattr(value, "pk"):
                value = value.pk
            values[key] = value
        return values
