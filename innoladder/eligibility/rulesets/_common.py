"""Helpers shared by the rule sets: three-valued logic, result building, fact look-ups."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol, cast

from ..bands import BandTable
from ..facts import EnterpriseFacts, IPRecord
from ..gaps import format_pct, format_wan, points_gap
from ..money import ZERO
from ..results import (
    EXPLAIN,
    FAIL,
    PASS,
    ROUTE_GROUP,
    UNKNOWN,
    CriterionResult,
    Gap,
    Outcome,
    RuleSetResult,
    Status,
    Text,
    Value,
    Verdict,
    make_criterion,
    tally,
)
from ..settings import Settings


@dataclass(frozen=True)
class Version:
    """Identity and validity period of one rule-set version: built in, or an administrator's rule table."""

    scheme: str
    version: str
    name_zh: str
    basis: str
    effective_from: date
    effective_to: date | None

    def in_force(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)

    def identity(self) -> tuple[str, str, str, str, date, date | None]:
        """The fields a ``RuleSetResult`` opens with, in its order (its ``ruleset_id`` is the scheme)."""
        return (self.scheme, self.version, self.name_zh, self.basis, self.effective_from, self.effective_to)


@dataclass(frozen=True)
class RuleSetInfo(Version):
    """A built-in rule-set version: its identity, validity period and top score."""

    score_max: Decimal | None

    def data_year(self, on: date) -> int:
        """The fiscal year this rule set reads as 上年/当年 on ``on``.

        Every encoded text reads the last complete fiscal year before the application year
        (e.g. 国科发火〔2016〕195号: "当年、最近一年" = the fiscal year before the application year);
        fiscal years are calendar years in China.
        """
        return on.year - 1


class Evaluator(Protocol):
    """``evaluate(facts, on, settings, data_year=None)`` of a rule-set module.

    ``data_year`` replaces the year the rule reads as 上年 (only an earlier one: the caller's explicit
    choice when that year has no data); the multi-year windows end at it. Dates (registration age,
    validity of IP and recognitions, incidents, awards) stay relative to ``on``.
    """

    def __call__(
        self, facts: EnterpriseFacts, on: date, settings: Settings, data_year: int | None = None
    ) -> RuleSetResult: ...


class DataYearError(ValueError):
    """A chosen data year later than the one the rule reads on the date (not yet complete)."""


def resolve_data_year(info: RuleSetInfo, on: date, data_year: int | None) -> int:
    """The year to read: the rule's own on ``on``, or the chosen earlier one."""
    own = info.data_year(on)
    if data_year is None:
        return own
    if data_year > own:
        raise DataYearError(f"{data_year}年度尚未结束或晚于{own}年度，不能作为「{info.name_zh}」的数据年度")
    return data_year


def _combine(statuses: Iterable[Status], decisive: Status, otherwise: Status) -> Status:
    """Three-valued logic: any ``decisive`` → it; else any unknown → unknown; else ``otherwise``."""
    seen = list(statuses)
    if decisive in seen:
        return decisive
    return UNKNOWN if UNKNOWN in seen else otherwise


def all_of(statuses: Iterable[Status]) -> Status:
    """Three-valued AND: any fail → fail; else any unknown → unknown; else pass."""
    return _combine(statuses, FAIL, PASS)


def any_of(statuses: Iterable[Status]) -> Status:
    """Three-valued OR: any pass → pass; else any unknown → unknown; else fail."""
    return _combine(statuses, PASS, FAIL)


def outcome_of(status: Status) -> Outcome:
    if status == PASS:
        return "eligible"
    return "not_eligible" if status == FAIL else "insufficient_data"


def at_least(bounds: tuple[Decimal, Decimal], threshold: Decimal, strict: bool = False) -> Status:
    """Whether a score known only as (min, max) reaches the threshold."""
    low, high = bounds
    if low > threshold or (not strict and low == threshold):
        return PASS
    if high < threshold or (strict and high == threshold):
        return FAIL
    return UNKNOWN


def bounds_of(criteria: Iterable[CriterionResult], group: str | None = None) -> tuple[Decimal, Decimal]:
    """Sum of each criterion's ``point_bounds()`` (of one group's scored criteria when ``group`` is given)."""
    low, high = ZERO, ZERO
    for item in criteria:
        if group is not None and (item.group != group or item.points_max is None):
            continue
        points = item.points  # point_bounds() inline: this runs for every scored criterion
        if points is not None:
            low += points
            high += points
        elif item.points_range is not None:
            low += item.points_range[0]
            high += item.points_range[1]
        elif item.points_max is not None:
            high += item.points_max
    return (low, high)


def group_bounds(
    criteria: Sequence[CriterionResult], group: str, cap: Decimal | None = None
) -> tuple[Decimal, Decimal]:
    low, high = bounds_of(criteria, group)
    if cap is not None:
        low, high = min(low, cap), min(high, cap)
    return (low, high)


@dataclass(frozen=True)
class Period:
    """The base date and the fiscal year a rule set reads on it (see ``RuleSetResult``)."""

    on: date
    data_year: int
    rule_data_year: int
    data_year_missing: bool

    def notes(self) -> list[str]:
        """Plain statements of a missing data year and of an explicitly chosen earlier year."""
        out = []
        if self.data_year_missing:
            out.append(
                f"缺少{self.data_year}年度数据：基准日 {self.on.isoformat()} 应按{self.data_year}年度"
                "（上一个完整会计年度）的数据评价。"
            )
        if self.data_year != self.rule_data_year:
            out.append(
                f"按{self.data_year}年度数据评估（最近有数据的年度）：基准日 {self.on.isoformat()} 本应按"
                f"{self.rule_data_year}年度数据评价，该年度数据缺失，经选择改用{self.data_year}年度数据，"
                "结论仅供参考。"
            )
        return out


def period(info: RuleSetInfo, facts: EnterpriseFacts, on: date, data_year: int | None) -> Period:
    """Resolve the year a rule set reads on ``on`` (see ``resolve_data_year``) and whether it has data."""
    year = resolve_data_year(info, on, data_year)
    return Period(on, year, info.data_year(on), facts.year(year) is None)


def build(
    info: RuleSetInfo,
    criteria: Sequence[CriterionResult],
    status: Status,
    route: str,
    notes: Sequence[str] = (),
    groups: Sequence[tuple[str, Decimal, tuple[Decimal, Decimal]]] = (),
    score_range: tuple[Decimal, Decimal] | None = None,
    when: Period | None = None,
) -> RuleSetResult:
    """Assemble a RuleSetResult; ``groups`` is (group, max, (min, max) points); ``when`` the base date
    and data year (its notes come first).

    While only verdicts are wanted (``results.EXPLAIN`` false, see ``registry.verdicts``) it is the
    ``Verdict`` of the same result instead: no notes, group scores or criteria are kept.
    """
    score = None
    if score_range is not None and score_range[0] == score_range[1]:
        score = score_range[0]
    if not EXPLAIN.get():
        return cast(RuleSetResult, _verdict(info, criteria, status, route, score, score_range, when))
    if when is not None:
        notes = [*when.notes(), *notes]
    return RuleSetResult(
        *info.identity(),
        outcome=outcome_of(status),
        route=route if status == PASS else "",
        score=score,
        score_max=info.score_max,
        score_range=score_range,
        group_scores=tuple((name, bounds[0], top) for name, top, bounds in groups),
        criteria=tuple(criteria),
        met_count=[item.status for item in criteria].count(PASS),
        total_count=len(criteria),
        notes=tuple(notes),
        assessed_on=when.on if when is not None else None,
        data_year=when.data_year if when is not None else None,
        rule_data_year=when.rule_data_year if when is not None else None,
        data_year_missing=when.data_year_missing if when is not None else False,
    )


def _verdict(
    info: RuleSetInfo,
    criteria: Sequence[CriterionResult],
    status: Status,
    route: str,
    score: Decimal | None,
    score_range: tuple[Decimal, Decimal] | None,
    when: Period | None,
) -> Verdict:
    """``build``'s result as a ``Verdict`` (the same fields, counted the same way as ``verdict_of``)."""
    period = (
        (None, None, False) if when is None else (when.data_year, when.rule_data_year, when.data_year_missing)
    )
    names = (info.scheme, info.version, outcome_of(status), route if status == PASS else "")
    return Verdict(*names, score, score_range, *tally(criteria), *period)


def unknown(
    code: str,
    name_zh: str,
    group: str,
    reason: Text[CriterionResult],
    clause: str,
    threshold_text: str = "",
    points_max: Decimal | None = None,
) -> CriterionResult:
    # Positional (make_criterion's order): this runs for most criteria of every rule set.
    bounds = (ZERO, points_max) if points_max is not None else None
    return make_criterion(
        code, name_zh, group, UNKNOWN, None, "未知", threshold_text, None, points_max, bounds, reason, clause
    )


def check(
    code: str,
    name_zh: str,
    group: str,
    ok: bool,
    value: Value,
    value_text: Text[CriterionResult],
    threshold_text: Text[CriterionResult],
    clause: str,
    gap: Gap | Callable[[], Gap] | None = None,
) -> CriterionResult:
    """A pass/fail condition; the reason restates value against threshold.

    ``gap`` may be a function, called only when the condition fails. Texts may be functions of the
    criterion, formatted when read (see ``results.Lazy``).
    """
    if ok:
        gap = None
    elif callable(gap):
        gap = gap() if EXPLAIN.get() else None
    # Positional (make_criterion's order), as in ``unknown``: this runs for most criteria.
    status, text, need = PASS if ok else FAIL, value_text, threshold_text
    return make_criterion(
        code, name_zh, group, status, value, text, need, None, None, None, _check_reason, clause, gap
    )


def ratio_check(
    code: str,
    name: str,
    group: str,
    value: Decimal | None,
    ok_if: str,
    threshold: Decimal,
    missing: str,
    clause: str,
) -> CriterionResult:
    """A ratio compared with a threshold: ok_if is ">=" or "<="."""
    text = f"{'≥' if ok_if == '>=' else '≤'}{pct(threshold)}"
    if value is None:
        return unknown(code, name, group, missing, clause, text)
    ok = value >= threshold if ok_if == ">=" else value <= threshold
    return check(code, name, group, ok, value, value_pct, text, clause)


def flag_check(
    code: str,
    name: str,
    group: str,
    value: bool | None,
    clause: str,
    missing: str = "",
    threshold: str = "是",
) -> CriterionResult:
    """A yes/no fact that must be yes; ``missing`` is the reason while it is not given (default
    "未填写：<name>")."""
    if value is None:
        return unknown(code, name, group, missing or f"未填写：{name}", clause, threshold)
    return check(code, name, group, value, str(value), "是" if value else "否", threshold, clause)


def minimum_check(
    code: str,
    name: str,
    group: str,
    value: int | Decimal | None,
    minimum: int,
    unit: str,
    missing: str,
    clause: str,
    gap: Gap | None = None,
) -> CriterionResult:
    """A count or amount of at least ``minimum``: "{value} {unit}" against "≥{minimum}{unit}";
    ``missing`` is the reason while the value is not given."""
    threshold = f"≥{minimum}{unit}"
    if value is None:
        return unknown(code, name, group, missing, clause, threshold)
    return check(code, name, group, value >= minimum, value, f"{value} {unit}", threshold, clause, gap)


def niche_check(
    facts: EnterpriseFacts,
    minimum: int,
    clause: str,
    code: str = "Z1_niche",
    name: str = "从事特定细分市场年限",
    group: str = "专",
) -> CriterionResult:
    """Years in the niche market (the MIIT tiers' 专 aspect, or a basic condition) of at least ``minimum``."""
    years = facts.niche_market_years
    return minimum_check(code, name, group, years, minimum, "年", "未填写细分市场年限", clause)


def held_check(code: str, name: str, group: str, held: bool, threshold: str, clause: str) -> CriterionResult:
    """A recognition that must already be held (``holds``): "已认定"/"未认定"."""
    return check(code, name, group, held, str(held), "已认定" if held else "未认定", threshold, clause)


def band_item(
    code: str,
    name: str,
    group: str,
    value: Decimal | None,
    band: BandTable,
    top: int,
    threshold: str,
    missing: str,
    clause: str,
    gap: Gap | None = None,
) -> CriterionResult:
    """A ratio scored by a band table (up to ``top`` points); ``missing`` is the reason while unknown."""
    if value is None:
        return unknown(code, name, group, missing, clause, threshold, Decimal(top))
    return scored(
        code, name, group, value, value_pct, threshold, band.points(value), Decimal(top), clause, gap
    )


def stated(
    code: str,
    name_zh: str,
    group: str,
    status: Status,
    value: Value,
    value_text: Text[CriterionResult],
    threshold_text: Text[CriterionResult],
    clause: str,
    gap: Gap | None = None,
    reason: Text[CriterionResult] | None = None,
) -> CriterionResult:
    """A condition decided by the rule set itself (several figures, either/or): its reason states the
    value (``said_value``) unless given."""
    said = said_value if reason is None else reason
    return make_criterion(
        code, name_zh, group, status, value, value_text, threshold_text, None, None, None, said, clause, gap
    )


def _check_reason(item: CriterionResult) -> str:
    verdict = "满足" if item.status == PASS else "不满足"
    return f"{item.name_zh}：{item.value_text}，要求{item.threshold_text}，{verdict}"


def scored(
    code: str,
    name_zh: str,
    group: str,
    value: Value,
    value_text: Text[CriterionResult],
    threshold_text: Text[CriterionResult],
    points: Decimal,
    points_max: Decimal,
    clause: str,
    gap: Gap | None = None,
    points_range: tuple[Decimal, Decimal] | None = None,
    reason: Text[CriterionResult] = "",
) -> CriterionResult:
    """A scored indicator: status pass when it earns points (or could, for an expert-judged range)."""
    top = points_range[1] if points_range is not None else points
    if not reason:
        reason = _scored_reason if points_range is None else _ranged_reason(points)
    status = PASS if top > 0 else FAIL
    given = None if points_range is not None else points
    return make_criterion(
        code,
        name_zh,
        group,
        status,
        value,
        value_text,
        threshold_text,
        given,
        points_max,
        points_range,
        reason,
        clause,
        gap,
    )


def _scored_reason(item: CriterionResult) -> str:
    return f"{item.name_zh}：{item.value_text}，得 {item.points} 分（满分 {item.points_max} 分）"


def _ranged_reason(points: Decimal) -> Callable[[CriterionResult], str]:
    """The reason of a range scored without one of its own: it names the low end as the points."""
    return lambda item: f"{item.name_zh}：{item.value_text}，得 {points} 分（满分 {item.points_max} 分）"


ROUTE_VERDICTS = {PASS: "符合直通条件", FAIL: "不符合", UNKNOWN: "数据不足，无法判断"}


def known(ok: bool, missing: object) -> Status:
    """Pass when ``ok``; otherwise unknown while some of the figures are ``missing``, else fail."""
    return PASS if ok else (UNKNOWN if missing else FAIL)


def route_of(by_rule: Status, rule_route: str, routes: Iterable[CriterionResult]) -> str:
    """The route taken: ``rule_route`` when the rule is met, else the first direct route met ("")."""
    if by_rule == PASS:
        return rule_route
    return next((f"direct:{r.code}" for r in routes if r.status == PASS), "")


def score_gap(total: tuple[Decimal, Decimal], floor: int, what: str) -> Gap | None:
    """The points still needed to reach ``floor`` while even the top of ``total`` is under it."""
    return points_gap(Decimal(floor) - total[1], what) if total[1] < floor else None


def route_result(
    code: str, name_zh: str, status: Status, value_text: Text[CriterionResult], clause: str
) -> CriterionResult:
    """A direct-qualification route (it never counts towards the score)."""
    return make_criterion(
        code, name_zh, ROUTE_GROUP, status, None, value_text, name_zh, None, None, None, _route_reason, clause
    )


def _route_reason(item: CriterionResult) -> str:
    return f"{item.name_zh}：{ROUTE_VERDICTS[item.status]}（{item.value_text}）"


def ratio(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    if part is None or whole is None or whole == 0:
        return None
    return part / whole


def pct(value: Decimal | None) -> str:
    return "未知" if value is None else format_pct(value)


def value_pct(item: CriterionResult) -> str:
    """The criterion's value (a ratio) as a percentage: a text formatted when read."""
    value = item.value
    return pct(value if isinstance(value, Decimal) else None)


def score_text(total: tuple[Decimal, Decimal]) -> Text[CriterionResult]:
    """A score known as (min, max): "72 分", or "60–75 分" while experts have not judged."""
    low, high = total
    return lambda item: f"{low} 分" if low == high else f"{low}–{high} 分"


def score_criterion(
    code: str,
    name_zh: str,
    group: str,
    status: Status,
    total: tuple[Decimal, Decimal],
    threshold_text: str,
    reason: Text[CriterionResult],
    clause: str,
    gap: Gap | None,
) -> CriterionResult:
    """The criterion on a rule set's total score (min, max): its value the score once it is exact (no
    expert range left open), its text the score or range (``score_text``)."""
    value = total[0] if total[0] == total[1] else None
    text = score_text(total)
    return make_criterion(
        code, name_zh, group, status, value, text, threshold_text, None, None, None, reason, clause, gap
    )


def value_people(item: CriterionResult) -> str:
    """The criterion's value (a head count) as "…人"."""
    return f"{int(item.value or 0)}人"


def said_value(item: CriterionResult) -> str:
    """ "{name}：{value text}", the reason of a criterion that only states its value."""
    return f"{item.name_zh}：{item.value_text}"


def value_wan(item: CriterionResult) -> str:
    """The criterion's value (yuan) as "¥…万": a text formatted when read."""
    value = item.value
    return f"¥{format_wan(value if isinstance(value, Decimal) else Decimal(str(value)))}"


def last_years(on: date, count: int) -> list[int]:
    """The ``count`` fiscal years before the assessment year, oldest first."""
    return years_to(on.year - 1, count)


def years_to(last: int, count: int) -> list[int]:
    """The ``count`` fiscal years ending with ``last``, oldest first."""
    return list(range(last - count + 1, last + 1))


def year_value(facts: EnterpriseFacts, year: int, attr: str) -> Decimal | None:
    data = facts._years_by_number.get(year)
    if data is None:
        return None
    value = getattr(data, attr)
    if value is None or value.__class__ is Decimal:
        return value
    return Decimal(value)


def sum_years(facts: EnterpriseFacts, years: Sequence[int], attr: str) -> tuple[Decimal, list[int]]:
    """Sum of an attribute over years, with the years where it is unknown."""
    total, missing = ZERO, []
    for year in years:
        value = year_value(facts, year, attr)
        if value is None:
            missing.append(year)
        else:
            total += value
    return total, missing


def valid_ips(facts: EnterpriseFacts, on: date, core_only: bool = True) -> tuple[IPRecord, ...]:
    """The IP valid on ``on`` (core to the main products only, unless ``core_only`` is False)."""
    key = (valid_ips, on, core_only)
    found = facts.memo.get(key)
    if found is None:
        found = facts.memo[key] = tuple(
            ip for ip in facts.ips if ip.is_valid(on) and (ip.core_to_main_product or not core_only)
        )
    return found  # type: ignore[return-value]


def holds(facts: EnterpriseFacts, schemes: Iterable[str], on: date) -> bool:
    wanted = set(schemes)
    return any(item.scheme in wanted and item.is_valid(on) for item in facts.recognitions)


def award_route(
    facts: EnterpriseFacts, on: date, within_years: int, max_rank_by_level: dict[str, int | None]
) -> tuple[Status, str]:
    """S&T award won in the last ``within_years`` years at a level, with unit rank ≤ a limit (None: any)."""
    status: Status = FAIL
    text = "无符合条件的科技奖励"
    for award in facts.awards:
        if award.kind != "sci_tech" or award.level not in max_rank_by_level:
            continue
        if not on.year - within_years <= award.year <= on.year:
            continue
        limit = max_rank_by_level[award.level]
        if limit is None or (award.rank is not None and award.rank <= limit):
            return PASS, f"{award.year}年 {award.name or award.level}"
        if award.rank is None:
            status, text = UNKNOWN, f"{award.year}年 {award.name or award.level}：完成单位排名未知"
    return status, text


def chuangke_route(facts: EnterpriseFacts, on: date, within_years: int, top: int) -> tuple[Status, str]:
    if facts.chuangke_rank is None or facts.chuangke_year is None:
        return FAIL, "无「创客中国」获奖记录"
    recent = on.year - within_years <= facts.chuangke_year <= on.year
    ok = recent and facts.chuangke_rank <= top
    return (PASS if ok else FAIL), f"{facts.chuangke_year}年 第 {facts.chuangke_rank} 名"
