"""Recorded results of the engine on the generated enterprises, as one short digest per enterprise.

The differential test compares the engine with these digests instead of with a frozen copy of the
engine's old source. Each digest is the first 8 bytes of the SHA-256 of a canonical serialization of
everything ``assess_all`` returns for one enterprise on one date: every field of every result,
criterion and gap, texts included (reasons, value and threshold texts, gap texts, notes), and on every
50th enterprise the JSON the CLI and the API write. 64 bits per enterprise: a changed result escapes
with a chance of 2⁻⁶⁴.

``digests.bin.xz`` was recorded once from the engine before the verdict fast path (the frozen copy
that lived in ``tests/reference/``). Record again (``python -m innoladder.eligibility.tests.digests``)
only for a rule change that is meant to change results, and say so in the commit.
"""

from __future__ import annotations

import hashlib
import json
import lzma
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from innoladder.eligibility import CriterionResult, EnterpriseFacts, Gap, RuleSetResult, assess_all
from innoladder.eligibility.jsonio import to_jsonable
from innoladder.eligibility.tests.generated import population

PATH = Path(__file__).with_name("digests.bin.xz")
SIZE = 8  # bytes kept of each SHA-256
COUNT = 10_000
DATES = (date(2026, 12, 6), date(2028, 3, 15))
# An explicitly chosen earlier data year: a smaller population of its own seed.
EARLIER_COUNT, EARLIER_SEED = 500, 7
JSON_EVERY = 50

RESULT_FIELDS = tuple(f.name for f in fields(RuleSetResult) if f.name != "criteria")
CRITERION_FIELDS = tuple(f.name for f in fields(CriterionResult) if f.name != "gap")
GAP_FIELDS = tuple(f.name for f in fields(Gap))

Engine = Callable[..., Sequence[RuleSetResult]]


def _plain(value: Any) -> Any:
    """Decimals as their strings (1.0 and 1.00 differ, as in JSON); tuples item by item."""
    if isinstance(value, Decimal):
        return ("Decimal", str(value))
    if isinstance(value, tuple):
        return tuple(_plain(item) for item in value)
    return value


def flat(results: Iterable[RuleSetResult]) -> list[tuple[Any, ...]]:
    """Every field of every result, criterion and gap (``to_jsonable``'s content, read faster)."""
    out = []
    for result in results:
        out.append(tuple(_plain(getattr(result, name)) for name in RESULT_FIELDS))
        for item in result.criteria:
            gap = item.gap
            gap_values = None if gap is None else tuple(_plain(getattr(gap, name)) for name in GAP_FIELDS)
            out.append((*(_plain(getattr(item, name)) for name in CRITERION_FIELDS), gap_values))
    return out


def digest(results: Sequence[RuleSetResult], with_json: bool) -> bytes:
    text = repr(flat(results))
    if with_json:
        text += json.dumps(to_jsonable(tuple(results)), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).digest()[:SIZE]


def runs() -> list[tuple[str, date, int | None, int, int]]:
    """(name, date, data year, count, seed) of each recorded population, in file order."""
    out: list[tuple[str, date, int | None, int, int]] = [
        (on.isoformat(), on, None, COUNT, 20261206) for on in DATES
    ]
    out += [(f"{on.isoformat()}@{on.year - 2}", on, on.year - 2, EARLIER_COUNT, EARLIER_SEED) for on in DATES]
    return out


def people(on: date, count: int, seed: int) -> list[EnterpriseFacts]:
    return population(count, on, seed=seed)


def compute(engine: Engine, on: date, data_year: int | None, everyone: Sequence[EnterpriseFacts]) -> bytes:
    return b"".join(
        digest(engine(facts, on, data_year=data_year), number % JSON_EVERY == 0)
        for number, facts in enumerate(everyone)
    )


def load() -> dict[str, bytes]:
    """The recorded digests of each population, by name (see ``runs``)."""
    data = lzma.decompress(PATH.read_bytes())
    out, start = {}, 0
    for name, _, _, count, _ in runs():
        out[name] = data[start : start + count * SIZE]
        start += count * SIZE
    if start != len(data):
        raise ValueError(f"{PATH.name}: {len(data)} bytes, expected {start}")
    return out


def record(engine: Engine = assess_all) -> None:
    parts = [compute(engine, on, year, people(on, count, seed)) for _, on, year, count, seed in runs()]
    PATH.write_bytes(lzma.compress(b"".join(parts), preset=9))


if __name__ == "__main__":
    record()
    sys.stdout.write(f"{PATH}: {PATH.stat().st_size} bytes\n")
