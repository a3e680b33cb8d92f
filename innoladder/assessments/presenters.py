"""Shape stored results for the templates: the ladder view and the criterion tables."""

from __future__ import annotations

import json
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innoladder import eligibility as e
from innoladder.eligibility.jsonio import facts_to_dict
from innoladder.eligibility.plan import LADDERS

from . import choices as c
from . import snapshots
from .models import data_year_text
from .serialize import is_condition, result_dict

STATUS_LABELS = {
    "pass": gettext_lazy("满足"),
    "fail": gettext_lazy("不满足"),
    "insufficient_data": gettext_lazy("数据不足"),
}


def _points(item: dict[str, Any]) -> str:
    if item.get("points") is not None:
        return f"{item['points']}/{item['points_max']}" if item.get("points_max") else str(item["points"])
    if item.get("points_range"):
        low, high = item["points_range"]
        return f"{low}–{high}/{item['points_max']}"
    return ""


def criteria_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for item in result.get("criteria", []):
        rows.append(
            {
                **item,
                "status_label": STATUS_LABELS.get(item["status"], item["status"]),
                "points_text": _points(item),
                "gap_text": (item.get("gap") or {}).get("text", ""),
                "is_condition": is_condition(item),
            }
        )
    return rows


def score_text(result: dict[str, Any]) -> str:
    if result.get("score") is not None:
        return f"{result['score']}/{result['score_max']}"
    if result.get("score_range") and result.get("score_max"):
        low, high = result["score_range"]
        return f"{low}–{high}/{result['score_max']}"
    return ""


def _when(result: dict[str, Any]) -> dict[str, Any]:
    """The base date and data year of one verdict, as shown next to it."""
    year = result.get("data_year")
    fallback = year is not None and year != result.get("rule_data_year")
    missing = bool(result.get("data_year_missing"))
    return {
        "assessed_on": result.get("assessed_on") or "",
        "data_year": year,
        "data_year_fallback": fallback,
        "data_year_missing": missing,
        "data_year_text": data_year_text(year, fallback=fallback, missing=missing),
    }


def scheme_block(result: dict[str, Any], standing: str, counts: tuple[int, int]) -> dict[str, Any]:
    return {
        **_when(result),
        "id": result["ruleset_id"],
        "name": result["name_zh"],
        "version": result["version"],
        "basis": result["basis"],
        "outcome": result["outcome"],
        "outcome_label": c.Outcome(result["outcome"]).label,
        "standing": standing,
        "standing_label": c.Standing(standing).label,
        "score": score_text(result),
        "conditions_met": counts[0],
        "conditions_total": counts[1],
        "route": result.get("route", ""),
        "notes": result.get("notes", []),
        "group_scores": result.get("group_scores", []),
        "rows": criteria_rows(result),
    }


def ladders(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_id = {block["id"]: block for block in blocks}
    found = []
    for title, schemes in LADDERS:
        tiers = [by_id[scheme] for scheme in schemes if scheme in by_id]
        if tiers:
            found.append({"title": title, "tiers": tiers})
    return found


def stored_block(row) -> dict[str, Any]:
    """A scheme whose rule-set version is no longer in the catalogue: the stored verdict only."""
    score = ""
    if row.score is not None:
        score = str(row.score)
    elif row.score_low is not None and row.score_high is not None:
        score = f"{row.score_low}–{row.score_high}"
    return {
        "assessed_on": row.assessment.assessed_on.isoformat(),
        "data_year": row.data_year,
        "data_year_fallback": row.data_year_fallback,
        "data_year_missing": row.data_year_missing,
        "data_year_text": row.data_year_text,
        "id": row.scheme,
        "name": row.get_scheme_display(),
        "version": row.ruleset_version,
        "basis": "",
        "outcome": row.outcome,
        "outcome_label": row.get_outcome_display(),
        "standing": row.standing,
        "standing_label": row.get_standing_display(),
        "score": score,
        "conditions_met": row.conditions_met,
        "conditions_total": row.conditions_total,
        "route": "",
        "notes": [
            _("规则版本 %(version)s 已不在规则目录中，无法重新展开逐项明细，仅显示当时保存的结论。")
            % {"version": row.ruleset_version}
        ],
        "group_scores": [],
        "rows": [],
    }


def fallback_offer(assessment, facts: e.EnterpriseFacts, blocks: list[dict[str, Any]]) -> int | None:
    """The earlier year with data to offer when a verdict lacks its data year, else None.

    Read from the assessment's own snapshot: offered only for an assessment made with each rule's own
    year (not already on a chosen one) in the current fiscal year, since the choice re-runs it today.
    """
    if assessment.data_year is not None or not any(block["data_year_missing"] for block in blocks):
        return None
    today = timezone.localdate()
    if e.rule_data_year(assessment.assessed_on) != e.rule_data_year(today):
        return None
    return e.fallback_year(facts, today)


def assessment_context(assessment) -> dict[str, Any]:
    """Everything the panel and the detail page show, from the stored snapshot and rule-set versions only.

    The stored verdict (standing, outcome, counts) comes from the SchemeResult rows; the criterion rows
    and the plan are the stored versions run again on the stored facts (``snapshots.explain``).
    """
    rows = sorted(assessment.scheme_results.all(), key=lambda r: r.pk)
    explained = snapshots.explain(assessment, rows)
    blocks = []
    for row in rows:
        result = explained.results.get(row.pk)
        if result is None:
            blocks.append(stored_block(row))
            continue
        block = scheme_block(result_dict(result), row.standing, (row.conditions_met, row.conditions_total))
        if not block["assessed_on"]:
            # A rule set that does not report its base date (e.g. one built from a rule table): the
            # assessment's date and the stored data year still stand beside the verdict.
            block["assessed_on"] = assessment.assessed_on.isoformat()
            if block["data_year"] is None and row.data_year is not None:
                block.update(
                    data_year=row.data_year,
                    data_year_fallback=row.data_year_fallback,
                    data_year_missing=row.data_year_missing,
                    data_year_text=row.data_year_text,
                )
        if row.pk in explained.drifted:
            # The stored verdict stands; the rows below are today's code of that version.
            block.update(outcome=row.outcome, outcome_label=row.get_outcome_display())
            block["notes"] = [
                _("按当前规则实现重新展开的明细与评估时保存的结论不一致，结论以评估时保存的为准。"),
                *block["notes"],
            ]
        blocks.append(block)
    return {
        "assessment": assessment,
        "chosen_year_text": data_year_text(assessment.data_year, fallback=True),
        "fallback_offer": fallback_offer(assessment, explained.facts, blocks),
        "missing_year": next((b["data_year"] for b in blocks if b["data_year_missing"]), None),
        "blocks": blocks,
        "ladders": ladders(blocks),
        "plan": explained.plan,
        # The stored snapshot leaves out default values; the page shows every field, as read back.
        "facts_json": json.dumps(facts_to_dict(explained.facts), ensure_ascii=False, indent=1),
    }
