"""Next-step plan: the tiers worth aiming for, ordered by reachability and value, each with the reason.

A tier is never proposed when the enterprise is above it: a recognition held on the same ladder is
higher (a 高新技术企业 does not aim for 科技型中小企业), the same tier is held under another name
(创新型中小企业 and 科技型中小企业 became 科技和创新型中小企业 in 2026), or the enterprise is too large
for a tier reserved for small and medium enterprises. Those tiers are listed in ``Plan.excluded`` with
the reason in plain Chinese instead of gaps that make no sense (hiring staff to become an SME).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import size_class
from .facts import EnterpriseFacts
from .gaps import format_wan
from .results import FAIL, UNKNOWN, Gap, RuleSetResult

LADDERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("科技部门梯度（科技型中小企业→高新技术企业）", ("tsme", "hnte")),
    (
        "工信部门梯度（创新型→专精特新→小巨人）",
        ("innovative_sme", "tech_innovative_sme", "srdi_sme", "little_giant"),
    ),
    # 科技小巨人 has no built-in criteria: it appears once the administrator enters its rule table.
    ("青海省梯度（科技型企业→科技小巨人）", ("qh_tech_enterprise", "qh_tech_little_giant")),
)

# What a tier is worth to the enterprise, highest first, in words a manager reads.
VALUE: dict[str, tuple[int, str]] = {
    "hnte": (5, "国家级认定，企业所得税可减按15%的税率征收"),
    "little_giant": (5, "国家级专精特新“小巨人”，工信部门梯度的最高层级"),
    "srdi_sme": (4, "省级专精特新中小企业，是申报“小巨人”的前提"),
    "qh_tech_little_giant": (4, "青海省科技小巨人企业，省级科技部门对科技型企业的更高层级认定"),
    "qh_tech_enterprise": (3, "青海省科技型企业，省级科技部门认定"),
    "tech_innovative_sme": (2, "工信部门梯度的入门层级（2026年起合并科技型中小企业与创新型中小企业）"),
    "innovative_sme": (2, "工信部门梯度的入门层级"),
    "tsme": (1, "科技部门梯度的入门层级（入库登记，每年重新评价）"),
}

# Holding the key scheme puts the enterprise above these tiers (same ladder, or the tier it replaced).
ABOVE: dict[str, tuple[str, ...]] = {
    "hnte": ("tsme",),
    "srdi_sme": ("innovative_sme", "tech_innovative_sme"),
    "little_giant": ("innovative_sme", "tech_innovative_sme", "srdi_sme"),
}
# Tiers that are one tier under different names: holding one, the others are not aimed for.
SAME_TIER: tuple[frozenset[str], ...] = (
    frozenset({"innovative_sme", "tech_innovative_sme"}),
    frozenset({"tsme", "tech_innovative_sme"}),
)
# A tier that can only be applied for once the lower one is held (小巨人: 已认定为专精特新中小企业).
PREREQUISITE: dict[str, str] = {"little_giant": "srdi_sme"}
# Tiers of the MIIT 《优质中小企业梯度培育管理办法》: only small and medium enterprises may apply.
SME_ONLY = frozenset({"innovative_sme", "tech_innovative_sme", "srdi_sme", "little_giant"})
# 科技型中小企业's own size limits (国科发政〔2017〕115号 第六条(二)).
TSME_SIZE_CODES = ("G2_employees", "G2_revenue", "G2_assets")

NAMES = {
    "tsme": "科技型中小企业",
    "hnte": "高新技术企业",
    "innovative_sme": "创新型中小企业",
    "tech_innovative_sme": "科技和创新型中小企业",
    "srdi_sme": "专精特新中小企业",
    "little_giant": "专精特新“小巨人”企业",
    "qh_tech_enterprise": "青海省科技型企业",
}

REACH_ORDER = ("eligible", "close", "far", "unknown", "unencoded")
REACH_TEXT = {
    "eligible": "已符合条件",
    "close": "仅差1项条件",
    "far": "差距较大",
    "unknown": "数据不足",
    "unencoded": "标准尚未编码",
}


@dataclass(frozen=True)
class PlanStep:
    """One tier worth aiming for, what is missing for it, and why it is ranked where it is."""

    ladder: str
    ruleset_id: str
    version: str
    name_zh: str
    outcome: str
    failed: tuple[str, ...]
    unknown: tuple[str, ...]
    gaps: tuple[Gap, ...]
    summary: str
    reach: str = "far"
    value: int = 0
    why: str = ""

    @property
    def reach_text(self) -> str:
        """The reachability in words (已符合条件, 仅差1项条件, …)."""
        return REACH_TEXT[self.reach]

    @property
    def actions(self) -> str:
        """The smallest changes that would meet the failed thresholds, in words ("" when none)."""
        return "；".join(gap.text for gap in self.gaps)


@dataclass(frozen=True)
class Excluded:
    """A tier in force that the enterprise should not aim for, and why (plain Chinese)."""

    ruleset_id: str
    name_zh: str
    reason: str


@dataclass(frozen=True)
class Plan:
    """``targets``: every tier worth aiming for, best first; ``target`` the first; ``steps`` the best
    target of each ladder (same order); ``excluded`` the tiers not to aim for; ``why`` the ordering."""

    target: PlanStep | None
    steps: tuple[PlanStep, ...]
    summary: str
    targets: tuple[PlanStep, ...] = ()
    excluded: tuple[Excluded, ...] = ()
    why: str = ""


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


def _reach(result: RuleSetResult, failed: tuple[str, ...]) -> str:
    """eligible; close (at most one condition fails, as the ladder's 「接近」); far; unknown (no verdict);
    unencoded. Conditions still waiting for data do not make a tier far: they are said in `why`."""
    if not result.criteria:
        return "unencoded"
    if result.outcome == "eligible":
        return "eligible"
    if result.outcome == "insufficient_data":
        return "unknown"
    return "close" if len(failed) <= 1 else "far"


def _summary(
    result: RuleSetResult, failed: tuple[str, ...], unknown: tuple[str, ...], gaps: tuple[Gap, ...]
) -> str:
    name = result.name_zh
    if result.outcome == "eligible":
        return f"已满足「{name}」条件，可在下一申报批次申报。"
    if not result.criteria:
        return f"「{name}」：{result.notes[0] if result.notes else '认定标准尚未编码'}"
    if result.outcome == "insufficient_data":
        if result.data_year_missing and result.data_year is not None:
            return f"「{name}」缺少{result.data_year}年度数据，请先补充该年度数据再评估。"
        return f"「{name}」数据不足，请补充：{'、'.join(unknown) or '见说明'}。"
    actions = "；".join(g.text for g in gaps) or "见未满足条件"
    return f"下一步目标「{name}」，未满足：{'、'.join(failed)}。建议：{actions}。"


def _why(reach: str, failed: tuple[str, ...], unknown: tuple[str, ...], scheme: str) -> str:
    if reach == "eligible":
        how = "已满足全部认定条件，可直接申报"
    elif reach in ("close", "far"):
        if reach == "far":
            how = f"尚有{len(failed)}项条件未满足（{'、'.join(failed)}）"
        else:
            how = f"仅差1项条件（{failed[0]}）" if failed else "仅差评分"
        if unknown:
            how += f"，另有{len(unknown)}项待补充数据"
    elif reach == "unknown":
        how = f"数据不足，补充{'、'.join(unknown[:3]) or '数据'}{'等' if len(unknown) > 3 else ''}后才能判断"
    else:
        how = "认定标准尚未编入系统，暂无法判断，请以主管部门发布的标准为准"
    value = VALUE.get(scheme, (0, ""))[1]
    return f"{how}；{value}。" if value else f"{how}。"


def _step(ladder: str, result: RuleSetResult) -> PlanStep:
    failed = tuple(
        c.name_zh for c in result.criteria if c.status == FAIL and c.group != "直通条件" and c.points is None
    )
    unknown = tuple(c.name_zh for c in result.criteria if c.status == UNKNOWN)
    gaps = _gaps(result)
    reach = _reach(result, failed)
    return PlanStep(
        ladder,
        result.ruleset_id,
        result.version,
        result.name_zh,
        result.outcome,
        failed,
        unknown,
        gaps,
        _summary(result, failed, unknown, gaps),
        reach,
        VALUE.get(result.ruleset_id, (0, ""))[0],
        _why(reach, failed, unknown, result.ruleset_id),
    )


def _held(facts: EnterpriseFacts, on: date) -> set[str]:
    """The schemes of every recognition valid on ``on``."""
    return {item.scheme for item in facts.recognitions if item.is_valid(on)}


def _name_of(scheme: str, names: dict[str, str]) -> str:
    """A scheme's name as the results in hand give it, else the ladder's own name for it."""
    return names.get(scheme, NAMES.get(scheme, scheme))


def _above_reason(scheme: str, held: set[str], names: dict[str, str]) -> str | None:
    """Why a held recognition makes ``scheme`` pointless, or None."""
    for higher, below in ABOVE.items():
        if higher in held and scheme in below:
            return f"已持有更高层级的「{_name_of(higher, names)}」，无需再以此为目标。"
    for group in SAME_TIER:
        if scheme in group:
            for other in sorted(group - {scheme}):
                if other in held:
                    return (
                        f"已持有「{_name_of(other, names)}」，与本层级属同一梯度"
                        "（2026年起科技型中小企业、创新型中小企业并入「科技和创新型中小企业」）。"
                    )
    return None


def _tsme_size_reason(result: RuleSetResult) -> str | None:
    """科技型中小企业's size limits failed: the plain reason, else None."""
    over = [c for c in result.criteria if c.code in TSME_SIZE_CODES and c.status == FAIL]
    if not over:
        return None
    parts = "；".join(f"{c.name_zh} {c.value_text}（上限{c.threshold_text.lstrip('≤')}）" for c in over)
    when = f"{result.data_year}年" if result.data_year is not None else ""
    return (
        f"「{result.name_zh}」只面向职工总数≤500人、年销售收入≤2亿元、资产总额≤2亿元的企业，"
        f"本企业{when}超出：{parts}。规模超限不是补差距能解决的，不宜以此为目标。"
    )


def _large_reason(facts: EnterpriseFacts, year: int | None) -> str | None:
    """The enterprise is 大型 by the 2017 size table in ``year``: the plain reason, else None."""
    data = facts.year(year) if year is not None else None
    if data is None or not facts.industry_code:
        return None
    size = size_class.classify(facts.industry_code, data.employees, data.operating_revenue, data.total_assets)
    if size.size != "large":
        return None
    shown = []
    if data.employees is not None:
        shown.append(f"从业人员 {data.employees} 人")
    if data.operating_revenue is not None:
        shown.append(f"营业收入 ¥{format_wan(data.operating_revenue)}")
    return (
        f"按{year}年{'、'.join(shown)}，依《统计上大中小微型企业划分办法（2017）》属于大型企业；"
        "工信部门的优质中小企业梯度培育只面向中小企业，不能申报。"
    )


def _rank(step: PlanStep) -> tuple[int, int, int]:
    """Reachability first, then fewest missing conditions, then the higher value (an eligible tier
    misses nothing: indicators left unknown did not stop it)."""
    missing = 0 if step.reach == "eligible" else len(step.failed) + len(step.unknown)
    return (REACH_ORDER.index(step.reach), missing, -step.value)


ORDER_TEXT = (
    "排序依据：先看可达程度（已符合条件 → 仅差1项条件 → 差距较大 → 数据不足 → 标准尚未编码），"
    "同等可达时未满足和待补充的条件少者在前，再按层级价值高者在前。"
)


def _target_why(target: PlanStep, targets: list[PlanStep]) -> str:
    peers = [s for s in targets if s.reach == target.reach and s is not target]
    reason = f"推荐「{target.name_zh}」：{target.why}"
    if target.reach == "eligible" and peers:
        return reason + f"在已符合条件的{len(peers) + 1}个层级中价值最高，建议优先申报。"
    if target.reach in {"close", "far"}:
        return reason + "在尚未持有的层级中最容易达到。"
    return reason


def next_step_plan(facts: EnterpriseFacts, results: tuple[RuleSetResult, ...], on: date) -> Plan:
    """Every tier in force that is neither held nor below the enterprise, ordered by reachability and
    value (see ``_rank``); tiers the enterprise is above or too large for are listed with the reason."""
    by_scheme = {result.ruleset_id: result for result in results}
    names = {result.ruleset_id: result.name_zh for result in results}
    held = _held(facts, on)
    year = next((r.data_year for r in results if r.data_year is not None), None)
    large = _large_reason(facts, year)
    targets: list[PlanStep] = []
    excluded: list[Excluded] = []
    ladder_of = {scheme: ladder for ladder, schemes in LADDERS for scheme in schemes}
    for scheme, result in by_scheme.items():
        if scheme in held:
            continue
        reason = _above_reason(scheme, held, names)
        if reason is None and scheme == "tsme":
            reason = _tsme_size_reason(result)
        if reason is None and scheme in SME_ONLY:
            reason = large
        if reason is None and PREREQUISITE.get(scheme, scheme) not in held | {scheme}:
            first = _name_of(PREREQUISITE[scheme], names)
            reason = f"须先取得「{first}」认定，才能以「{result.name_zh}」为目标。"
        if reason is not None:
            excluded.append(Excluded(scheme, result.name_zh, reason))
            continue
        targets.append(_step(ladder_of.get(scheme, ""), result))
    targets.sort(key=_rank)
    steps: list[PlanStep] = []
    for step in targets:
        if all(s.ladder != step.ladder for s in steps):
            steps.append(step)
    target = targets[0] if targets else None
    if target is None:
        summary = "各梯度均已持有有效认定或不适用，请关注到期复核。"
        why = ""
    else:
        summary = target.summary
        why = _target_why(target, targets) + ORDER_TEXT
    return Plan(target, tuple(steps), summary, tuple(targets), tuple(excluded), why)
