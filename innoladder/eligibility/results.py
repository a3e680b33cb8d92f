"""Output: frozen dataclasses describing an assessment, criterion by criterion."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal, TypeVar

Status = Literal["pass", "fail", "insufficient_data"]
Outcome = Literal["eligible", "not_eligible", "insufficient_data"]
Value = Decimal | int | str | None
Holder = TypeVar("Holder")
# A text field: the string, or a function of the object that holds it, formatted when read.
Text = str | Callable[[Holder], str]

PASS: Status = "pass"
FAIL: Status = "fail"
UNKNOWN: Status = "insufficient_data"
# The group of a direct-qualification route: neither a condition nor a scored indicator.
ROUTE_GROUP = "直通条件"

# False while ``registry.verdicts`` runs the rule sets: criteria are built as ``Decided`` (no text, no
# gap) and ``rulesets._common.build`` returns a ``Verdict``. A context variable: threads and tasks that
# explain at the same time are not affected.
EXPLAIN: ContextVar[bool] = ContextVar("explain", default=True)


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


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a batch stores of one rule set's result: outcome, score and counts, without the criteria.

    ``verdict_of`` says what each field is in terms of the full ``RuleSetResult``; ``registry.verdicts``
    gives the same values from the same rule functions without building the criteria's explanations.
    """

    ruleset_id: str
    version: str
    outcome: Outcome
    route: str
    score: Decimal | None
    score_range: tuple[Decimal, Decimal] | None
    met_count: int
    total_count: int
    # Conditions: criteria that are neither scored (``points_max``) nor a direct route.
    conditions_met: int
    conditions_failed: int
    conditions_total: int
    data_year: int | None
    rule_data_year: int | None
    data_year_missing: bool

    @property
    def data_year_fallback(self) -> bool:
        return self.data_year != self.rule_data_year


@dataclass(slots=True, eq=False)
class Decided:
    """A criterion as the verdict-only evaluation builds it: what verdicts, scores and counts read."""

    code: str
    group: str
    status: Status
    points: Decimal | None
    points_max: Decimal | None
    points_range: tuple[Decimal, Decimal] | None

    point_bounds = CriterionResult.point_bounds


def tally(criteria: Iterable[CriterionResult | Decided]) -> tuple[int, int, int, int, int]:
    """(met, total, conditions met, conditions failed, conditions total) of a rule set's criteria."""
    met = total = conditions_met = conditions_failed = conditions_total = 0
    for item in criteria:
        total += 1
        status = item.status
        met += status == PASS
        if item.points_max is None and item.group != ROUTE_GROUP:
            conditions_total += 1
            conditions_met += status == PASS
            conditions_failed += status == FAIL
    return met, total, conditions_met, conditions_failed, conditions_total


def verdict_of(result: RuleSetResult) -> Verdict:
    """The verdict of a full result (the definition the fast path agrees with)."""
    counts = (result.met_count, result.total_count, *tally(result.criteria)[2:])
    period = (result.data_year, result.rule_data_year, result.data_year_missing)
    names = (result.ruleset_id, result.version, result.outcome, result.route)
    return Verdict(*names, result.score, result.score_range, *counts, *period)


class Lazy:
    """A text field formatted on first read: the stored value is a string, or a function of the object
    that holds it (called once; the string replaces it).

    The engine decides and counts on the hot path and stores the function that says why; pages,
    reports and the API read the same fields as before and get the same strings.
    """

    __slots__ = ("name",)

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, item: object, owner: type | None = None) -> str:
        if item is None:
            return ""  # the class attribute: the dataclass default of every text field
        stored = item.__dict__
        text = stored[self.name]
        if text.__class__ is not str:
            text = stored[self.name] = text(item)
        return text  # type: ignore[no-any-return]

    def __set__(self, item: object, value: object) -> None:
        item.__dict__[self.name] = value


class _Explained:
    """Pickles, copies and compares with every text formatted, as the plain dataclass would."""

    __slots__ = ()
    _texts: tuple[str, ...] = ()

    def __getstate__(self) -> dict[str, object]:
        for name in self._texts:
            getattr(self, name)
        return dict(self.__dict__)

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)


class LazyCriterion(_Explained, CriterionResult):
    """A ``CriterionResult`` whose ``value_text``, ``threshold_text`` and ``reason`` are formatted on
    first read (see ``Lazy``); equal to the plain one with the same fields."""

    value_text = Lazy()
    threshold_text = Lazy()
    reason = Lazy()
    _texts = ("value_text", "threshold_text", "reason")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CriterionResult):
            return NotImplemented
        if _numbers_of(self) != _numbers_of(other):  # the texts only when all else is equal
            return False
        return _texts_of(self) == _texts_of(other)

    __hash__ = CriterionResult.__hash__

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_criterion, (self.__getstate__(),))


class LazyGap(Gap):
    """A ``Gap`` whose ``text`` is formatted on first read (see ``Lazy``); equal to the plain one."""

    text = Lazy()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Gap):
            return NotImplemented
        return (self.kind, self.amount, self.unit, self.text) == (
            other.kind,
            other.amount,
            other.unit,
            other.text,
        )

    __hash__ = Gap.__hash__

    def __reduce__(self) -> tuple[object, ...]:
        return (lazy_gap, (self.kind, self.amount, self.unit, self.text))


def _rebuild_criterion(state: dict[str, object]) -> LazyCriterion:
    item = object.__new__(LazyCriterion)
    item.__dict__.update(state)
    return item


_CRITERION_TEXTS = LazyCriterion._texts
_CRITERION_NUMBERS = tuple(
    name for name in CriterionResult.__dataclass_fields__ if name not in _CRITERION_TEXTS
)


def _numbers_of(item: CriterionResult) -> tuple[object, ...]:
    return tuple(getattr(item, name) for name in _CRITERION_NUMBERS)


def _texts_of(item: CriterionResult) -> tuple[object, ...]:
    return tuple(getattr(item, name) for name in _CRITERION_TEXTS)


def lazy_gap(kind: str, amount: Decimal, unit: str, text: Text[Gap]) -> Gap:
    """A gap whose text may be a function of the gap, formatted when read (none while only verdicts are
    wanted: ``EXPLAIN``)."""
    if not EXPLAIN.get():
        return UNSTATED
    item = object.__new__(LazyGap)
    setattr_ = object.__setattr__  # the slots of the frozen Gap
    setattr_(item, "kind", kind)
    setattr_(item, "amount", amount)
    setattr_(item, "unit", unit)
    item.__dict__["text"] = text
    return item


def make_criterion(
    code: str,
    name_zh: str,
    group: str,
    status: Status,
    value: Value = None,
    value_text: Text[CriterionResult] = "",
    threshold_text: Text[CriterionResult] = "",
    points: Decimal | None = None,
    points_max: Decimal | None = None,
    points_range: tuple[Decimal, Decimal] | None = None,
    reason: Text[CriterionResult] = "",
    clause: str = "",
    gap: Gap | None = None,
) -> CriterionResult:
    """A criterion as ``CriterionResult(...)`` gives it, built in one step, its texts formatted when read.

    Each text is a string or a function of the criterion (e.g. ``lambda c: pct(c.value)``): the
    verdict, value, points and gap amount are decided here; the wording only when shown. While only
    verdicts are wanted (``EXPLAIN`` false) it is a ``Decided`` of the same status and points.
    """
    if not EXPLAIN.get():
        return Decided(code, group, status, points, points_max, points_range)  # type: ignore[return-value]
    item = _new(LazyCriterion)
    _set(
        item,
        "__dict__",
        {
            "code": code,
            "name_zh": name_zh,
            "group": group,
            "status": status,
            "value": value,
            "value_text": value_text,
            "threshold_text": threshold_text,
            "points": points,
            "points_max": points_max,
            "points_range": points_range,
            "reason": reason,
            "clause": clause,
            "gap": gap,
        },
    )
    return item


_new, _set = object.__new__, object.__setattr__
# The gap of a criterion built while only verdicts are wanted: never read.
UNSTATED = Gap("", Decimal(0), "", "")
