"""Results and facts as JSON-ready dicts, in the same shape as ``eligibility.jsonio`` writes them.

``jsonio.to_jsonable`` walks every dataclass generically; a park-wide batch stores ~100 criteria per
enterprise, so the result types are written out field by field here (same keys, same string forms).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from innoladder.eligibility import CriterionResult, EnterpriseFacts, Plan, RuleSetResult, Settings
from innoladder.eligibility.jsonio import to_jsonable

from . import choices as c


class CompactJSONEncoder(DjangoJSONEncoder):
    """Stored JSON without ASCII escapes or padding: Chinese text takes 3 bytes instead of 6–12."""

    def __init__(self, **kwargs):
        kwargs["ensure_ascii"] = False
        kwargs["separators"] = (",", ":")
        super().__init__(**kwargs)


def _s(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def criterion_dict(item: CriterionResult) -> dict[str, Any]:
    data = dict(item.__dict__)
    data["value"] = _s(data["value"])
    data["points"] = _s(data["points"])
    data["points_max"] = _s(data["points_max"])
    if data["points_range"] is not None:
        low, high = data["points_range"]
        data["points_range"] = [str(low), str(high)]
    gap = data["gap"]
    if gap is not None:
        data["gap"] = {"kind": gap.kind, "amount": str(gap.amount), "unit": gap.unit, "text": gap.text}
    return data


def result_dict(result: RuleSetResult) -> dict[str, Any]:
    return {
        "ruleset_id": result.ruleset_id,
        "version": result.version,
        "name_zh": result.name_zh,
        "basis": result.basis,
        "effective_from": result.effective_from.isoformat(),
        "effective_to": result.effective_to.isoformat() if result.effective_to else None,
        "outcome": result.outcome,
        "route": result.route,
        "score": _s(result.score),
        "score_max": _s(result.score_max),
        "score_range": [str(v) for v in result.score_range] if result.score_range else None,
        "group_scores": [[name, str(low), str(top)] for name, low, top in result.group_scores],
        "criteria": [criterion_dict(item) for item in result.criteria],
        "met_count": result.met_count,
        "total_count": result.total_count,
        "notes": list(result.notes),
    }


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_SCALARS = frozenset({str, int, bool, type(None)})


def plain(value: Any) -> Any:
    """Same output as ``jsonio.to_jsonable``, with the dataclass field names cached per class."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is Decimal:
        return str(value)
    if kind is dt.date:
        return value.isoformat()
    if kind is tuple or kind is list:
        return [plain(item) for item in value]
    names = _FIELD_NAMES.get(kind)
    if names is None and dataclasses.is_dataclass(kind):
        names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(kind))
    if names is not None:
        return {name: plain(getattr(value, name)) for name in names}
    if kind is dict:
        return {str(key): plain(item) for key, item in value.items()}
    return to_jsonable(value)


def plan_dict(plan: Plan) -> dict[str, Any]:
    data: dict[str, Any] = plain(plan)
    return data


def facts_dict(facts: EnterpriseFacts) -> dict[str, Any]:
    data: dict[str, Any] = plain(facts)
    return data


def settings_dict(settings: Settings) -> dict[str, Any]:
    data: dict[str, Any] = to_jsonable(settings)
    return data


def is_condition(criterion: dict[str, Any]) -> bool:
    """A pass/fail condition (not a scored indicator, not a direct-qualification route)."""
    return criterion["points_max"] is None and criterion["group"] != "直通条件"


def held(facts: EnterpriseFacts, scheme: str, on: dt.date) -> bool:
    return any(item.scheme == scheme and item.is_valid(on) for item in facts.recognitions)


def standing_of(data: dict[str, Any], is_held: bool) -> tuple[str, int, int, int]:
    """(standing, conditions met, conditions total, conditions failed) of one stored result."""
    conditions = [item for item in data["criteria"] if is_condition(item)]
    met = sum(1 for item in conditions if item["status"] == "pass")
    failed = sum(1 for item in conditions if item["status"] == "fail")
    if is_held:
        standing = c.Standing.HELD
    elif data["outcome"] == "eligible":
        standing = c.Standing.ELIGIBLE
    elif data["outcome"] == "insufficient_data":
        standing = c.Standing.UNKNOWN
    elif failed <= c.CLOSE_MAX_UNMET:
        standing = c.Standing.CLOSE
    else:
        standing = c.Standing.FAR
    return standing, met, len(conditions), failed
