"""Band tables: value → points, with inclusive or exclusive lower edges."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

PointRange = tuple[Decimal, Decimal]


@dataclass(frozen=True)
class Band:
    """Values at or above ``edge`` (or strictly above, if the table is exclusive) score ``points``."""

    edge: Decimal
    points: PointRange
    exclusive: bool = False


@dataclass(frozen=True)
class BandTable:
    """Bands ordered from the highest edge down; ``below`` applies under the lowest edge."""

    bands: tuple[Band, ...]
    below: PointRange
    inclusive: bool = True

    @cached_property
    def _rows(self) -> tuple[tuple[Decimal, bool, PointRange], ...]:
        """(edge, strictly above, points) of each band, highest first: ``lookup`` without a call a band."""
        return tuple((band.edge, band.exclusive or not self.inclusive, band.points) for band in self.bands)

    def lookup(self, value: Decimal) -> PointRange:
        for edge, strict, points in self._rows:
            if value > edge or (not strict and value == edge):
                return points
        return self.below

    def points(self, value: Decimal) -> Decimal:
        """Points of a band table where each band gives a single value."""
        return self.lookup(value)[0]

    def next_edge(self, value: Decimal) -> Decimal | None:
        """The lowest edge above the current band, i.e. the value needed to gain points."""
        candidates = [edge for edge, strict, _ in self._rows if value < edge or (strict and value == edge)]
        return min(candidates) if candidates else None

    @property
    def top(self) -> Decimal:
        return max([band.points[1] for band in self.bands] + [self.below[1]])


def _range(points: int | tuple[int, int]) -> PointRange:
    if isinstance(points, tuple):
        return (Decimal(points[0]), Decimal(points[1]))
    return (Decimal(points), Decimal(points))


def table(
    rows: Sequence[tuple[str, int | tuple[int, int]]],
    below: int | tuple[int, int] = 0,
    inclusive: bool = True,
) -> BandTable:
    """Build a table from ``(edge, points)`` rows; edges are strings such as "0.30" (">0": exclusive)."""
    bands = tuple(
        Band(Decimal(edge.lstrip(">")), _range(points), exclusive=edge.startswith(">"))
        for edge, points in rows
    )
    ordered = tuple(sorted(bands, key=lambda band: band.edge, reverse=True))
    return BandTable(ordered, _range(below), inclusive)
