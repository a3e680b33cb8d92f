"""Converting a sheet column by column (issue 6 speed).

Each column's cells go through its converter in one `map`, or, for numbers, through the converter's
column form (values.column_converter_for), when every cell of the column is filled and of a plain kind.
Any other column, and any column where one cell fails, goes cell by cell, which finds each failing
cell's message: the result is the same as converting every cell on its own.

A column whose converter depends on nothing but the cell and the file's header (`Spec.reuse_key`) is
converted once per file: the dry run's converted columns are kept with its reading of the file
(parse_cache) and the commit takes them as they are (`convert(..., reuse=...)`).
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable
from dataclasses import dataclass, field

from . import values
from .datasets import CellError

ABSENT = object()  # an empty cell, or one in error: the field is left out of the row
_NONE = type(None)


@dataclass(frozen=True)
class Spec:
    """How one matched column of the file is converted."""

    index: int  # 0-based column in the sheet
    attname: str
    required: bool
    header: str  # as written in the file
    converter: Callable
    column_converter: Callable | None  # values.column_converter_for: a whole column of numbers at once
    limit: int | None  # longest text allowed
    # Set when the converter depends only on the cell and the file's header (no lookup in the database):
    # what identifies the column's conversion, so that the commit may take the dry run's converted column.
    reuse_key: tuple | None = None


@dataclass
class Converted:
    columns: list[list]  # per spec, the value of every row (ABSENT where left out)
    errors: dict[int, list[tuple[str, str, str]]]  # row position → (header, raw as shown, message)
    complete: bool  # no ABSENT anywhere: every row has every column
    count: int  # rows
    absent: list[list[int]] = field(default_factory=list)  # per spec, the positions left out (ABSENT)

    def rows(self):
        """Each row's values in spec order."""
        return zip(*self.columns, strict=True) if self.columns else iter([()] * self.count)


def display(raw) -> str:
    """A raw cell as the error list shows it."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        return raw.strftime("%Y-%m-%d") if raw.time() == dt.time() else raw.isoformat(sep=" ")
    if isinstance(raw, dt.date):
        return raw.isoformat()
    return str(raw)[:200]


def convert(raw_rows: list[tuple], specs: list[Spec], reuse: dict | None = None) -> Converted:
    """Convert the cells of `raw_rows` (each row's raw values) for every spec.

    `reuse` ({Spec.reuse_key: (column, absent positions)}, from `reusable` of a conversion of the same
    rows without any error) gives columns already converted: they are taken as they are.
    """
    out = Converted(columns=[], errors={}, complete=True, count=len(raw_rows))
    if not specs:
        return out
    need = max(s.index for s in specs) + 1
    padded = None
    for spec in specs:
        kept = reuse.get(spec.reuse_key) if reuse and spec.reuse_key is not None else None
        if kept is not None:
            column, left_out = kept
        else:
            if padded is None:  # rows at least `need` long: every column the specs read is there
                padded = [r if len(r) >= need else r + (None,) * (need - len(r)) for r in raw_rows]
            raws = tuple(map(operator.itemgetter(spec.index), padded))
            column = _whole(raws, spec)
            left_out = []
            if column is None:
                column, left_out = _cell_by_cell(raws, spec, out.errors)
        out.complete = out.complete and not left_out
        out.columns.append(column)
        out.absent.append(left_out)
    return out


def reusable(converted: Converted, specs: list[Spec]) -> dict:
    """The columns a commit may take as they are ({Spec.reuse_key: (column, absent positions)}); only
    meaningful for a conversion without errors."""
    return {
        spec.reuse_key: (column, absent)
        for spec, column, absent in zip(specs, converted.columns, converted.absent, strict=True)
        if spec.reuse_key is not None
    }


def _whole(raws: tuple, spec: Spec) -> list | None:
    """The column converted at once, or None when it must go cell by cell."""
    kinds = set(map(type, raws))
    if _NONE in kinds or not raws:
        return None
    if str in kinds and (len(kinds) > 1 or not all(map(str.strip, raws))):
        return None  # blank text, or text among numbers: cell by cell
    if spec.column_converter is not None and kinds <= {int, float}:
        column = spec.column_converter(raws)
    else:
        try:
            column = list(map(spec.converter, raws))
        except CellError:
            return None
    if column is not None and spec.limit is not None and max(map(len, column)) > spec.limit:
        return None
    return column


def _cell_by_cell(raws: tuple, spec: Spec, errors: dict) -> tuple[list, list[int]]:
    """The column with ABSENT for empty and failing cells (their errors added), and their positions."""
    converter, limit, header = spec.converter, spec.limit, spec.header
    column: list = []
    left_out: list[int] = []
    is_empty = values.is_empty
    for position, raw in enumerate(raws):
        problem = None
        if raw is None or (type(raw) is str and is_empty(raw)):
            if spec.required:
                problem = (header, "", "必填项不能为空")
            value = ABSENT
        else:
            try:
                value = converter(raw)
            except CellError as exc:
                problem, value = (header, display(raw), str(exc)), ABSENT
            else:
                if limit is not None and len(value) > limit:
                    problem, value = (header, display(raw), f"内容过长：最多 {limit} 个字符"), ABSENT
        if problem is not None:
            errors.setdefault(position, []).append(problem)
        if value is ABSENT:
            left_out.append(position)
        column.append(value)
    return column, left_out
