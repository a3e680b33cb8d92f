"""Re-explaining a stored assessment: the stored rule-set versions run again on the stored facts snapshot.

An assessment stores its facts snapshot, the rule-set version of each scheme and any non-default
settings once, and per scheme only the verdict (outcome, standing, score, counts). Every criterion
row, reason, gap and the next-step plan follow from those by the (pure, deterministic) engine, so
they are recomputed when a past assessment is shown instead of being stored ~40 KB per enterprise.
A version's module is never changed once released (a new version is a new module); should the
recomputed verdict still differ from the stored one, the block is flagged and the stored verdict is
the one shown in the ladder and the lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from innoladder import eligibility as e
from innoladder.eligibility.jsonio import facts_from_dict, from_dict

from . import serialize as s

RULESETS = {ruleset.info.version: ruleset for ruleset in e.CATALOGUE}
_DEFAULTS = s.settings_dict(e.DEFAULT)


def ruleset_for(version: str) -> e.RuleSet | None:
    """The rule set a stored result names by its version (a built-in one, else an administrator's rule
    table revision), or None when it is no longer known."""
    found = RULESETS.get(version)
    if found is None:
        from innoladder.ruletables.engine import ruleset_for_version

        found = ruleset_for_version(version)
    return found


def settings_snapshot(settings: e.Settings) -> dict[str, Any]:
    """The settings that differ from the defaults (``{}`` for the defaults)."""
    if settings == e.DEFAULT:
        return {}
    return {key: value for key, value in s.settings_dict(settings).items() if _DEFAULTS.get(key) != value}


def settings_from(snapshot: dict[str, Any]) -> e.Settings:
    settings: e.Settings = from_dict(e.Settings, snapshot or {}, "settings")
    return settings


@dataclass(frozen=True)
class Explained:
    """A stored assessment evaluated again: facts, results in stored order, plan and mismatches."""

    facts: e.EnterpriseFacts
    results: dict[int, e.RuleSetResult]  # SchemeResult pk → result
    missing: tuple[int, ...]  # SchemeResult pks whose rule-set version is no longer in the catalogue
    drifted: tuple[int, ...]  # SchemeResult pks whose recomputed verdict differs from the stored one
    plan: e.Plan | None


CENT = Decimal("0.01")


def _cents(value: Decimal | None) -> Decimal | None:
    """Scores as the DecimalField(decimal_places=2) columns keep them."""
    return None if value is None else Decimal(value).quantize(CENT)


def matches(row, result: e.RuleSetResult) -> bool:
    """Whether ``result`` gives the verdict stored in the SchemeResult ``row``."""
    low, high = result.score_range if result.score_range else (None, None)
    return (
        row.outcome == result.outcome
        and _cents(row.score) == _cents(result.score)
        and _cents(row.score_low) == _cents(low)
        and _cents(row.score_high) == _cents(high)
        and row.met_count == result.met_count
        and row.total_count == result.total_count
    )


def explain(assessment, rows) -> Explained:
    """Run each row's stored rule-set version on the assessment's facts snapshot and settings."""
    facts = facts_from_dict(assessment.facts)
    settings = settings_from(assessment.settings)
    results: dict[int, e.RuleSetResult] = {}
    missing, drifted = [], []
    for row in rows:
        ruleset = ruleset_for(row.ruleset_version)
        if ruleset is None:
            missing.append(row.pk)
            continue
        # The year the user chose to read, if any, is part of what was assessed.
        result = e.run(ruleset, facts, assessment.assessed_on, settings, assessment.data_year)
        results[row.pk] = result
        if not matches(row, result):
            drifted.append(row.pk)
    plan = e.next_step_plan(facts, tuple(results.values()), assessment.assessed_on) if results else None
    return Explained(facts, results, tuple(missing), tuple(drifted), plan)
