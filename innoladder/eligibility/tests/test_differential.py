"""Old against new: the engine with lazy explanations gives the frozen reference copy's results.

10,000 generated enterprises on today's date and on a 2028 date; every field of every result is
compared, text included (reasons, value and threshold texts, gap texts, notes), and so are the
verdict-only results of ``assess_all`` before and after their text is read.
"""

from __future__ import annotations

import copy
import functools
import os
import pickle
from dataclasses import fields
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from innoladder.eligibility import CriterionResult, EnterpriseFacts, Gap, RuleSetResult, assess, assess_all
from innoladder.eligibility.jsonio import to_jsonable
from innoladder.eligibility.tests.generated import population
from innoladder.eligibility.tests.reference import registry as reference

COUNT = 10_000
CHUNKS = 4
DATES = (date(2026, 12, 6), date(2028, 3, 15))


RESULT_FIELDS = tuple(f.name for f in fields(RuleSetResult) if f.name != "criteria")
CRITERION_FIELDS = tuple(f.name for f in fields(CriterionResult) if f.name != "gap")
GAP_FIELDS = tuple(f.name for f in fields(Gap))


def _plain(value: Any) -> Any:
    """Decimals as their strings (1.0 and 1.00 differ, as in JSON); tuples item by item."""
    if isinstance(value, Decimal):
        return ("Decimal", str(value))
    if isinstance(value, tuple):
        return tuple(_plain(item) for item in value)
    return value


def _flat(results: Any) -> list[tuple[Any, ...]]:
    """Every field of every result, criterion and gap (``to_jsonable``'s content, read faster)."""
    out = []
    for result in results:
        out.append(tuple(_plain(getattr(result, name)) for name in RESULT_FIELDS))
        for item in result.criteria:
            gap = item.gap
            gap_values = None if gap is None else tuple(_plain(getattr(gap, name)) for name in GAP_FIELDS)
            out.append((*(_plain(getattr(item, name)) for name in CRITERION_FIELDS), gap_values))
    return out


@functools.cache
def _everyone(on: date) -> list[EnterpriseFacts]:
    """The population of a date, generated once a test process."""
    return population(COUNT, on)


def _verdicts(results: Any) -> list[tuple[Any, ...]]:
    return [(item.version, item.outcome, _plain(item.score_range)) for item in results]


# The engine touches no database: the suite's PostgreSQL pass would only repeat the same minutes of CPU.
ONCE = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")), reason="pure engine: compared once, in the SQLite pass"
)


@ONCE
@pytest.mark.parametrize("chunk", range(CHUNKS))
@pytest.mark.parametrize("on", DATES, ids=lambda on: on.isoformat())
def test_engine_agrees_with_the_reference_copy(on: date, chunk: int) -> None:
    size = COUNT // CHUNKS
    everyone = _everyone(on)[chunk * size : (chunk + 1) * size]
    outcomes: set[tuple[str, str]] = set()
    for number, facts in enumerate(everyone):
        old = reference.assess(facts, on)
        fast = assess_all(facts, on)
        # The verdicts first, before any text is read, then every field with its text.
        assert _verdicts(fast) == _verdicts(old), facts.uscc
        assert _flat(fast) == _flat(old), facts.uscc
        if number % 50 == 0:  # the JSON the CLI and the API write, on a sample
            assert to_jsonable(assess(facts, on)) == to_jsonable(old), facts.uscc
        outcomes.update((r.version, r.outcome) for r in old)
    # The population reaches each outcome of the scored rule sets, so the comparison covers them.
    for version in ("tsme_2017", "srdi_sme_2022"):
        assert {o for v, o in outcomes if v == version} == {"eligible", "not_eligible", "insufficient_data"}


@pytest.mark.parametrize("on", DATES, ids=lambda on: on.isoformat())
def test_an_earlier_data_year_agrees_too(on: date) -> None:
    for facts in population(500, on, seed=7):
        expected = _flat(reference.assess(facts, on, data_year=on.year - 2))
        assert _flat(assess_all(facts, on, data_year=on.year - 2)) == expected, facts.uscc


def test_unread_text_survives_pickling_and_equality() -> None:
    on = DATES[0]
    facts = population(20, on, seed=3)[11]
    fresh, read = assess_all(facts, on), assess_all(facts, on)
    to_jsonable(read)
    assert pickle.loads(pickle.dumps(fresh)) == read
    assert fresh == read
    assert _flat(pickle.loads(pickle.dumps(assess_all(facts, on)))) == _flat(reference.assess(facts, on))
    assert copy.deepcopy(fresh) == read
