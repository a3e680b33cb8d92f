"""Existing records as the database driver returns them, compared with imported values lazily.

Loading 50,000 existing rows as model instances converted every stored value to Python first (on SQLite
each decimal goes through a float-to-Decimal converter), although an import needs the Python value only
of the fields that changed, for the audit trail. Here rows are read with the SQL Django compiles for a
values_list query, and each value is converted with the same converters Django would apply, only when a
quick comparison cannot decide.

The quick comparisons are exact:
- a stored value of the imported value's own type is compared directly (ints, text, PostgreSQL decimals);
- a decimal stored as a float (SQLite) equals an imported Decimal when it is the float nearest to it and
  the number has at most 15 significant digits (|x| < 10^13 with 2 decimal places), because distinct
  decimals of 15 digits never share their nearest float and converting that float back gives the decimal;
- a decimal stored as an int equals an imported Decimal when the two are numerically equal, below the
  same bound.
Anything else converts the stored value with Django's converters and compares the results; a decimal
that SQLite returns as an int, or as a float whose shortest repr has at most 15 characters, is converted
to exactly what Django's converter would give, without its cost (`_stored_decimal`).
"""

from __future__ import annotations

import operator
from decimal import Decimal
from itertools import compress, repeat

from django.db import connections, models, router

_FLOAT_EXACT = 10**13
_SAME = object()


class StoredRows:
    """One model's concrete fields read without conversion; `python` and `changes` work per attname."""

    def __init__(self, model, attnames=None):
        """`attnames`: read only these fields (all concrete fields when None); a field the import neither
        compares nor needs is not read, nor converted by the driver (SQLite parses every datetime)."""
        self.model = model
        self.db = router.db_for_read(model)
        self.conn = connections[self.db]
        self.fields = [f for f in model._meta.concrete_fields if attnames is None or f.attname in attnames]
        self.attnames = [f.attname for f in self.fields]
        self.index = {a: i for i, a in enumerate(self.attnames)}
        self._converters: dict[str, tuple[list, object]] = {}
        table = model._meta.db_table
        for f in self.fields:
            col = f.get_col(table)
            converters = self.conn.ops.get_db_converters(col) + col.get_db_converters(self.conn)
            if converters:
                self._converters[f.attname] = (converters, col)
        self._decimals = {
            f.attname: (Decimal(1).scaleb(-f.decimal_places), f.context)
            for f in self.fields
            if isinstance(f, models.DecimalField)
        }

    def rows(self, **lookups) -> list[tuple]:
        """Raw tuples (in `attnames` order) of the records matching the lookups."""
        qs = self.model._base_manager.using(self.db).filter(**lookups).values_list(*self.attnames)
        sql, params = qs.query.get_compiler(using=self.db).as_sql()
        with self.conn.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def python(self, attname: str, raw):
        """The stored value as a model instance would hold it."""
        entry = self._converters.get(attname)
        if entry is None or raw is None:
            return raw
        converters, col = entry
        for converter in converters:
            raw = converter(raw, col, self.conn)
        return raw

    def needs_python(self, attname: str) -> bool:
        """Whether the driver's value of this field differs from the model's (converters apply)."""
        return attname in self._converters

    def differs(self, raw_row: tuple, vals: dict) -> bool:
        """Whether any imported value differs from the stored row (stops at the first that does)."""
        index = self.index
        compare = self._compare
        return any(compare(a, raw_row[index[a]], new) is not _SAME for a, new in vals.items())

    def changes(self, raw_row: tuple, vals: dict) -> dict:
        """{attname: stored Python value} of the imported values that differ from the stored row."""
        index = self.index
        compare = self._compare
        changed = {}
        for attname, new in vals.items():
            old = compare(attname, raw_row[index[attname]], new)
            if old is not _SAME:
                changed[attname] = old
        return changed

    def changes_many(
        self, raw_rows: list[tuple], vals_list: list[dict], by_column: list | None = None
    ) -> list[dict]:
        """`changes` of many rows, column by column: each column's equal values are found with one
        comparison of the whole column (exact under the rules above; any value it cannot decide goes
        through `_compare`), and the stored decimals of the changed ones converted together.

        `by_column` receives the same changes column by column: (attname, row positions, stored values).
        """
        out: list[dict] = [{} for _ in raw_rows]
        groups: dict[tuple, list[int]] = {}
        for position, vals in enumerate(vals_list):
            groups.setdefault(tuple(vals), []).append(position)
        for names, positions in groups.items():
            rows = raw_rows if len(positions) == len(raw_rows) else [raw_rows[p] for p in positions]
            for attname in names:
                raws = list(map(operator.itemgetter(self.index[attname]), rows))
                news = [vals_list[p][attname] for p in positions]
                found = self._column_changes(attname, raws, news)
                for k, old in found:
                    out[positions[k]][attname] = old
                if by_column is not None and found:
                    by_column.append((attname, [positions[k] for k, _ in found], [old for _, old in found]))
        if len(groups) > 1:  # keep each row's changes in its own field order, as `changes` gives them
            out = [{a: c[a] for a in vals if a in c} for c, vals in zip(out, vals_list, strict=True)]
        return out

    def _column_changes(self, attname: str, raws: list, news: list) -> list[tuple[int, object]]:
        """(position, stored Python value) of the column's values that differ from the imported ones."""
        raw_kinds, new_kinds = set(map(type, raws)), set(map(type, news))
        if len(new_kinds) == 1 and raw_kinds == new_kinds and new_kinds <= {int, str, Decimal}:
            same = list(map(operator.eq, raws, news))
        elif (
            new_kinds == {Decimal}
            and raw_kinds <= {float, int}
            and -_FLOAT_EXACT < min(raws)
            and max(raws) < _FLOAT_EXACT
        ):
            same = list(map(operator.eq, raws, map(float, news)))
        else:
            same = [False] * len(raws)
        differing = list(compress(range(len(raws)), map(operator.not_, same)))
        if not differing:
            return []
        if raw_kinds <= {int, str} and raw_kinds == new_kinds and attname not in self._converters:
            return [(k, raws[k]) for k in differing]  # the driver's value is the model's (ints, text)
        decimal = self._decimals.get(attname)
        if (
            decimal is not None
            and raw_kinds <= {float, int}
            and min(raws) > -_FLOAT_EXACT
            and max(raws) < _FLOAT_EXACT
        ):
            # As `_stored_decimal`, for the whole column at once (an int's repr is its digits: exact).
            texts = [repr(raws[k]) for k in differing]
            if max(map(len, texts)) <= 15:
                quantum, context = decimal
                olds = list(
                    map(Decimal.quantize, map(Decimal, texts), repeat(quantum), repeat(None), repeat(context))
                )
                return [(k, old) for k, old in zip(differing, olds, strict=True) if old != news[k]]
        compare = self._compare
        found = []
        for k in differing:
            old = compare(attname, raws[k], news[k])
            if old is not _SAME:
                found.append((k, old))
        return found

    def _compare(self, attname: str, raw, new):
        """_SAME when the stored value equals the imported one, else the stored value as Python."""
        kind = type(new)
        raw_kind = type(raw)
        if raw_kind is kind and (kind is int or kind is str or kind is Decimal) and raw == new:
            return _SAME
        if raw is None or new is None:
            return _SAME if raw is new else self.python(attname, raw)
        if (raw_kind is float or raw_kind is int) and -_FLOAT_EXACT < raw < _FLOAT_EXACT:
            if kind is Decimal and (raw == new if raw_kind is int else raw == float(new)):
                return _SAME
            decimal = self._decimals.get(attname)
            if decimal is not None:
                old = _stored_decimal(raw, *decimal)
                if old is None:
                    old = self.python(attname, raw)
                return _SAME if old == new else old
        old = self.python(attname, raw)
        return _SAME if old == new else old


def _stored_decimal(raw: float | int, quantum: Decimal, context) -> Decimal | None:
    """A decimal column's float or int (below 10^13) as Django's SQLite converter reads it (rounded to
    15 significant digits, then to the field's places), without its cost. An int is exact. A float
    whose shortest repr has at most 15 characters: that repr is the float's nearest 15-digit decimal
    (two such decimals never fall within one float's rounding interval). None for a longer repr."""
    if type(raw) is int:
        return Decimal(raw).quantize(quantum, context=context)
    text = repr(raw)
    if len(text) > 15:
        return None
    return Decimal(text).quantize(quantum, context=context)
