"""Contributions of each app to the enterprise page (一企一档).

An app may provide `<app>/enterprise_panels.py` with:
- `panels(request, enterprise) -> list[Panel]`: a section of the page (HTML rendered by the app);
- `events(request, enterprise, limit) -> list[TimelineEvent]`: dated entries for the timeline, at most
  `limit` of each kind, the most recent first;
- `LISTINGS`: {key: Listing}, every list its section shows, in full, for the 「查看全部」 page;
- `ORDER`: where its section stands on the page (lower first; 100 if absent).
The enterprise is already scoped to the request's user; apps still scope their own rows with for_user.

The page itself shows the registry's own sections and loads each app's section, and the timeline, as a
fragment (htmx), so one slow module never holds up the enterprise's file.

Every list on the page is bounded (issue 21, finding 14: 90,000 IP rows made a 28.8 MB page): a section
shows its first SECTION_ROWS rows with the total and a 「查看全部」 link to the paged list of all of
them (`bounded`), and the timeline the latest TIMELINE_EVENTS entries.
"""

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse

from innoladder.core.contributions import app_modules

SECTION_ROWS = 20  # rows of one list shown in a section; the rest are behind 「查看全部」
TIMELINE_EVENTS = 50  # latest entries shown in the timeline
LISTING_PAGE = 50  # rows per page of a 「查看全部」 list


@dataclass(frozen=True)
class Panel:
    title: str
    html: str
    order: int = 100


@dataclass(frozen=True)
class TimelineEvent:
    on: dt.date
    title: str
    kind: str  # module label shown as a badge, e.g. "资质认定", "走访"
    url: str = ""


@dataclass(frozen=True)
class Bounded:
    """The first rows of a list, how many there are in all, and where to see all of them."""

    rows: list
    total: int
    all_url: str

    @property
    def more(self) -> bool:
        return self.total > len(self.rows)

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)


def bounded(queryset, enterprise, label: str, key: str, limit: int = SECTION_ROWS) -> Bounded:
    """The first `limit` rows of `queryset` (already scoped and ordered), their total and the link to the
    listing `key` of app `label`. The count query runs only when there are more rows than shown."""
    rows = list(queryset[: limit + 1])
    total = len(rows) if len(rows) <= limit else queryset.count()
    return Bounded(rows[:limit], total, listing_url(enterprise, label, key))


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable  # row → what the cell shows
    link: bool = False  # the cell links to the row's own page


@dataclass(frozen=True)
class Listing:
    """One list of a section, in full, for its 「查看全部」 page: `rows(request, enterprise)` returns the
    queryset scoped to the user and to the enterprise, in the section's order."""

    title: str
    rows: Callable
    columns: tuple[Column, ...]


def listing_url(enterprise, label: str, key: str) -> str:
    return reverse("enterprise_listing", args=[enterprise.pk, label, key])


def listing(label: str, key: str) -> Listing | None:
    for known, module in _contributors():
        if known == label:
            return getattr(module, "LISTINGS", {}).get(key)
    return None


@functools.cache
def _contributors() -> tuple[tuple[str, object], ...]:
    """(app label, enterprise_panels module) of every app that contributes, in app order."""
    return tuple(app_modules("enterprise_panels", include_core=True))


def _modules():
    return [module for _, module in _contributors()]


TOP_ORDER = 25  # sections ordered before this stand above the registry's own (the ladder, recognitions)


@dataclass(frozen=True)
class Section:
    label: str  # app label: the fragment's URL and the anchor #section-<label>
    title: str  # its entry in the page's section index
    order: int

    @property
    def on_top(self) -> bool:
        return self.order < TOP_ORDER


def sections() -> list[Section]:
    """The apps that contribute a section, in page order: each is loaded as its own fragment."""
    found = []
    for label, module in _contributors():
        if hasattr(module, "panels"):
            title = getattr(module, "TITLE", "") or apps.get_app_config(label).verbose_name
            found.append(Section(label, title, getattr(module, "ORDER", 100)))
    return sorted(found, key=lambda section: section.order)


def section_labels() -> list[str]:
    return [section.label for section in sections()]


def section_panels(label: str, request, enterprise) -> list[Panel] | None:
    """One app's panels for the enterprise; None when no app of that label contributes a section."""
    for known, module in _contributors():
        if known == label and hasattr(module, "panels"):
            return sorted(module.panels(request, enterprise), key=lambda p: p.order)
    return None


def panels(request, enterprise) -> list[Panel]:
    found: list[Panel] = []
    for module in _modules():
        if hasattr(module, "panels"):
            found.extend(module.panels(request, enterprise))
    return sorted(found, key=lambda p: p.order)


def events(request, enterprise, limit: int = TIMELINE_EVENTS) -> list[TimelineEvent]:
    """The latest `limit` + 1 entries of every app (one more than shown tells the page there are more)."""
    found: list[TimelineEvent] = []
    for module in _modules():
        if hasattr(module, "events"):
            found.extend(module.events(request, enterprise, limit + 1))
    return sorted(found, key=lambda e: e.on, reverse=True)[: limit + 1]
