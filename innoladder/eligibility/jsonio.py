"""JSON in and out: dates as ISO strings, money and ratios as decimal strings.

JSON numbers are also accepted for Decimal fields; they are parsed exactly (never through float).
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from .facts import EnterpriseFacts
from .plan import Plan
from .results import RuleSetResult
from .settings import Settings

DOCUMENT_KEYS = ("as_of", "settings")


class FactsFormatError(ValueError):
    """Bad input; the message is Chinese and names the field path."""


def _fail(path: str, message: str) -> FactsFormatError:
    return FactsFormatError(f"{path or '根对象'}：{message}")


# The JSON types taken as they are, and what the message says a value of each should be.
_PLAIN: dict[type, str] = {bool: "应为 true 或 false", int: "应为整数", str: "应为字符串"}


def _parse_scalar(kind: type, value: Any, path: str) -> Any:
    if kind is Decimal:
        if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
            raise _fail(path, "应为数字或数字字符串")
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise _fail(path, f"无法识别的数值 {value!r}") from None
        if not number.is_finite():
            raise _fail(path, "数值必须是有限数")
        return number
    if kind is date:
        if not isinstance(value, str):
            raise _fail(path, "日期应为 YYYY-MM-DD 字符串")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise _fail(path, f"无法识别的日期 {value!r}，应为 YYYY-MM-DD") from None
    expected = _PLAIN.get(kind)
    if expected is not None:
        # A JSON true or false is a bool, which Python also counts as an int: not an integer here.
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise _fail(path, expected)
        return value
    raise _fail(path, f"不支持的类型 {kind!r}")


def _parse(kind: Any, value: Any, path: str) -> Any:
    shape, inner = _shape(kind)
    if shape == "optional":
        if value is None:
            return None
        return _parse(inner, value, path)
    if shape == "tuple":
        if not isinstance(value, list):
            raise _fail(path, "应为数组")
        return tuple(_parse(inner, item, f"{path}[{index}]") for index, item in enumerate(value))
    if shape == "dataclass":
        return from_dict(inner, value, path)
    if value is None:
        raise _fail(path, "不能为空")
    return _parse_scalar(kind, value, path)


_SHAPES: dict[Any, tuple[str, Any]] = {}


def _shape(kind: Any) -> tuple[str, Any]:
    """("optional" | "tuple" | "dataclass" | "scalar", the inner type) of a field's type, once a type."""
    found = _SHAPES.get(kind)
    if found is None:
        origin = typing.get_origin(kind)
        if origin in (types.UnionType, typing.Union):
            found = ("optional", next(arg for arg in typing.get_args(kind) if arg is not type(None)))
        elif origin is tuple:
            found = ("tuple", typing.get_args(kind)[0])
        elif dataclasses.is_dataclass(kind) and isinstance(kind, type):
            found = ("dataclass", kind)
        else:
            found = ("scalar", kind)
        _SHAPES[kind] = found
    return found


_Described = tuple[dict[str, Any], dict[str, dataclasses.Field[Any]]]
_DESCRIBED: dict[tuple[type[Any], type[Any]], _Described] = {}


def _fields_of(cls: type[Any]) -> _Described:
    """A dataclass's resolved type hints and fields; ``typing.get_type_hints`` is slow, so once a class.

    Keyed by the ``date`` class in force too: a test clock (freezegun) swaps it in every module, and
    the hints resolve ``date`` to whichever class ``_parse_scalar`` will compare with.
    """
    key = (cls, date)
    found = _DESCRIBED.get(key)
    if found is None:
        found = _DESCRIBED[key] = (typing.get_type_hints(cls), {f.name: f for f in dataclasses.fields(cls)})
    return found


def from_dict(cls: type[Any], data: Any, path: str = "") -> Any:
    """Build a dataclass from a JSON object, rejecting unknown and missing fields."""
    if not isinstance(data, Mapping):
        raise _fail(path, "应为 JSON 对象")
    hints, fields = _fields_of(cls)
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise _fail(path, f"未知字段 {', '.join(unknown)}")
    kwargs = {}
    for name, spec in fields.items():
        child = f"{path}.{name}" if path else name
        if name not in data:
            if spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
                raise _fail(child, "缺少必填字段")
            continue
        kwargs[name] = _parse(hints[name], data[name], child)
    return cls(**kwargs)


def facts_from_dict(data: Any) -> EnterpriseFacts:
    if not isinstance(data, Mapping):
        raise _fail("", "应为 JSON 对象")
    body = {key: value for key, value in data.items() if key not in DOCUMENT_KEYS}
    facts: EnterpriseFacts = from_dict(EnterpriseFacts, body)
    return facts


def load_document(text: str) -> tuple[EnterpriseFacts, date | None, Settings]:
    """Parse a facts document: the EnterpriseFacts fields plus optional ``as_of`` and ``settings``."""
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as error:
        where = f"第 {error.lineno} 行第 {error.colno} 列"
        raise FactsFormatError(f"JSON 格式错误：{where}，{error.msg}") from None
    facts = facts_from_dict(data)
    as_of = _parse(date | None, data.get("as_of"), "as_of")
    settings: Settings = from_dict(Settings, data.get("settings") or {}, "settings")
    return facts, as_of, settings


def to_jsonable(value: Any) -> Any:
    """Dataclasses → objects, Decimal → string, date → ISO string, tuples → arrays."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [to_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(key): to_jsonable(item) for key, item in value.items()}
    return value


def facts_to_dict(facts: EnterpriseFacts, as_of: date | None = None) -> dict[str, Any]:
    data: dict[str, Any] = to_jsonable(facts)
    if as_of is not None:
        data = {"as_of": as_of.isoformat(), **data}
    return data


def results_to_dict(
    facts: EnterpriseFacts, on: date, results: tuple[RuleSetResult, ...], plan: Plan | None = None
) -> dict[str, Any]:
    return {
        "as_of": on.isoformat(),
        "enterprise": {"uscc": facts.uscc, "name": facts.name},
        "results": to_jsonable(results),
        "plan": to_jsonable(plan) if plan is not None else None,
    }


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)
