"""Contributions of each app to the enterprise page (一企一档).

An app may provide `<app>/enterprise_panels.py` with:
- `panels(request, enterprise) -> list[Panel]`: a section of the page (HTML rendered by the app);
- `events(request, enterprise) -> list[TimelineEvent]`: dated entries for the timeline;
- `ORDER`: where its section stands on the page (lower first; 100 if absent).
The enterprise is already scoped to the request's user; apps still scope their own rows with for_user.

The page itself shows the registry's own sections and loads each app's section, and the timeline, as a
fragment (htmx), so one slow module never holds up the enterprise's file.
"""

import datetime as dt
import functools
import importlib
from dataclasses import dataclass

from django.apps import apps


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


@functools.cache
def _contributors() -> tuple[tuple[str, object], ...]:
    """(app label, enterprise_panels module) of every app that contributes, in app order."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("innoladder."):
            continue
        try:
            found.append((config.label, importlib.import_module(f"{config.name}.enterprise_panels")))
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.enterprise_panels":
                raise
    return tuple(found)


def _modules():
    return [module for _, module in _contributors()]


def section_labels() -> list[str]:
    """The apps that contribute a section, in page order: each is loaded as its own fragment."""
    with_panels = [(label, m) for label, m in _contributors() if hasattr(m, "panels")]
    return [label for label, m in sorted(with_panels, key=lambda lm: getattr(lm[1], "ORDER", 100))]


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


def events(request, enterprise) -> list[TimelineEvent]:
    found: list[TimelineEvent] = []
    for module in _modules():
        if hasattr(module, "events"):
            found.extend(module.events(request, enterprise))
    return sorted(found, key=lambda e: e.on, reverse=True)
