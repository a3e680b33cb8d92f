"""Results and facts as JSON-ready dicts, in the same shape as ``eligibility.jsonio`` writes them.

``jsonio.to_jsonable`` walks every dataclass generically; the facts snapshot (stored once per
assessment) and the results shown on a page are written out field by field here (same keys, same
string forms). ``verdict`` gives the stored per-scheme columns straight from the engine's objects.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from innoladder.eligibility import (
    Award,
    CriterionResult,
    EnterpriseFacts,
    ExpertInputs,
    Incident,
    IPRecord,
    RDInstitution,
    RecognitionHeld,
    RuleSetResult,
    Settings,
    StandardWork,
    YearData,
)
from innoladder.eligibility.jsonio import to_jsonable

from . import choices as c

DIRECT_ROUTE_GROUP = "直通条件"


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


_CRITERION_FIELDS = tuple(f.name for f in dataclasses.fields(CriterionResult))


def criterion_dict(item: CriterionResult) -> dict[str, Any]:
    # Field by field: the engine formats a criterion's texts when read (eligibility.results.Lazy).
    data = {name: getattr(item, name) for name in _CRITERION_FIELDS}
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
        "assessed_on": result.assessed_on.isoformat() if result.assessed_on else None,
        "data_year": result.data_year,
        "rule_data_year": result.rule_data_year,
        "data_year_missing": result.data_year_missing,
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


_REQUIRED = object()


def _field_defaults(kind: type) -> tuple[tuple[str, Any], ...]:
    found = []
    for spec in dataclasses.fields(kind):
        if spec.default is not dataclasses.MISSING:
            default = spec.default
        elif spec.default_factory is not dataclasses.MISSING:
            default = spec.default_factory()
        else:
            default = _REQUIRED
        found.append((spec.name, default))
    return tuple(found)


_SNAPSHOT_PARTS = {
    name: _field_defaults(kind)
    for name, kind in (
        ("years", YearData),
        ("ips", IPRecord),
        ("awards", Award),
        ("standards", StandardWork),
        ("institutions", RDInstitution),
        ("recognitions", RecognitionHeld),
        ("incidents", Incident),
        ("expert", ExpertInputs),
    )
}
_SNAPSHOT_FIELDS = _field_defaults(EnterpriseFacts)


def _changed(item: Any, spec: tuple[tuple[str, Any], ...]) -> dict[str, Any]:
    values = item.__dict__
    data = {}
    for name, default in spec:
        value = values[name]
        if value is default or (type(value) is type(default) and value == default):
            continue
        kind = type(value)
        if kind is Decimal:
            value = str(value)
        elif kind is dt.date:
            value = value.isoformat()
        data[name] = value
    return data


def snapshot_dict(facts: EnterpriseFacts) -> dict[str, Any]:
    """The stored facts snapshot: the engine's facts JSON without the fields that hold their default value.

    ``jsonio.facts_from_dict`` fills those defaults back in, so it reads the snapshot back to facts
    equal to ``facts`` (tested); a default is left out only when its type is the same too (0 is not
    False, Decimal("0") is not None), which keeps the round trip exact. About a third smaller.
    """
    values = facts.__dict__
    data: dict[str, Any] = {}
    for name, default in _SNAPSHOT_FIELDS:
        value = values[name]
        spec = _SNAPSHOT_PARTS.get(name)
        if spec is not None and type(value) is tuple:
            if value:
                data[name] = [_changed(item, spec) for item in value]
        elif spec is not None and type(value) is ExpertInputs:
            changed = _changed(value, spec)
            if changed:
                data[name] = changed
        elif not (value is default or (type(value) is type(default) and value == default)):
            data[name] = plain(value)
    return data


def settings_dict(settings: Settings) -> dict[str, Any]:
    data: dict[str, Any] = to_jsonable(settings)
    return data


def is_condition(criterion: dict[str, Any]) -> bool:
    """A pass/fail condition (not a scored indicator, not a direct-qualification route)."""
    return criterion["points_max"] is None and criterion["group"] != DIRECT_ROUTE_GROUP


def verdict(result: RuleSetResult, is_held: bool) -> tuple[str, int, int, int]:
    """``standing_of`` computed on the engine's result object (no dict built): the batch path."""
    met = failed = total = 0
    for item in result.criteria:
        if item.points_max is None and item.group != DIRECT_ROUTE_GROUP:
            total += 1
            if item.status == "pass":
                met += 1
            elif item.status == "fail":
                failed += 1
    return _standing(result.outcome, failed, is_held), met, total, failed


def held(facts: EnterpriseFacts, scheme: str, on: dt.date) -> bool:
    return any(item.scheme == scheme and item.is_valid(on) for item in facts.recognitions)


def standing_of(data: dict[str, Any], is_held: bool) -> tuple[str, int, int, int]:
    """(standing, conditions met, conditions total, conditions failed) of one stored result."""
    conditions = [item for item in data["criteria"] if is_condition(item)]
    met = sum(1 for item in conditions if item["status"] == "pass")
    failed = sum(1 for item in conditions if item["status"] == "fail")
    return _standing(data["outcome"], failed, is_held), met, len(conditions), failed


def _standing(outcome: str, failed: int, is_held: bool) -> str:
    if is_held:
        return c.Standing.HELD
    if outcome == "eligible":
        return c.Standing.ELIGIBLE
    if outcome == "insufficient_data":
        return c.Standing.UNKNOWN
    return c.Standing.CLOSE if failed <= c.CLOSE_MAX_UNMET else c.Standing.FAR
