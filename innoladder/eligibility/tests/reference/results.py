"""Output: frozen dataclasses describing an assessment, criterion by criterion."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

Status = Literal["pass", "fail", "insufficient_data"]
Outcome = Literal["eligible", "not_eligible", "insufficient_data"]
Value = Decimal | int | str | None

PASS: Status = "pass"
FAIL: Status = "fail"
UNKNOWN: Status = "insufficient_data"


@dataclass(frozen=True, slots=True)
class Gap:
    """The smallest change that would meet one threshold."""

    kind: str
    amount: Decimal
    unit: str
    text: str


@dataclass(frozen=True)
class CriterionResult:
    """One condition or scored indicator of a rule set."""

    code: str
    name_zh: str
    group: str
    status: Status
    value: Value = None
    value_text: str = ""
    threshold_text: str = ""
    points: Decimal | None = None
    points_max: Decimal | None = None
    points_range: tuple[Decimal, Decimal] | None = None
    reason: str = ""
    clause: str = ""
    gap: Gap | None = None

    def point_bounds(self) -> tuple[Decimal, Decimal]:
        """(lowest, highest) points this criterion can still give."""
        if self.points is not None:
            return (self.points, self.points)
        if self.points_range is not None:
            return self.points_range
        top = self.points_max if self.points_max is not None else Decimal(0)
        return (Decimal(0), top)


@dataclass(frozen=True, slots=True)
class RuleSetResult:
    """The outcome of one versioned rule set for one enterprise on one date."""

    ruleset_id: str
    version: str
    name_zh: str
    basis: str
    effective_from: date
    effective_to: date | None
    outcome: Outcome
    route: str
    score: Decimal | None
    score_max: Decimal | None
    score_range: tuple[Decimal, Decimal] | None
    group_scores: tuple[tuple[str, Decimal, Decimal], ...]
    criteria: tuple[CriterionResult, ...]
    met_count: int
    total_count: int
    notes: tuple[str, ...]
    # The base date, and the fiscal year read as 上年 on it: the year the rule prescribes
    # (``rule_data_year``) unless the caller explicitly chose an earlier one (``data_year``).
    assessed_on: date | None = None
    data_year: int | None = None
    rule_data_year: int | None = None
    # The facts hold no figures at all for ``data_year``.
    data_year_missing: bool = False

    @property
    def data_year_fallback(self) -> bool:
        """Whether the year read is not the rule's own year on the base date (an explicit choice)."""
        return self.data_year != self.rule_data_year


def make_criterion(
    code: str,
    name_zh: str,
    group: str,
    status: Status,
    value: Value = None,
    value_text: str = "",
    threshold_text: str = "",
    points: Decimal | None = None,
    points_max: Decimal | None = None,
    points_range: tuple[Decimal, Decimal] | None = None,
    reason: str = "",
    clause: str = "",
    gap: Gap | None = None,
) -> CriterionResult:
    """Same as ``CriterionResult(...)``, about three times faster.

    A frozen dataclass sets each field through ``object.__setattr__``; filling ``__dict__`` in one
    step gives an equal, still immutable object. The engine builds ~85 of these per enterprise.
    """
    item = object.__new__(CriterionResult)
    item.__dict__.update(
        code=code,
        name_zh=name_zh,
        group=group,
        status=status,
        value=value,
        value_text=value_text,
        threshold_text=threshold_text,
        points=points,
        points_max=points_max,
        points_range=points_range,
        reason=reason,
        clause=clause,
        gap=gap,
    )
    return item
