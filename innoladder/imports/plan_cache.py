"""The dry run's plan, kept for the commit job so that it need not validate the same rows again.

The commit writes the kept plan only when `engine.plan_still_holds` confirms that nothing it was decided
on has changed since (the versions of the records it read, the absence of the keys it creates, the
user's scope); otherwise it validates the file again against the database as it is then. The plan is
kept for the day of the dry run, for the user who ran it, signed like the parsed sheet
(`parse_cache.write_signed`). Decimals are kept as text (pickling a million Decimal objects took
seconds); a plan holding any other kind of value (a model instance from a clean hook) is not kept.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from pathlib import Path

from django.db import models
from django.utils import timezone

from .datasets import Dataset
from .engine import Change, NewRow, Plan
from .parse_cache import read_signed, write_signed

FORMAT = "import-plan-1"
_KEPT = (int, str, bool, float, type(None), dt.date, dt.datetime, uuid.UUID)


class _NotKept(Exception):
    pass


def _identity(sha256: str, dataset: Dataset, user, batch_id) -> tuple:
    columns = tuple(c.field for c in dataset.columns)
    return (FORMAT, sha256, dataset.key, columns, user.pk, str(batch_id), timezone.localdate().isoformat())


def _decimal_attnames(dataset: Dataset) -> frozenset[str]:
    return frozenset(
        f.attname for f in dataset.model._meta.concrete_fields if isinstance(f, models.DecimalField)
    )


def _encode(values: dict, decimals: frozenset[str]) -> dict:
    out = {}
    for attname, value in values.items():
        kind = type(value)
        if kind is Decimal and attname in decimals:
            out[attname] = str(value)
        elif kind in _KEPT:
            out[attname] = value
        elif isinstance(value, str):  # a TextChoices member, kept as its value
            out[attname] = str(value)
        elif isinstance(value, int) and not isinstance(value, bool):  # an IntegerChoices member
            out[attname] = int(value)
        else:
            raise _NotKept(attname)
    return out


def _decode(values: dict, decimals: frozenset[str]) -> dict:
    for attname in decimals.intersection(values):
        text = values[attname]
        if text is not None:
            values[attname] = Decimal(text)
    return values


def save(path: Path, *, sha256: str, plan: Plan, user, batch_id) -> bool:
    """Keep the plan of an error-free dry run; False when it cannot be kept (it is then not written)."""
    if plan.errors or plan.read_versions is None:
        return False
    decimals = _decimal_attnames(plan.dataset)
    try:
        content = (
            [(_encode(row.values, decimals), row.label) for row in plan.creates],
            [(c.pk, _encode(c.values, decimals), c.diff, c.label, c.enterprise_id) for c in plan.updates],
            plan.unchanged,
            plan.rows_total,
            plan.read_versions,
        )
    except _NotKept:
        return False
    write_signed(path, _identity(sha256, plan.dataset, user, batch_id), content)
    return True


def load(path: Path, *, sha256: str, dataset: Dataset, user, batch_id) -> Plan | None:
    """The kept plan for exactly this file, dataset, user, batch and day, or None."""
    content = read_signed(path, _identity(sha256, dataset, user, batch_id))
    if content is None:
        return None
    creates, updates, unchanged, rows_total, read_versions = content
    decimals = _decimal_attnames(dataset)
    return Plan(
        dataset=dataset,
        creates=[NewRow(_decode(values, decimals), label) for values, label in creates],
        updates=[
            Change(pk, _decode(values, decimals), diff, label, enterprise_id)
            for pk, values, diff, label, enterprise_id in updates
        ],
        unchanged=unchanged,
        rows_total=rows_total,
        read_versions=read_versions,
    )


def discard(path: Path) -> None:
    path.unlink(missing_ok=True)
