"""Results and facts as JSON-ready dicts, in the same shape as ``eligibility.jsonio`` writes them.

``jsonio.to_jsonable`` walks every dataclass generically; the facts snapshot (stored once per
assessment) and the results shown on a page are written out field by field here (same keys, same
string forms). ``verdict`` gives the stored per-scheme columns straight from the engine's objects.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import typing
from collections.abc import Callable
from decimal import Decimal
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from innoladder.eligibility import (
    CriterionResult,
    EnterpriseFacts,
    ExpertInputs,
    RuleSetResult,
    Settings,
    Verdict,
)
from innoladder.eligibility.jsonio import to_jsonable
from innoladder.eligibility.results import ROUTE_GROUP

from . import choices as c

DIRECT_ROUTE_GROUP = ROUTE_GROUP  # the engine's group of direct-qualification routes


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


# The stored JSON text of one value, as ``CompactJSONEncoder`` writes it (Decimal and date as strings).
_encode = json.JSONEncoder(
    ensure_ascii=False, separators=(",", ":"), default=CompactJSONEncoder().default
).encode

# Per annotation, the value's text in one expression: the common type written directly, anything else
# through the encoder (which writes the same text for the common types too, only slower).
_FAST_TEXT = (
    ("Decimal", """('"' + str(x) + '"' if x.__class__ is Decimal else encode(x))"""),
    ("date", """('"' + x.isoformat() + '"' if x.__class__ is date else encode(x))"""),
    ("bool", "('true' if x is True else 'false' if x is False else encode(x))"),
    ("int", "(str(x) if x.__class__ is int else encode(x))"),
    ("str", "(quote(x) if x.__class__ is str else encode(x))"),
)


def _kept(default: Any) -> str | None:
    """The test that keeps a value: it is not ``default``, or not of the default's type (0 is not False)."""
    if default is dataclasses.MISSING:
        return None  # a required field is always written
    if default is None or default is True or default is False:
        return f"x is not {default!r}"
    if type(default) in (str, int):
        return f"x.__class__ is not {type(default).__name__} or x != {default!r}"
    raise TypeError(f"no snapshot rule for the default {default!r}")


def _writer(kind: type) -> Callable[[dict[str, Any]], str]:
    """A function from an instance's ``__dict__`` to its snapshot JSON object without default values.

    Generated once per class from its fields (as ``dataclasses`` generates ``__init__``): one test and
    one append per field, instead of a loop that looks up and compares each field's default per object
    and a dict that the encoder walks again. The batch writes a snapshot per enterprise, ~90 fields.
    """
    lines = ["def write(v):", "    out = []", "    add = out.append"]
    for spec in dataclasses.fields(kind):
        if spec.default is dataclasses.MISSING and spec.default_factory is not dataclasses.MISSING:
            raise TypeError(f"{kind.__name__}.{spec.name}: no snapshot rule for a default factory")
        annotation = str(spec.type)
        text = next((code for name, code in _FAST_TEXT if name in annotation), "encode(x)")
        key = json.dumps(spec.name) + ":"
        lines.append(f"    x = v[{spec.name!r}]")
        test = _kept(spec.default)
        if test is None:
            lines.append(f"    add({key!r} + {text})")
        else:
            lines += [f"    if {test}:", f"        add({key!r} + {text})"]
    lines.append("    return '{' + ','.join(out) + '}'")
    scope = {"Decimal": Decimal, "date": dt.date, "encode": _encode, "quote": encode_basestring}
    exec("\n".join(lines), scope)  # noqa: S102 (the source above is built from field names only)
    write: Callable[[dict[str, Any]], str] = scope["write"]
    return write


# A writer for each list of records in the facts (years, ips, awards, …), by its field name.
_PART_WRITERS = {
    name: _writer(typing.get_args(hint)[0])
    for name, hint in typing.get_type_hints(EnterpriseFacts).items()
    if typing.get_origin(hint) is tuple
}
_EXPERT_WRITER = _writer(ExpertInputs)
_TOP_FIELDS = tuple(
    (
        spec.name,
        json.dumps(spec.name) + ":",
        spec.default_factory() if spec.default_factory is not dataclasses.MISSING else spec.default,
    )
    for spec in dataclasses.fields(EnterpriseFacts)
)


def snapshot_json(facts: EnterpriseFacts) -> str:
    """The stored facts snapshot as JSON text: the engine's facts JSON without the fields that hold their
    default value, in field order, written as ``CompactJSONEncoder`` writes it.

    ``jsonio.facts_from_dict`` fills those defaults back in, so it reads the snapshot back to facts
    equal to ``facts`` (tested); a default is left out only when its type is the same too (0 is not
    False, Decimal("0") is not None), which keeps the round trip exact. About a third smaller.
    """
    values = facts.__dict__
    out = []
    for name, key, default in _TOP_FIELDS:
        value = values[name]
        write = _PART_WRITERS.get(name)
        if write is not None and value.__class__ is tuple:
            if value:
                out.append(key + "[" + ",".join([write(item.__dict__) for item in value]) + "]")
        elif name == "expert" and value.__class__ is ExpertInputs:
            text = _EXPERT_WRITER(value.__dict__)
            if text != "{}":
                out.append(key + text)
        elif not (value is default or (type(value) is type(default) and value == default)):
            out.append(key + _encode(plain(value)))
    return "{" + ",".join(out) + "}"


def snapshot_dict(facts: EnterpriseFacts) -> dict[str, Any]:
    """The stored facts snapshot (``snapshot_json``) as the JSON field reads it back."""
    data: dict[str, Any] = json.loads(snapshot_json(facts))
    return data


def settings_dict(settings: Settings) -> dict[str, Any]:
    data: dict[str, Any] = to_jsonable(settings)
    return data


def is_condition(criterion: dict[str, Any]) -> bool:
    """A pass/fail condition (not a scored indicator, not a direct-qualification route)."""
    return criterion["points_max"] is None and criterion["group"] != DIRECT_ROUTE_GROUP


def verdict(result: Verdict, is_held: bool) -> tuple[str, int, int, int]:
    """``standing_of`` of the engine's verdict (``eligibility.verdicts``, which counts the conditions as
    ``is_condition`` does): the batch path."""
    failed = result.conditions_failed
    return _standing(result.outcome, failed, is_held), result.conditions_met, result.conditions_total, failed


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
