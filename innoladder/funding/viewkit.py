"""Small helpers shared by the funding, contracts and policies views (pagination, filters, dates)."""

import datetime as dt

from django.core.paginator import Paginator

PAGE_SIZE = 50


def page_of(request, qs, size: int = PAGE_SIZE):
    return Paginator(qs, size).get_page(request.GET.get("page"))


def get_int(request, name: str) -> int | None:
    raw = request.GET.get(name, "").strip()
    return int(raw) if raw.isdigit() else None


def get_date(request, name: str) -> dt.date | None:
    raw = request.GET.get(name, "").strip()
    try:
        return dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def filters_of(request, names) -> dict:
    return {name: request.GET.get(name, "").strip() for name in names}


def querystring(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def bootstrap(form) -> None:
    """Give every widget its Bootstrap class."""
    for field in form.fields.values():
        widget = field.widget
        if getattr(widget, "input_type", "") == "checkbox":
            widget.attrs.setdefault("class", "form-check-input")
        elif getattr(widget, "input_type", "") == "select":
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")
