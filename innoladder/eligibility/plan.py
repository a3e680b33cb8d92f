"""Next-step plan: the nearest tier not yet held on each ladder, and the gaps to reach it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .facts import EnterpriseFacts
from .results import FAIL, Gap, RuleSetResult

LADDERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("科技部门梯度（科技型中小企业→高新技术企业）", ("tsme", "hnte")),
    (
        "工信部门梯度（创新型→专精特新→小巨人）",
        ("innovative_sme", "tech_innovative_sme", "srdi_sme", "little_giant"),
    ),
    ("青海省科技型企业", ("qh_tech_enterprise",)),
)


@dataclass(frozen=True)
class PlanStep:
    """The next tier on one ladder and what is missing for it."""

    ladder: str
    ruleset_id: str
    version: str
    name_zh: str
    outcome: str
    failed: tuple[str, ...]
    unknown: tuple[str, ...]
    gaps: tuple[Gap, ...]
    summary: str


@dataclass(frozen=True)
class Plan:
    """The recommended next step (``target``) and the next step on every ladder."""

    target: PlanStep | None
    steps: tuple[PlanStep, ...]
    summary: str


def combine_gaps(gaps: list[Gap]) -> tuple[Gap, ...]:
    """One gap per kind, keeping the largest amount (meeting it meets the smaller ones)."""
    best: dict[str, Gap] = {}
    for gap in gaps:
        if gap.kind not in best or gap.amount > best[gap.kind].amount:
            best[gap.kind] = gap
    return tuple(best.values())


def _gaps(result: RuleSetResult) -> tuple[Gap, ...]:
    """Gaps of failed conditions; when a score condition fails, also each indicator's next band."""
    conditions = [
        c for c in result.criteria if c.status == FAIL and c.points is None and c.points_range is None
    ]
    gaps = [c.gap for c in conditions if c.gap is not None]
    if any(c.gap is not None and c.gap.kind == "score" for c in conditions):
        gaps += [c.gap for c in result.criteria if c.gap is not None and c.points_max is not None]
    return combine_gaps(gaps)


def _step(ladder: str, result: RuleSetResult) -> PlanStep:
    failed = tuple(
        c.name_zh for c in result.criteria if c.status == FAIL and c.group != "直通条件" and c.points is None
    )
    unknown = tuple(c.name_zh for c in result.criteria if c.status == "insufficient_data")
    gaps = _gaps(result)
    if result.outcome == "eligible":
        summary = f"已满足「{result.name_zh}」条件，可在下一申报批次申报。"
    elif not result.criteria:
        summary = f"「{result.name_zh}」：{result.notes[0] if result.notes else '认定标准尚未编码'}"
    elif result.outcome == "insufficient_data":
        summary = f"「{result.name_zh}」数据不足，请补充：{'、'.join(unknown) or '见说明'}。"
    else:
        actions = "；".join(g.text for g in gaps) or "见未满足条件"
        summary = f"下一步目标「{result.name_zh}」，未满足：{'、'.join(failed)}。建议：{actions}。"
    return PlanStep(
        ladder,
        result.ruleset_id,
        result.version,
        result.name_zh,
        result.outcome,
        failed,
        unknown,
        gaps,
        summary,
    )


def _held(facts: EnterpriseFacts, scheme: str, on: date) -> bool:
    return any(item.scheme == scheme and item.is_valid(on) for item in facts.recognitions)


def next_step_plan(facts: EnterpriseFacts, results: tuple[RuleSetResult, ...], on: date) -> Plan:
    """For each ladder, the lowest tier not held; the target is the one with the fewest unmet conditions."""
    by_scheme = {result.ruleset_id: result for result in results}
    steps = []
    for ladder, schemes in LADDERS:
        for scheme in schemes:
            result = by_scheme.get(scheme)
            if result is None or _held(facts, scheme, on):
                continue
            steps.append(_step(ladder, result))
            break
    rank = {"eligible": 0, "not_eligible": 1, "insufficient_data": 2}
    ordered = sorted(steps, key=lambda s: (rank[s.outcome], len(s.failed) + len(s.unknown)))
    target = ordered[0] if ordered else None
    summary = target.summary if target else "各梯度均已持有有效认定，请关注到期复核。"
    return Plan(target, tuple(steps), summary)
