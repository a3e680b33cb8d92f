"""The candidates list's gaps: what each enterprise still lacks for the selected tier, in numbers.

A stored result keeps only its verdict and counts; the criterion rows (and their gaps) are the stored
rule-set version run again on the stored facts snapshot, as on the assessment page (``snapshots``).
Only the rows of the page shown (and the "接近" rows, to rank them) are evaluated again.

Ranking inside "接近" (one unmet condition): the smaller the numeric gap relative to the enterprise's
own size, the nearer — money against last year's sales revenue, people against the staff count,
points against 100, items against 10. A condition no figure can close (no numeric gap) ranks last.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from innoladder import eligibility as e
from innoladder.eligibility.gaps import format_wan
from innoladder.eligibility.jsonio import facts_from_dict

from . import snapshots
from .models import Assessment
from .serialize import DIRECT_ROUTE_GROUP

# The short name of a gap in the list ("差 研发费用 ¥42万、科技人员 2 人"), by the engine's gap kind.
GAP_LABELS = {
    "rd_expense": "研发费用",
    "rd_domestic": "境内研发费用",
    "hitech_revenue": "高新技术产品(服务)收入",
    "operating_revenue": "营业收入",
    "main_revenue": "主营业务收入",
    "sales_revenue": "销售收入",
    "tech_staff": "科技人员",
    "rd_staff": "研发人员",
    "ip_class_i": "Ⅰ类知识产权",
    "ip_core": "核心知识产权",
    "ip_any": "知识产权",
    "tech_conversions": "科技成果转化",
    "score": "评分",
    "registration_days": "经营时间",
}
UNIT_SCALE = {"分": Decimal(100), "项": Decimal(10), "天": Decimal(365)}
NO_FIGURE = Decimal(10)  # weight of a failed condition that no figure can close


@dataclass(frozen=True)
class GapItem:
    label: str
    amount: Decimal | None
    unit: str

    @property
    def text(self) -> str:
        if self.amount is None:
            return self.label
        if self.unit == "元":
            return f"{self.label} ¥{format_wan(self.amount)}"
        return f"{self.label} {self.amount.normalize():f} {self.unit}"


@dataclass(frozen=True)
class CandidateGap:
    """What one enterprise lacks for one tier: numeric gaps, conditions without one, missing data."""

    gaps: tuple[GapItem, ...]
    unmet: tuple[str, ...]
    missing: tuple[str, ...]
    effort: Decimal

    @property
    def text(self) -> str:
        parts = []
        if self.gaps:
            parts.append("差 " + "、".join(item.text for item in self.gaps))
        if self.unmet:
            parts.append("不满足：" + "、".join(self.unmet))
        if self.missing:
            parts.append("数据不足：" + "、".join(self.missing))
        return "；".join(parts)


def _last_year(result: e.RuleSetResult, facts: e.EnterpriseFacts, on: dt.date) -> e.YearData | None:
    """The fiscal year the verdict read (its data year), else the last one before the base date."""
    if result.data_year is not None:
        return facts.year(result.data_year)
    years = [item for item in facts.years if item.year < on.year]
    return max(years, key=lambda item: item.year) if years else None


def _share(gap: e.Gap, last: e.YearData | None) -> Decimal:
    """The gap as a share of the enterprise's own size (see the module docstring)."""
    if gap.unit == "元":
        base = None if last is None else (last.sales_revenue or last.operating_revenue)
        return gap.amount / base if base else Decimal(1)
    if gap.unit == "人":
        return gap.amount / last.employees if last is not None and last.employees else Decimal(1)
    return gap.amount / UNIT_SCALE.get(gap.unit, Decimal(1))


def candidate_gap(result: e.RuleSetResult, facts: e.EnterpriseFacts, on: dt.date) -> CandidateGap:
    last = _last_year(result, facts, on)
    gaps: list[GapItem] = []
    unmet: list[str] = []
    missing: list[str] = []
    effort = Decimal(0)
    for item in result.criteria:
        if item.points_max is not None or item.group == DIRECT_ROUTE_GROUP:
            continue  # scored indicators and direct routes are not conditions
        if item.status == "insufficient_data":
            missing.append(item.name_zh)
        elif item.status == "fail" and item.gap is not None and item.gap.amount > 0:
            gaps.append(GapItem(GAP_LABELS.get(item.gap.kind, item.name_zh), item.gap.amount, item.gap.unit))
            effort += _share(item.gap, last)
        elif item.status == "fail":
            unmet.append(item.name_zh)
            effort += NO_FIGURE
    return CandidateGap(tuple(gaps), tuple(unmet), tuple(missing), effort)


def _rulesets(versions: set[str]) -> dict[str, Any]:
    found = {version: snapshots.ruleset_for(version) for version in versions}
    return {version: ruleset for version, ruleset in found.items() if ruleset is not None}


def gaps_for(rows) -> dict[int, CandidateGap]:
    """SchemeResult pk → its gap, for ``rows`` (SchemeResult objects or dicts with the same keys).

    One query for the snapshots of the rows' assessments; a row whose rule-set version is no longer
    known has no gap entry.
    """
    rows = [row if isinstance(row, dict) else vars(row) for row in rows]
    if not rows:
        return {}
    stored = Assessment.objects.filter(pk__in={row["assessment_id"] for row in rows}).values_list(
        "pk", "facts", "settings", "assessed_on", "data_year"
    )
    inputs = {
        pk: (facts_from_dict(facts), snapshots.settings_from(settings), on, year)
        for pk, facts, settings, on, year in stored
    }
    rulesets = _rulesets({row["ruleset_version"] for row in rows})
    found = {}
    for row in rows:
        ruleset = rulesets.get(row["ruleset_version"])
        if ruleset is None or row["assessment_id"] not in inputs:
            continue
        facts, settings, on, year = inputs[row["assessment_id"]]
        found[row["id"]] = candidate_gap(e.run(ruleset, facts, on, settings, year), facts, on)
    return found
