"""Contributions of each app to the enterprise page (一企一档).

An app may provide `<app>/enterprise_panels.py` with:
- `panels(request, enterprise) -> list[Panel]`: a section of the page (HTML rendered by the app);
- `events(request, enterprise) -> list[TimelineEvent]`: dated entries for the timeline.
The enterprise is already scoped to the request's user; apps still scope their own rows with for_user.
"""

import datetime as dt
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


def _modules():
    for config in apps.get_app_configs():
        if not config.name.startswith("innoladder."):
            continue
        try:
            yield importlib.import_module(f"{config.name}.enterprise_panels")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.enterprise_panels":
                raise


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
