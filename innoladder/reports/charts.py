"""Dashboard charts: each chart is data for ECharts plus the same figures as a table (and an xlsx).

Chart builders are registered like fact providers, with the models they read; a chart whose module is not
built yet is absent. Builders take (user, park, on) where `on` is the reference date of the dashboard.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from .providers import requirement_met

WAN = Decimal(10000)


@dataclass
class Chart:
    key: str
    title: str
    kind: str  # bar, pie, funnel, line, hbar
    headers: list[str]
    rows: list[list]
    categories: list[str] = field(default_factory=list)
    series: list[dict] = field(default_factory=list)
    note: str = ""
    unit: str = ""
    threshold: list | None = None

    def echarts(self) -> dict:
        return {
            "kind": self.kind,
            "title": self.title,
            "categories": self.categories,
            "series": self.series,
            "unit": self.unit,
            "unit2": self.unit,
        }


@dataclass(frozen=True)
class ChartBuilder:
    key: str
    func: Callable
    requires: tuple[str, ...] = ()
    order: int = 100


CHARTS: list[ChartBuilder] = []


def chart(key: str, *, requires: tuple[str, ...] = (), order: int = 100):
    def decorator(func):
        CHARTS[:] = [c for c in CHARTS if c.key != key]
        CHARTS.append(ChartBuilder(key=key, func=func, requires=requires, order=order))
        return func

    return decorator


def available() -> list[ChartBuilder]:
    from . import dashboards  # noqa: F401  (registers the builders)

    found = [c for c in CHARTS if all(requirement_met(spec) for spec in c.requires)]
    return sorted(found, key=lambda c: (c.order, c.key))


def build_all(user, park, on: dt.date) -> list[Chart]:
    charts = []
    for builder in available():
        built = builder.func(user, park, on)
        if built is not None:
            charts.append(built)
    return charts


def build_one(user, park, on: dt.date, key: str) -> Chart | None:
    for builder in available():
        if builder.key == key:
            return builder.func(user, park, on)
    return None


def wan(value) -> Decimal:
    return (Decimal(value or 0) / WAN).quantize(Decimal("0.01"))
