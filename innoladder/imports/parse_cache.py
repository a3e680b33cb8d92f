"""The dry run's parsed sheet, kept for the commit job so it does not read the same file twice.

The commit still re-validates every row against the database as it is then; only the reading of the
uploaded file (which never changes: stored under a random name, identified by its sha256) is reused.
With the sheet go the dry run's converted columns whose conversion depends on nothing but the cells and
the header (`columns.Spec.reuse_key`): the commit takes them instead of converting the cells again
(decimals kept as their text, which gives each Decimal back digit for digit, and pickles far quicker).
The cache is a pickle signed with an HMAC of the site's secret key and bound to the file's sha256, the
dataset and this format's version: anything that does not verify is ignored and the file is read again.
"""

from __future__ import annotations

import hashlib
import hmac
import pickle
from decimal import Decimal
from pathlib import Path

from django.conf import settings

from .columns import ABSENT
from .datasets import Dataset
from .reader import HeaderMatch, ParsedSheet

FORMAT = "parsed-sheet-2"
MAC_SIZE = hashlib.sha256().digest_size


def _identity(sha256: str, dataset: Dataset) -> tuple:
    return (FORMAT, sha256, dataset.key, tuple(c.field for c in dataset.columns))


def _mac(payload: bytes) -> bytes:
    key = hashlib.sha256(b"innoladder.imports.parse_cache:" + settings.SECRET_KEY.encode()).digest()
    return hmac.new(key, payload, hashlib.sha256).digest()


def save(
    path: Path, *, sha256: str, dataset: Dataset, parsed: ParsedSheet, converted: tuple | None = None
) -> None:
    """Plain values only (the dataset's columns are matched again by field name when loading).

    `converted` is the plan's (row numbers, {reuse key: (column, absent positions)}) of a dry run
    without errors."""
    matches = {name: (m.index, m.original, m.unit) for name, m in parsed.matches.items()}
    sheet = (
        parsed.sheet_name,
        parsed.header_row,
        parsed.headers,
        matches,
        parsed.rows,
        parsed.unknown_headers,
        parsed.missing_required,
        parsed.example_rows,
        parsed.marker_index,
        None if converted is None else (converted[0], {k: _encode(*c) for k, c in converted[1].items()}),
    )
    payload = pickle.dumps((_identity(sha256, dataset), sheet), protocol=pickle.HIGHEST_PROTOCOL)
    path.write_bytes(_mac(payload) + payload)


def load(path: Path, *, sha256: str, dataset: Dataset) -> ParsedSheet | None:
    """The cached sheet for exactly this file and dataset, or None (missing, altered, other version)."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    mac, payload = blob[:MAC_SIZE], blob[MAC_SIZE:]
    if len(mac) != MAC_SIZE or not hmac.compare_digest(mac, _mac(payload)):
        return None
    identity, sheet = pickle.loads(payload)  # noqa: S301 - written by this server and verified above
    if identity != _identity(sha256, dataset):
        return None
    name, header_row, headers, matches, rows, unknown, missing, examples, marker, converted = sheet
    columns = {c.field: c for c in dataset.columns}
    return ParsedSheet(
        sheet_name=name,
        header_row=header_row,
        headers=headers,
        matches={
            f: HeaderMatch(columns[f], index, original, unit)
            for f, (index, original, unit) in matches.items()
        },
        rows=rows,
        unknown_headers=unknown,
        missing_required=missing,
        example_rows=examples,
        marker_index=marker,
        converted=None
        if converted is None
        else (converted[0], {k: _decode(*c) for k, c in converted[1].items()}),
    )


def _encode(column: list, absent: list[int]) -> tuple:
    """A converted column as plain values: None where ABSENT, and a column of decimals as their text."""
    if absent:
        column = list(column)
        for position in absent:
            column[position] = None
    kinds = set(map(type, column))
    if kinds == {Decimal}:  # one text for the column: pickles in one piece
        return ("decimal", "\n".join(map(str, column)), absent)
    return ("plain", column, absent)


def _decode(kind: str, column, absent: list[int]) -> tuple[list, list[int]]:
    if kind == "decimal":
        column = list(map(Decimal, column.split("\n"))) if column else []
    for position in absent:
        column[position] = ABSENT
    return column, absent


def discard(path: Path) -> None:
    path.unlink(missing_ok=True)
