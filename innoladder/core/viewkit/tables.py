"""Table columns of a list page: a header, how to get the cell's text, and optionally its link and CSS."""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from innoladder.core import money


@dataclass(frozen=True)
class Col:
    header: str
    value: Callable[[object], object]
    link: Callable[[object], str] | None = None
    css: Callable[[object], str] | None = None
    align: str = ""  # a class on the header and every cell ("text-end" for amounts)


def link(header: str, value: Callable[[object], object]) -> Col:
    """The first column of most lists: the row's name, linking to its detail page."""
    return Col(header, value, lambda obj: obj.get_absolute_url())


# A cell holding only a date, or a span of two, keeps to one line (a browser would break "2026-12-\n10").
DATES = re.compile(r"\d{4}-\d{2}-\d{2}(?: ?[~—至] ?\d{4}-\d{2}-\d{2})?")


def _cell(col: Col, obj) -> dict:
    text = col.value(obj)
    if isinstance(text, dt.date) and not isinstance(text, dt.datetime):
        text = day(text)  # a date reads 2026-12-07 in every list, whatever the column returned
    nowrap = "text-nowrap" if isinstance(text, str) and DATES.fullmatch(text) else ""
    css = (col.align, col.css(obj) if col.css else "", nowrap)
    return {"text": text, "url": col.link(obj) if col.link else "", "css": " ".join(filter(None, css))}


def rows(objects, columns: list[Col]) -> list[list[dict]]:
    return [[_cell(col, obj) for col in columns] for obj in objects]


def wan(value) -> str:
    """Yuan → 万元 with thousands separators and 2 decimals ("" when unknown)."""
    return money.wan(value, empty="")


def amount(header: str, value: Callable[[object], object]) -> Col:
    """A money column: yuan shown in 万元 like the `wan` filter ("—" when unknown), right-aligned."""
    return Col(header, lambda obj: money.wan(value(obj)), align="text-end")


def day(value) -> str:
    """A date as the lists show it (Y-m-d, "" when unknown)."""
    return value.strftime("%Y-%m-%d") if value else ""
