"""Old against new: the engine gives, field by field and text by text, the results recorded from the
engine before the verdict fast path (``digests.py``: one digest per enterprise and date); and the fast
path (``verdicts``) gives the verdict of each full result (``verdict_of``).

10,000 generated enterprises on today's date and on a 2028 date, and 500 with an explicitly chosen
earlier data year; every field of every result is compared, text included (reasons, value and threshold
texts, gap texts, notes), and on a sample the JSON the CLI and the API write.
"""

from __future__ import annotations

import copy
import functools
import os
import pickle
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from innoladder.eligibility import CATALOGUE, EnterpriseFacts, RuleSet, assess_all, verdict_of, verdicts
from innoladder.eligibility.jsonio import to_jsonable
from innoladder.eligibility.rulesets._common import RuleSetInfo
from innoladder.eligibility.tables import Condition, evaluate_table
from innoladder.eligibility.tests import digests
from innoladder.eligibility.tests.digests import COUNT, DATES, SIZE, flat
from innoladder.eligibility.tests.test_tables import table

CHUNKS = 4


@functools.cache
def _recorded() -> dict[str, bytes]:
    return digests.load()


@functools.cache
def _everyone(on: date) -> list[EnterpriseFacts]:
    """The population of a date, generated once a test process."""
    return digests.people(on, COUNT, 20261206)


def _agrees(name: str, on: date, data_year: int | None, everyone: list[EnterpriseFacts], first: int) -> None:
    recorded = _recorded()[name]
    for number, facts in enumerate(everyone, start=first):
        # The fast path first: nothing of the full path has been computed or read yet.
        fast = verdicts(facts, on, data_year=data_year)
        results = assess_all(facts, on, data_year=data_year)
        assert fast == tuple(verdict_of(result) for result in results), (facts.uscc, on, data_year)
        found = digests.digest(results, number % digests.JSON_EVERY == 0)
        assert found == recorded[number * SIZE : (number + 1) * SIZE], (facts.uscc, on, data_year)


# The engine touches no database: the suite's PostgreSQL pass would only repeat the same minutes of CPU.
ONCE = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")), reason="pure engine: compared once, in the SQLite pass"
)


@ONCE
@pytest.mark.parametrize("chunk", range(CHUNKS))
@pytest.mark.parametrize("on", DATES, ids=lambda on: on.isoformat())
def test_engine_gives_the_recorded_results(on: date, chunk: int) -> None:
    size = COUNT // CHUNKS
    everyone = _everyone(on)[chunk * size : (chunk + 1) * size]
    _agrees(on.isoformat(), on, None, everyone, chunk * size)
    # The population reaches each outcome of the scored rule sets, so the comparison covers them.
    outcomes = {(r.version, r.outcome) for facts in everyone for r in assess_all(facts, on)}
    for version in ("tsme_2017", "srdi_sme_2022"):
        assert {o for v, o in outcomes if v == version} == {"eligible", "not_eligible", "insufficient_data"}


@pytest.mark.parametrize("on", DATES, ids=lambda on: on.isoformat())
def test_an_earlier_data_year_gives_the_recorded_results(on: date) -> None:
    name = f"{on.isoformat()}@{on.year - 2}"
    everyone = digests.people(on, digests.EARLIER_COUNT, digests.EARLIER_SEED)
    _agrees(name, on, on.year - 2, everyone, 0)


@ONCE
def test_the_fast_path_agrees_on_the_rule_sets_of_earlier_years() -> None:
    """innovative_sme_2022 and little_giant_2022 ended in 2025: the recorded dates do not run them."""
    on = date(2024, 7, 1)
    assert {ruleset.info.version for ruleset in CATALOGUE} - {
        r.version for r in verdicts(_everyone(on)[0], on)
    } == {
        "little_giant_2026",
        "tech_innovative_sme_2026",
    }
    for facts in digests.people(on, 2000, 11):
        assert verdicts(facts, on) == tuple(verdict_of(r) for r in assess_all(facts, on)), facts.uscc


def test_the_fast_path_summarises_a_rule_table() -> None:
    """A rule set that builds its own result (an administrator's table) is summarised by ``verdict_of``."""
    on = DATES[0]
    entered = table(
        Condition("rd_expense", "last_year", ">=", Decimal(500)),
        Condition("tech_staff_share", "last_year", ">=", Decimal(10)),
    )
    info = RuleSetInfo(
        entered.scheme, entered.version, entered.name_zh, entered.basis, entered.effective_from, None, None
    )

    def evaluate(facts: EnterpriseFacts, on: date, settings: object, data_year: int | None = None) -> object:
        return evaluate_table(entered, facts, on, data_year)

    chosen = [RuleSet(info, evaluate)]  # type: ignore[arg-type]
    outcomes = set()
    for facts in _everyone(on)[:300]:
        fast = verdicts(facts, on, rulesets=chosen)
        assert fast == tuple(verdict_of(r) for r in assess_all(facts, on, rulesets=chosen))
        outcomes.add(fast[0].outcome)
    assert outcomes == {"eligible", "not_eligible", "insufficient_data"}


def test_a_changed_result_changes_its_digest() -> None:
    """The digest reads the texts: one changed reason gives another digest."""
    on = DATES[0]
    result = assess_all(_everyone(on)[0], on)[1]
    item = result.criteria[0]
    changed = replace(result, criteria=(replace(item, reason=item.reason + "。"), *result.criteria[1:]))
    assert digests.digest((result,), False) != digests.digest((changed,), False)
    assert digests.digest((result,), False) == digests.digest((replace(result),), False)


def test_unread_text_survives_pickling_and_equality() -> None:
    on = DATES[0]
    facts = digests.people(on, 20, 3)[11]
    fresh, read = assess_all(facts, on), assess_all(facts, on)
    to_jsonable(read)
    assert pickle.loads(pickle.dumps(fresh)) == read
    assert fresh == read
    assert flat(pickle.loads(pickle.dumps(assess_all(facts, on)))) == flat(read)
    assert copy.deepcopy(fresh) == read
