"""Dashboard charts: each chart is data for ECharts plus the same figures as a table (and an xlsx).

Chart builders are registered like fact providers, with the models they read; a chart whose module is not
built yet is absent. Builders take (user, park, on) where `on` is the reference date of the dashboard.
"""

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext

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
        data = {
            "kind": self.kind,
            "title": self.title,
            "categories": self.categories,
            "series": self.series,
            "unit": self.unit,
            "unit2": self.unit,
            "separator": gettext("："),  # between a point's name and its value
        }
        if self.kind in AXIS_KINDS:
            data["labels"] = label_layout(self.categories, horizontal=self.kind == "hbar")
            for axis in (0, 1):
                top = counts_top(self.series, axis)
                if top is not None:
                    data[f"axis{axis}"] = count_axis(top)
            if self.kind != "hbar":
                # Where each value axis of a vertical chart has its name (None: at its end, or no such axis).
                data["names"] = [
                    axis_name_layout(self.unit, tick_label_width(self.series, axis), GRID_SIDES[axis])
                    if any(s.get("axis", 0) == axis for s in self.series)
                    else None
                    for axis in (0, 1)
                ]
        return data


AXIS_KINDS = ("bar", "hbar", "line")

# The size a chart is drawn at on the dashboard (half the page width, `.echart-lg`), the font of its labels
# (charts.js: FONT), and the space a label line takes.
CHART_WIDTH, CHART_HEIGHT, FONT = 560, 420, 16
LINE_HEIGHT = 1.3  # in font sizes
MAX_TICKS = 6
ROTATE = 45
HBAR_LINE_CHARS = 8  # a horizontal bar's category label wraps after 8 characters
ROTATED_CHARS = 8  # a rotated label is cut after 8 characters


# The chart grid's margins beside the left and the right value axis (charts.js: base.grid) and the gap ECharts
# leaves between an axis and its tick labels, in pixels.
GRID_SIDES = (16, 24)
LABEL_MARGIN = 8


def tick_label_width(series: list[dict], axis: int = 0) -> float:
    """The width (in font sizes) of the widest tick label of value axis `axis`: its top tick as ECharts writes
    it (1,000 with a separator), a decimal place more for amounts below 5 (ticks of 0.5), a minus sign when
    a value is below zero."""
    values = [_value(p) or 0 for s in series if s.get("axis", 0) == axis for p in s["data"]]
    counts = counts_top(series, axis)
    top = counts if counts is not None else max((abs(v) for v in values), default=0)
    text = f"{count_axis(math.ceil(top))['max']:,}"
    if counts is None and top < 5:
        text += ".5"
    if any(v < 0 for v in values):
        text = "-" + text
    return text_width(text)


def axis_name_layout(name: str, label_width: float, side: int) -> dict | None:
    """Where the name (the unit) of a vertical chart's value axis goes. None keeps it above the axis, centred
    on it, when half of it fits in the margin beside the axis (the grid's `side` pixels, the tick labels of
    `label_width` font sizes and their gap). A longer name (" visits/requests" in English) would be cut at
    the edge of the chart: it is turned along the axis in the middle instead, `gap` pixels from the axis
    (beyond the tick labels), the grid giving up `room` pixels on that side for it."""
    name = name.strip()
    if text_width(name) / 2 <= (side + LABEL_MARGIN) / FONT + label_width:
        return None
    gap = round(label_width * FONT + LABEL_MARGIN + FONT / 2)
    return {"gap": gap, "room": round(FONT * LINE_HEIGHT)}


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _value(point):
    return point.get("value") if isinstance(point, dict) else point


def counts_top(series: list[dict], axis: int = 0) -> int | None:
    """The largest bar on `axis` when every value on it is a count (an int), stacked series added up;
    None when the axis shows amounts (or nothing)."""
    on_axis = [s for s in series if s.get("axis", 0) == axis]
    values = [_value(p) for s in on_axis for p in s["data"]]
    if not values or not all(_is_count(v) for v in values if v is not None):
        return None
    stacks: dict[object, list[int]] = {}
    for i, s in enumerate(on_axis):
        key = s.get("stack") or f"series-{i}"
        column = stacks.setdefault(key, [0] * len(s["data"]))
        for j, point in enumerate(s["data"]):
            column[j] += max(0, _value(point) or 0)
    return max((max(column, default=0) for column in stacks.values()), default=0)


def count_axis(top: int, max_ticks: int = MAX_TICKS) -> dict:
    """A value axis for counts: from 0 in whole steps of 1, 2 or 5 × 10ⁿ, with at most `max_ticks` steps
    and the top at or above the largest value (never a tick at 0.5)."""
    top = max(int(top), 1)
    step = 1
    while math.ceil(top / step) > max_ticks:
        for factor in (2, 5, 10):
            magnitude = 10 ** (len(str(step)) - 1)
            candidate = magnitude * factor
            if candidate > step:
                step = candidate
                break
    return {"min": 0, "max": math.ceil(top / step) * step, "interval": step}


def ticks(axis: dict) -> list[int]:
    return list(range(axis["min"], axis["max"] + 1, axis["interval"]))


def text_width(text: str) -> float:
    """Width in font sizes: a Chinese character (or full-width sign) is 1, a digit or Latin letter 0.55."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.55 for ch in text)


def shorten(text: str, width: float) -> str:
    """`text` cut to `width` font sizes, ending in "…" when cut."""
    if text_width(text) <= width:
        return text
    out = ""
    for ch in text:
        if text_width(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


# Where a label may break: after any Chinese character, between Latin words or after a hyphen (a word keeps
# its hyphen and the spaces after it).
BREAKS = re.compile(r"[!-,.-~]+-*\s*|\S\s*|\s+")


def _pieces(text: str, width: float) -> list[str]:
    """`text` cut where it may break; a word wider than a line is cut into characters."""
    pieces = []
    for piece in BREAKS.findall(text):
        pieces.extend(piece if text_width(piece.rstrip()) > width else [piece])
    return pieces


def wrap(text: str, width: float, lines: int = 2) -> str:
    """`text` in at most `lines` lines of `width` font sizes (the last one cut with "…"); English breaks
    between words, Chinese after any character."""
    rows, current = [], ""
    for piece in _pieces(text, width):
        if current and text_width((current + piece).rstrip()) > width:
            rows.append(current)
            current = ""
        current += piece
    rows.append(current)
    if len(rows) > lines:
        rows = rows[: lines - 1] + [shorten("".join(rows[lines - 1 :]).rstrip(), width)]
    return "\n".join(row.rstrip() for row in rows)


def label_layout(
    categories: list[str], *, horizontal: bool, width: int = CHART_WIDTH, height: int = CHART_HEIGHT
) -> dict:
    """How the category labels are drawn so that none overlaps its neighbour: the label texts (wrapped or
    cut), their rotation, and `interval` (labels skipped between two shown; 0 shows all).

    Under vertical bars each category has `width / n` pixels: the labels stay level when they fit (on one
    line, else wrapped on two), else they turn 45° and are cut to 8 characters; turned labels need about
    1.8 line heights between two, so when the bars are narrower than that only every k-th is shown. Beside
    horizontal bars the labels wrap after 8 characters in two lines, one when the bars are too thin, and
    again every k-th when even one line does not fit."""
    n = len(categories)
    if n == 0:
        return {"texts": [], "rotate": 0, "interval": 0}
    if horizontal:
        slot = height / n / FONT  # font sizes per category, vertically
        lines = 2 if slot >= 2 * LINE_HEIGHT else 1
        texts = [wrap(c, HBAR_LINE_CHARS, lines) for c in categories]
        return {"texts": texts, "rotate": 0, "interval": max(0, math.ceil(LINE_HEIGHT / slot) - 1)}
    slot = width / n / FONT  # font sizes per category, horizontally
    room = slot - 0.5  # keep half a character between neighbours
    if all(text_width(c) <= room for c in categories):
        return {"texts": list(categories), "rotate": 0, "interval": 0}
    wrapped = [wrap(c, room) for c in categories]
    if room >= 2 and all(text_width(line) <= room for t in wrapped for line in t.split("\n")):
        if all("…" not in t for t in wrapped):
            return {"texts": wrapped, "rotate": 0, "interval": 0}
    needed = LINE_HEIGHT / math.sin(math.radians(ROTATE))  # horizontal distance between turned labels
    return {
        "texts": [shorten(c, ROTATED_CHARS) for c in categories],
        "rotate": ROTATE,
        "interval": max(0, math.ceil(needed / slot) - 1),
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


def counts_chart(key: str, title: str, kind: str, headers: list[str], rows: list[list], **extra) -> Chart:
    """A chart of one series: `rows` ([category, value]) are the table, their first cells the categories and
    their values the series, named by the second header. A pie's or a funnel's points carry their names
    (a pie leaves out the zeros); `extra` (unit, note) goes to the Chart as it is."""
    chart = table_chart(key, title, kind, headers, rows, [{"column": 1}], **extra)
    if kind in ("pie", "funnel"):
        chart.series[0]["data"] = [{"name": r[0], "value": r[1]} for r in rows if r[1] or kind == "funnel"]
    return chart


def wan(value) -> Decimal:
    return (Decimal(value or 0) / WAN).quantize(Decimal("0.01"))


def enterprises_chart(key: str, title: str, kind: str, category: str, rows: list[list], **extra) -> Chart:
    """A `counts_chart` of enterprises: `rows` ([category, count]) under `category` and 企业数, in 家."""
    headers = [category, gettext("企业数")]
    return counts_chart(key, title, kind, headers, rows, unit=gettext("家"), **extra)


def _drawn(value):
    """A table cell as the chart draws it: amounts (Decimal) as numbers, counts and gaps as they are."""
    return float(value) if isinstance(value, Decimal) else value


def table_chart(
    key: str, title: str, kind: str, headers: list[str], rows: list[list], series: list[dict], **extra
) -> Chart:
    """A chart drawing columns of its table (`rows` under `headers`), one category per row (its first cell).
    Each of `series` gives the `column` it draws, its `name` (the column's header unless given) and the
    series' other options (axis, stack, dashed); `extra` (unit, note) goes to the Chart as it is."""
    drawn = []
    for spec in series:
        options = {k: v for k, v in spec.items() if k not in ("column", "name")}
        column = spec["column"]
        data = [_drawn(row[column]) for row in rows]
        drawn.append({"name": spec.get("name", headers[column]), "data": data, **options})
    categories = [str(row[0]) for row in rows]
    return Chart(
        key=key,
        title=title,
        kind=kind,
        headers=headers,
        rows=rows,
        categories=categories,
        series=drawn,
        **extra,
    )
