"""Small shared pieces of the service-work screens (visits, requests, projects, cooperation): who may
write, list tables declared as columns, Bootstrap form styling, filter parsing and xlsx export.

Used by the services, projects and cooperation apps so that each list/detail/edit screen only declares.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from innoladder.accounts.choices import Role
from innoladder.core import xlsx
from innoladder.core.scoping import CHANGE, for_user

PAGE_SIZE = 50
WRITERS = (Role.ADMIN, Role.OFFICER, Role.AGENCY)


def can_write(user) -> bool:
    """Service-work records are written by admins, officers and agencies (on assigned enterprises)."""
    return user.is_authenticated and user.role in WRITERS


def writable(queryset, user):
    """Rows the user may edit: change scope, and never enterprise users or auditors."""
    if not can_write(user):
        return queryset.none()
    return for_user(queryset, user, CHANGE)


def require_writer(user) -> None:
    """Create pages: a writer with at least one enterprise to write on (else 404, like any other record)."""
    from innoladder.enterprises.models import Enterprise

    if not can_write(user) or not for_user(Enterprise.objects.all(), user, CHANGE).exists():
        raise Http404


@dataclass(frozen=True)
class Col:
    header: str
    value: Callable[[object], object]
    link: Callable[[object], str] | None = None
    css: Callable[[object], str] | None = None


def table(rows, columns: list[Col]) -> list[list[dict]]:
    return [
        [
            {
                "text": col.value(row),
                "url": col.link(row) if col.link else "",
                "css": col.css(row) if col.css else "",
            }
            for col in columns
        ]
        for row in rows
    ]


class StyledMixin:
    """Give every widget Bootstrap classes; date fields become HTML5 date pickers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                continue
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select form-select-sm")
            else:
                widget.attrs.setdefault("class", "form-control form-control-sm")
            if isinstance(field, forms.DateField):
                widget.input_type = "date"
                widget.format = "%Y-%m-%d"


class PeriodFilterForm(StyledMixin, forms.Form):
    q = forms.CharField(label="关键词", required=False)
    start = forms.DateField(label="起始日期", required=False)
    end = forms.DateField(label="截止日期", required=False)


def filter_values(form) -> dict:
    """Cleaned filter values as plain JSON-friendly data for the export audit."""
    if not form.is_valid():
        return {}
    data = {}
    for key, value in form.cleaned_data.items():
        if value in (None, "", [], ()):
            continue
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif hasattr(value, "pk"):
            value = value.pk
        data[key] = value
    return data


def list_page(request, *, template="services/generic_list.html", title, queryset, columns, form, **extra):
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "title": title,
        "page": page,
        "headers": [c.header for c in columns],
        "rows": table(page.object_list, columns),
        "form": form,
        "query": query.urlencode(),
        "can_write": can_write(request.user),
        **extra,
    }
    return render(request, template, context)


def export_response(request, *, filename, title, columns, rows, form, model):
    return xlsx.export(
        filename,
        title,
        columns,
        rows,
        user=request.user,
        filters=filter_values(form),
        object_type=model._meta.label,
    )


def form_page(request, *, title, form, back_url, template="services/generic_form.html", **extra):
    return render(request, template, {"title": title, "form": form, "back_url": back_url, **extra})


def error_text(exc: ValidationError) -> str:
    return "；".join(exc.messages)
