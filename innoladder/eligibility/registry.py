"""Rule-set catalogue, selection by effective date, and the public ``assess`` functions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .facts import EnterpriseFacts
from .results import RuleSetResult
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
from .rulesets._common import Evaluator, RuleSetInfo
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
        end = self.info.effective_to
        return self.info.effective_from <= on and (end is None or on <= end)


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


def assess_scheme(
    scheme: str, facts: EnterpriseFacts, on: date, settings: Settings = DEFAULT
) -> RuleSetResult:
    ruleset = select(scheme, on)
    if ruleset is None:
        raise UnknownSchemeError(f"{on.isoformat()} 无有效的「{scheme}」认定标准")
    return ruleset.evaluate(facts, on, settings)


def assess(facts: EnterpriseFacts, on: date, settings: Settings = DEFAULT) -> tuple[RuleSetResult, ...]:
    """Every scheme with a version in force on ``on``, in ladder order."""
    results = []
    for scheme in SCHEMES:
        ruleset = select(scheme, on)
        if ruleset is not None:
            results.append(ruleset.evaluate(facts, on, settings))
    return tuple(results)
