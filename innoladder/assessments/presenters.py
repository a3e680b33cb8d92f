"""Shape stored results for the templates: the ladder view and the criterion tables."""

from __future__ import annotations

import json
from typing import Any

from innoladder.eligibility.plan import LADDERS

from . import choices as c
from .serialize import is_condition

STATUS_LABELS = {"pass": "满足", "fail": "不满足", "insufficient_data": "数据不足"}


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


def scheme_block(result: dict[str, Any], standing: str, counts: tuple[int, int]) -> dict[str, Any]:
    return {
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


def assessment_context(assessment) -> dict[str, Any]:
    """Everything the panel and the detail page show, read from the stored snapshot only."""
    blocks = [
        scheme_block(row.result, row.standing, (row.conditions_met, row.conditions_total))
        for row in sorted(assessment.scheme_results.all(), key=lambda r: r.pk)
    ]
    return {
        "assessment": assessment,
        "blocks": blocks,
        "ladders": ladders(blocks),
        "plan": assessment.plan,
        "facts_json": json.dumps(assessment.facts, ensure_ascii=False, indent=1),
    }
