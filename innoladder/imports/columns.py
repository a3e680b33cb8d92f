"""Converting a sheet column by column (issue 6 speed).

Each column's cells go through its converter in one `map`, or, for numbers, through the converter's
column form (values.column_converter_for), when every cell of the column is filled and of a plain kind.
Any other column, and any column where one cell fails, goes cell by cell, which finds each failing
cell's message: the result is the same as converting every cell on its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

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


@dataclass
class Converted:
    columns: list[list]  # per spec, the value of every row (ABSENT where left out)
    errors: dict[int, list[tuple[str, str, str]]]  # row position → (header, raw as shown, message)
    complete: bool  # no ABSENT anywhere: every row has every column
    count: int  # rows

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


def convert(raw_rows: list[tuple], specs: list[Spec]) -> Converted:
    """Convert the cells of `raw_rows` (each row's raw values) for every spec."""
    out = Converted(columns=[], errors={}, complete=True, count=len(raw_rows))
    if not specs:
        return out
    need = max(s.index for s in specs) + 1
    padded = [r if len(r) >= need else r + (None,) * (need - len(r)) for r in raw_rows]
    # Rows are at least `need` long now, so the transposition has every column the specs read.
    cells = list(zip(*padded, strict=False)) if padded else [() for _ in range(need)]
    for spec in specs:
        raws = cells[spec.index]
        column = _whole(raws, spec)
        if column is None:
            column, left_out = _cell_by_cell(raws, spec, out.errors)
            out.complete = out.complete and not left_out
        out.columns.append(column)
    return out


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


def _cell_by_cell(raws: tuple, spec: Spec, errors: dict) -> tuple[list, bool]:
    """The column with ABSENT for empty and failing cells (their errors added), and whether any is."""
    converter, limit, header = spec.converter, spec.limit, spec.header
    column: list = []
    left_out = False
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
        left_out = left_out or value is ABSENT
        column.append(value)
    return column, left_out
