"""Benchmark: every rule set in force for N generated enterprises: the verdict fast path, the full
path read for verdicts only, and the full path with every explanation read.

Usage: python bench/bench_engine.py [N] [YYYY-MM-DD] [REPEATS]

The enterprises are the differential test's (innoladder/eligibility/tests/generated.py). Figures are
CPU time of this process per enterprise (best of REPEATS; the machine is shared), results dropped as
they come, as the batch does. Anchor measured in the same run: building the facts objects.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import time
import typing
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from benchdb import say

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from innoladder.eligibility import (  # noqa: E402
    EnterpriseFacts,
    RuleSetResult,
    Verdict,
    assess_all,
    jsonio,
    verdict_of,
    verdicts,
)
from innoladder.eligibility.tests.generated import population  # noqa: E402

TARGET_US = 100


def best_us(work: Callable[[], None], count: int, repeats: int) -> float:
    timings = []
    for _ in range(repeats):
        started = time.process_time()
        work()
        timings.append(time.process_time() - started)
    return min(timings) / count * 1_000_000


def stored(found: tuple[Verdict, ...]) -> int:
    """What the batch stores of each verdict: outcome, score range and the condition counts."""
    failed = 0
    for item in found:
        failed += item.conditions_failed + (item.outcome == "eligible") + (item.score_range is not None)
    return failed


def summarised(results: tuple[RuleSetResult, ...]) -> int:
    """The full path read for the same fields: each result's criteria counted (``verdict_of``)."""
    return stored(tuple(verdict_of(result) for result in results))


def explained(results: tuple[RuleSetResult, ...]) -> int:
    """What a page or the report reads: every text of every criterion and gap, and the notes."""
    size = 0
    for result in results:
        size += sum(len(note) for note in result.notes)
        for item in result.criteria:
            size += len(item.reason) + len(item.value_text) + len(item.threshold_text)
            if item.gap is not None:
                size += len(item.gap.text)
    return size


def copy_facts(facts: EnterpriseFacts) -> EnterpriseFacts:
    return EnterpriseFacts(**{f.name: getattr(facts, f.name) for f in dataclasses.fields(EnterpriseFacts)})


def uncached_fields(cls: type[Any]) -> Any:
    """The JSON parser before the cache: type hints resolved at every object parsed."""
    return typing.get_type_hints(cls), {f.name: f for f in dataclasses.fields(cls)}


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    on = date.fromisoformat(sys.argv[2]) if len(sys.argv) > 2 else date(2026, 12, 6)
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    people = population(count, on)
    for facts in people[:200]:  # warm-up
        summarised(assess_all(facts, on))
        stored(verdicts(facts, on))

    def run(read: Callable[[Any], int], engine: Callable[..., Any]) -> Callable[[], None]:
        def work() -> None:
            for facts in people:
                read(engine(facts, on))

        return work

    fast = best_us(run(stored, verdicts), count, repeats)
    full = best_us(run(summarised, assess_all), count, repeats)
    explained_us = best_us(run(explained, assess_all), count, repeats)
    build = best_us(lambda: [copy_facts(facts) for facts in people], count, repeats)

    sample = people[: max(count // 10, 1)]
    texts = [jsonio.dumps(jsonio.facts_to_dict(facts)) for facts in sample]
    json_only = best_us(
        lambda: [json.loads(text, parse_float=Decimal) for text in texts], len(texts), repeats
    )
    parse_new = best_us(lambda: [jsonio.load_document(text) for text in texts], len(texts), repeats)
    cached = jsonio._fields_of
    jsonio._fields_of = uncached_fields  # type: ignore[assignment]
    try:
        parse_old = best_us(lambda: [jsonio.load_document(text) for text in texts], len(texts), repeats)
    finally:
        jsonio._fields_of = cached  # type: ignore[assignment]

    rulesets = len(assess_all(people[0], on))
    say(f"enterprises: {count}, rule sets each: {rulesets}, date: {on.isoformat()}, best of {repeats}")
    say("CPU µs per enterprise (all rule sets)                         µs   × anchor  × fast path")
    rows = (
        ("verdict fast path (verdicts: what the batch stores)", fast),
        ("full path, verdicts read (assess_all + verdict_of)", full),
        ("full path, every text read (pages, report)", explained_us),
        ("anchor: building the facts objects only", build),
    )
    for label, figure in rows:
        say(f"  {label:<54}{figure:7.1f}  {figure / build:7.1f}  {figure / fast:9.2f}")
    met = "met" if fast <= TARGET_US else "NOT met"
    say(f"target verdict path ≤ {TARGET_US} µs: {met} ({fast:.1f} µs)")
    say(f"JSON facts document → EnterpriseFacts ({len(texts)} documents), µs per document:")
    say(f"  json.loads alone (anchor) {json_only:.1f}; without the type-hint cache {parse_old:.1f}")
    say(f"  type hints once per class (new) {parse_new:.1f}; old/new {parse_old / parse_new:.2f}x")
    outcomes: dict[str, int] = {}
    for facts in people:
        for result in assess_all(facts, on):
            key = f"{result.version}:{result.outcome}"
            outcomes[key] = outcomes.get(key, 0) + 1
    for key in sorted(outcomes):
        say(f"  {key}: {outcomes[key]}")


if __name__ == "__main__":
    main()
