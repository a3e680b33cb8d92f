"""Table columns of a list page: a header, how to get the cell's text, and optionally its link and CSS."""

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


def rows(objects, columns: list[Col]) -> list[list[dict]]:
    return [
        [
            {
                "text": col.value(obj),
                "url": col.link(obj) if col.link else "",
                "css": " ".join(filter(None, (col.align, col.css(obj) if col.css else ""))),
            }
            for col in columns
        ]
        for obj in objects
    ]


def wan(value) -> str:
    """Yuan → 万元 with thousands separators and 2 decimals ("" when unknown)."""
    return money.wan(value, empty="")


def amount(header: str, value: Callable[[object], object]) -> Col:
    """A money column: yuan shown in 万元 like the `wan` filter ("—" when unknown), right-aligned."""
    return Col(header, lambda obj: money.wan(value(obj)), align="text-end")


def day(value) -> str:
    """A date as the lists show it (Y-m-d, "" when unknown)."""
    return value.strftime("%Y-%m-%d") if value else ""
