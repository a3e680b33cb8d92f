"""Small shared pieces of the service-work screens (visits, requests, projects, cooperation): who may
write, list tables declared as columns, Bootstrap form styling, filter parsing and xlsx export.

Used by the services, projects and cooperation apps so that each list/detail/edit screen only declares.
"""

import datetime as dt

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render

from innoladder.core import xlsx
from innoladder.core.viewkit import Col, StyledMixin, can_write, error_text, require_writer, writable
from innoladder.core.viewkit.tables import rows as table
from innoladder.core.viewkit.views import PAGE_SIZE

__all__ = ["Col", "StyledMixin", "can_write", "error_text", "require_writer", "writable"]


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


def list_page(request, *, template="viewkit/list.html", title, queryset, columns, form, **extra):
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


def form_page(request, *, title, form, back_url, template="viewkit/form.html", **extra):
    return render(request, template, {"title": title, "form": form, "back_url": back_url, **extra})
