"""Rule-set catalogue, selection by effective date, and the public ``assess`` functions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .facts import EnterpriseFacts
from .results import EXPLAIN, RuleSetResult, Verdict, verdict_of
from .rulesets import (
    hnte_2016,
    innovative_sme_2022,
    little_giant_2022,
    little_giant_2026,
    qh_tech_enterprise_2020,
    srdi_sme_2022,
    tech_innovative_sme_2026,
    tsme_2017,
)
from .rulesets._common import DataYearError, Evaluator, RuleSetInfo
from .settings import DEFAULT, Settings

SCHEMES = (
    "tsme",
    "hnte",
    "innovative_sme",
    "tech_innovative_sme",
    "srdi_sme",
    "little_giant",
    "qh_tech_enterprise",
)


@dataclass(frozen=True)
class RuleSet:
    """One versioned rule set: identity, validity period and its evaluator."""

    info: RuleSetInfo
    evaluate: Evaluator

    def in_force(self, on: date) -> bool:
        return self.info.in_force(on)


CATALOGUE: tuple[RuleSet, ...] = tuple(
    RuleSet(module.INFO, module.evaluate)
    for module in (
        tsme_2017,
        hnte_2016,
        innovative_sme_2022,
        tech_innovative_sme_2026,
        srdi_sme_2022,
        little_giant_2022,
        little_giant_2026,
        qh_tech_enterprise_2020,
    )
)


class UnknownSchemeError(LookupError):
    """The scheme id is not in the glossary, or no version is in force on the date."""


def select(scheme: str, on: date) -> RuleSet | None:
    """The version of ``scheme`` in force on ``on`` (the latest start date wins), or None."""
    if scheme not in SCHEMES:
        raise UnknownSchemeError(f"未知的认定类型：{scheme}")
    candidates = [item for item in CATALOGUE if item.info.scheme == scheme and item.in_force(on)]
    if not candidates:
        return None
    return max(candidates, key=lambda item: item.info.effective_from)


@lru_cache(maxsize=128)
def in_force(on: date) -> tuple[RuleSet, ...]:
    """The version of each scheme in force on ``on``, in ladder order (the catalogue is fixed: cached)."""
    found = (select(scheme, on) for scheme in SCHEMES)
    return tuple(ruleset for ruleset in found if ruleset is not None)


def run(
    ruleset: RuleSet, facts: EnterpriseFacts, on: date, settings: Settings, data_year: int | None = None
) -> RuleSetResult:
    """``ruleset.evaluate``; ``data_year`` is passed only when one was chosen."""
    if data_year is None:
        return ruleset.evaluate(facts, on, settings)
    return ruleset.evaluate(facts, on, settings, data_year=data_year)


def assess_scheme(
    scheme: str, facts: EnterpriseFacts, on: date, settings: Settings = DEFAULT, data_year: int | None = None
) -> RuleSetResult:
    ruleset = select(scheme, on)
    if ruleset is None:
        raise UnknownSchemeError(f"{on.isoformat()} 无有效的「{scheme}」认定标准")
    return run(ruleset, facts, on, settings, data_year)


def assess(
    facts: EnterpriseFacts, on: date, settings: Settings = DEFAULT, data_year: int | None = None
) -> tuple[RuleSetResult, ...]:
    """Every scheme with a version in force on ``on``, in ladder order.

    ``data_year``: the caller's explicit choice of an earlier fiscal year to read instead of each
    rule's own (see ``latest_data_year``); None reads the year each rule prescribes on ``on``.
    """
    return assess_all(facts, on, settings, data_year)


def assess_all(
    facts: EnterpriseFacts,
    on: date,
    settings: Settings = DEFAULT,
    data_year: int | None = None,
    rulesets: Sequence[RuleSet] | None = None,
) -> tuple[RuleSetResult, ...]:
    """The batch path: ``assess``, or the given rule sets (e.g. with an administrator's rule tables).

    Verdicts, points, values and gap amounts are decided here; every criterion's reason, value and
    threshold texts and gap text are formatted only when read (``results.Lazy``), from the same
    definitions, so a caller that stores only verdicts never formats them.
    """
    chosen = in_force(on) if rulesets is None else rulesets
    return tuple(run(ruleset, facts, on, settings, data_year) for ruleset in chosen)


def verdicts(
    facts: EnterpriseFacts,
    on: date,
    settings: Settings = DEFAULT,
    data_year: int | None = None,
    rulesets: Sequence[RuleSet] | None = None,
) -> tuple[Verdict, ...]:
    """The verdicts only: for each rule set of ``assess_all``, ``verdict_of`` its result (outcome,
    route, score, counts, data year), computed without the explanation.

    The same rule functions run with ``results.EXPLAIN`` false: their criteria are ``Decided`` (status
    and points, no text, no gap) and the result is assembled as a ``Verdict``. A rule set that builds
    its result otherwise (an administrator's rule table) is summarised with ``verdict_of``.
    """
    token = EXPLAIN.set(False)
    try:
        found: tuple[RuleSetResult | Verdict, ...] = assess_all(facts, on, settings, data_year, rulesets)
    finally:
        EXPLAIN.reset(token)
    return tuple(item if item.__class__ is Verdict else verdict_of(item) for item in found)  # type: ignore[arg-type]


def rule_data_year(on: date) -> int | None:
    """The latest fiscal year any rule set in force on ``on`` reads (None when none is in force)."""
    return max((ruleset.info.data_year(on) for ruleset in in_force(on)), default=None)


def latest_data_year(facts: EnterpriseFacts, on: date) -> int | None:
    """The latest fiscal year with figures that the rules in force on ``on`` may read, or None."""
    limit = rule_data_year(on)
    if limit is None:
        return None
    return max((item.year for item in facts.years if item.year <= limit), default=None)


def fallback_year(facts: EnterpriseFacts, on: date) -> int | None:
    """The year to offer when the rules' own year has no figures: the latest earlier year with data.

    None when the rules' year has figures (nothing to offer) or when no earlier year has any.
    """
    own = rule_data_year(on)
    latest = latest_data_year(facts, on)
    if own is None or latest is None or latest == own:
        return None
    return latest


def check_data_year(facts: EnterpriseFacts, on: date, data_year: int) -> None:
    """Refuse a chosen data year that is not an earlier year with figures (``DataYearError``)."""
    own = rule_data_year(on)
    if own is None or data_year > own:
        raise DataYearError(f"{data_year}年度晚于基准日 {on.isoformat()} 可用的最近完整会计年度")
    if facts.year(data_year) is None:
        raise DataYearError(f"企业没有{data_year}年度数据，不能按该年度评估")
