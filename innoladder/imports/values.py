"""Cell converters: what people actually type in Excel/WPS turned into clean Python values.

Each converter takes the raw cell value (str, int, float, datetime, bool or None) and returns the value to
store, or raises CellError with a Chinese message. Empty cells never reach a converter.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from itertools import repeat

from openpyxl.utils.datetime import from_excel

from innoladder.eligibility import uscc as uscc_rules

from . import datasets as d
from .datasets import CellError

_NUMBER_NOISE = re.compile(r"[,\s_'￥¥]")
_DATE_RE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
TRUE_WORDS = {"是", "有", "y", "yes", "true", "1", "√", "✓", "对"}
FALSE_WORDS = {"否", "无", "n", "no", "false", "0", "×", "✗", "x", "不是", "没有"}


def is_empty(raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def fold(text: str) -> str:
    """Full-width → half-width (digits, letters, punctuation), blanks trimmed."""
    return unicodedata.normalize("NFKC", text).strip()


def to_text(raw, col: d.Column) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    text = str(raw).strip()
    if col.max_length is not None and len(text) > col.max_length:
        raise CellError(f"内容过长：最多 {col.max_length} 个字符，当前 {len(text)} 个")
    return text


def to_decimal(raw) -> Decimal:
    if isinstance(raw, bool):
        raise CellError("应为数字")
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        if not math.isfinite(raw):  # "1e999" in a cell's XML reads as infinity
            raise CellError("应为数字")
        return Decimal(repr(raw))
    text = _NUMBER_NOISE.sub("", fold(str(raw)))
    if text.endswith("元") and not text.endswith("万元"):
        text = text[:-1]
    negative = text.startswith("(") and text.endswith(")")
    if negative:
        text = "-" + text[1:-1]
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", text):
        raise CellError("应为数字（可带千分位逗号），不能含文字或单位")
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise CellError("应为数字") from exc


def to_int(raw, col: d.Column) -> int:
    try:
        value = to_decimal(raw)
    except CellError as exc:
        raise CellError("应为整数") from exc
    if value != value.to_integral_value():
        raise CellError("应为整数，不能有小数")
    if value.adjusted() >= _LARGE_DIGITS:  # before int(): "1e999999" would be a million digits
        raise CellError("数值过大")
    number = int(value)
    if col.min_value is not None and number < col.min_value:
        raise CellError(f"不能小于 {col.min_value}")
    if col.max_value is not None and number > col.max_value:
        raise CellError(f"不能大于 {col.max_value}")
    return number


_CENT = Decimal("0.01")
_LARGE_DIGITS = 16
_TOO_LARGE = Decimal(10) ** _LARGE_DIGITS
_RAW_LIMIT = 1e16  # a number cell at least this large is too large for any column, in any unit


def to_decimal_checked(raw, col: d.Column, factor: int = 1) -> Decimal:
    value = to_decimal(raw)
    if value.adjusted() >= _LARGE_DIGITS:  # too large whatever the unit; and safe to multiply and round
        raise CellError("数值过大")
    value = (value * factor).quantize(_CENT)
    if abs(value) >= _TOO_LARGE:
        raise CellError("数值过大")
    if col.min_value is not None and value < col.min_value:
        raise CellError(f"不能小于 {col.min_value}")
    if col.max_value is not None and value > col.max_value:
        raise CellError(f"不能大于 {col.max_value}")
    return value


def to_date(raw) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return _serial(raw)
    text = fold(str(raw)).replace(" ", "")
    match = _DATE_RE.match(text)
    if match:
        try:
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError as exc:
            raise CellError("日期不存在，请检查年月日") from exc
    if re.fullmatch(r"\d{8}", text):
        try:
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        except ValueError as exc:
            raise CellError("日期不存在，请检查年月日") from exc
    if re.fullmatch(r"\d{1,5}(\.0+)?", text):
        return _serial(float(text))
    raise CellError("日期格式不正确，请填写如 2024-03-01 的日期")


def _serial(number: float) -> dt.date:
    if not 1 <= number <= 2958465:
        raise CellError("日期格式不正确，请填写如 2024-03-01 的日期")
    value = from_excel(number)
    return value.date() if isinstance(value, dt.datetime) else value


def to_bool(raw) -> bool:
    if isinstance(raw, bool):
        return raw
    text = fold(str(raw)).lower()
    if isinstance(raw, float) and raw.is_integer():
        text = str(int(raw))
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise CellError("应填写“是”或“否”")


def to_choice(raw, col: d.Column) -> str:
    text = d.normalise_header(to_text(raw, col))
    for value, label in col.choices.choices:
        if text in (d.normalise_header(str(label)), d.normalise_header(str(value))):
            return value
    allowed = "、".join(str(label) for value, label in col.choices.choices if value != "")
    raise CellError(f"不是可选值，应为：{allowed}")


def to_uscc(raw) -> str:
    text = raw if isinstance(raw, str) else to_text(raw, d.Column("", ""))
    check = uscc_rules.validate(text)
    if not check.ok:
        raise CellError("统一社会信用代码有误：" + "；".join(check.errors))
    return check.code


def unit_problem(col: d.Column, unit: str | None) -> str:
    """Why a money column's header unit cannot be used. A header without a unit is refused, never read
    in the template's unit: yuan under a bare "营业收入" read as 万元 are ten thousand times too large."""
    if not unit:
        return f"金额列“{col.header}”的表头未注明单位（元或万元），请在表头注明"
    return f"表头中的单位“{unit}”无法识别，应为元、万元或亿元"


def converter_for(col: d.Column, unit: str | None, ctx):
    """A one-argument converter for this column, with the unit and lookups resolved once per file.

    Numbers that the reader already gives as int or float (what almost every cell of a numeric column
    is) take a short path with the same results and messages as `convert`; text, booleans and anything
    unusual go through the general converters.
    """
    if col.parse is not None:
        return lambda raw: col.parse(raw, ctx)
    if col.type == d.MONEY:
        factor = d.UNITS.get(unit) if unit else None
        if factor is None:
            message = unit_problem(col, unit)

            def bad_unit(raw):
                raise CellError(message)

            return bad_unit
        return _money_converter(col, factor)
    if col.type == d.INT:
        return _int_converter(col)
    if col.type == d.ENTERPRISE:
        return _enterprise_converter(col, ctx)
    return lambda raw: convert(raw, col, unit, ctx)


def _money_converter(col: d.Column, factor: int):
    low = None if col.min_value is None else Decimal(col.min_value)
    high = None if col.max_value is None else Decimal(col.max_value)
    scale = Decimal(factor)
    cent, too_large = _CENT, _TOO_LARGE

    def money(raw):
        kind = type(raw)
        if kind is float and -_RAW_LIMIT < raw < _RAW_LIMIT:  # not NaN, not infinite, safe to round
            value = (Decimal(repr(raw)) * scale).quantize(cent)
        elif kind is int and -_RAW_LIMIT < raw < _RAW_LIMIT:
            value = (Decimal(raw) * scale).quantize(cent)
        else:
            return to_decimal_checked(raw, col, factor)
        if (
            -too_large < value < too_large
            and (low is None or value >= low)
            and (high is None or value <= high)
        ):
            return value
        return to_decimal_checked(raw, col, factor)  # raises the message for the broken limit

    return money


def column_converter_for(col: d.Column, unit: str | None):
    """A converter of a whole column of numbers (int and float only, no empty cell) giving what the
    cell converter gives for each, or None when a value breaks a limit (the caller then converts cell
    by cell and gets each message). None for columns that have no such form."""
    if col.parse is not None:
        return None
    if col.type == d.MONEY:
        factor = d.UNITS.get(unit) if unit else None
        return None if factor is None else _money_column(col, factor)
    if col.type == d.INT:
        return _int_column(col)
    return None


def _money_column(col: d.Column, factor: int):
    low = None if col.min_value is None else Decimal(col.min_value)
    high = None if col.max_value is None else Decimal(col.max_value)
    scale = Decimal(factor)
    cent, too_large = _CENT, _TOO_LARGE
    cents_per_unit = float(factor * 100)

    def money_column(raws) -> list | None:
        if not (-_RAW_LIMIT < min(raws) and max(raws) < _RAW_LIMIT) or not math.isfinite(sum(raws)):
            return None  # a cell too large, infinite or NaN (which min and max may pass over)
        out = _exact_cents(raws, cents_per_unit)
        if out is None:
            # repr(int) is the int's digits: Decimal(repr(raw)) is Decimal(raw) for ints, as in `money`.
            out = [(Decimal(text) * scale).quantize(cent) for text in map(repr, raws)]
        return out if _inside(min(out), max(out), too_large, low, high) else None

    return money_column


_EXACT_LIMIT = 2.0**50  # |raw × cents per unit| below this: consecutive floats lie far closer than a cent


def _exact_cents(raws, cents_per_unit: float) -> list | None:
    """The column in cents as `money_column` gives it, (Decimal(repr(raw)) × factor).quantize(cent), when
    every amount is a whole number of cents: computed in floating point, three times quicker. A float
    `raw` is the nearest double to its decimal text D; when round(raw × c) / c == raw and doubles near
    raw lie closer together than 1/c, the whole number of cents round(raw × c) is exactly D × c, and
    Decimal(n).scaleb(-2) is the quantized value digit for digit. None (use Decimal arithmetic) when
    one amount needs rounding, is too large for the check, or is a negative zero (Decimal keeps its sign)."""
    scaled = list(map(cents_per_unit.__mul__, raws))
    if not -_EXACT_LIMIT < min(scaled) <= max(scaled) < _EXACT_LIMIT:
        return None
    cents = list(map(round, scaled))
    if list(map(cents_per_unit.__rtruediv__, cents)) != list(raws):
        return None
    if 0 in cents and any(r == 0 and math.copysign(1.0, r) < 0 for r in raws):
        return None
    return list(map(Decimal.scaleb, map(Decimal, cents), repeat(-2, len(cents))))


def _int_column(col: d.Column):
    low, high = col.min_value, col.max_value

    def int_column(raws) -> list | None:
        if set(map(type, raws)) != {int}:
            return None  # floats: cell by cell (whole numbers written as 5.0)
        return list(raws) if _inside(min(raws), max(raws), _RAW_LIMIT, low, high) else None

    return int_column


def _inside(lowest, highest, limit, low, high) -> bool:
    """Whether a column's lowest and highest value lie within ±limit and the column's own limits."""
    return (
        -limit < lowest
        and highest < limit
        and (low is None or lowest >= low)
        and (high is None or highest <= high)
    )


def _int_converter(col: d.Column):
    low, high = col.min_value, col.max_value

    def integer(raw):
        kind = type(raw)
        if kind is int:
            number = raw
        elif kind is float and raw.is_integer():
            number = int(raw)
        else:
            return to_int(raw, col)
        if (
            -_RAW_LIMIT < number < _RAW_LIMIT
            and (low is None or number >= low)
            and (high is None or number <= high)
        ):
            return number
        return to_int(raw, col)  # raises the message for the broken limit

    return integer


def _enterprise_converter(col: d.Column, ctx):
    """Checks each distinct code once per file (an annual-data file names each enterprise per year).

    A cell that is exactly the code of an enterprise the user may change is that enterprise: the code
    was checked when the enterprise was registered, and checking its digits again (10,000 codes in a
    50,000-row annual-data file) cost about a tenth of the dry run. Anything else (another spelling,
    full-width characters, an unknown code) goes through the full check and its messages."""
    seen: dict = {}
    known = ctx.enterprise_ids

    def enterprise(raw):
        if type(raw) is str:
            found = known.get(raw)
            if found is not None:
                return found
        key = (type(raw), raw)
        outcome = seen.get(key)
        if outcome is None:
            try:
                outcome = (True, convert(raw, col, None, ctx))
            except CellError as exc:
                outcome = (False, str(exc))
            if len(seen) < 200_000:
                seen[key] = outcome
        if outcome[0]:
            return outcome[1]
        raise CellError(outcome[1])

    return enterprise


def convert(raw, col: d.Column, unit: str | None, ctx):
    """Convert one non-empty cell for `col`; `unit` is the unit declared in the file's header."""
    if col.parse is not None:
        return col.parse(raw, ctx)
    kind = col.type
    if kind == d.TEXT:
        return to_text(raw, col)
    if kind == d.INT:
        return to_int(raw, col)
    if kind == d.DECIMAL:
        return to_decimal_checked(raw, col)
    if kind == d.MONEY:
        factor = d.UNITS.get(unit) if unit else None
        if factor is None:
            raise CellError(unit_problem(col, unit))
        return to_decimal_checked(raw, col, factor)
    if kind == d.DATE:
        return to_date(raw)
    if kind == d.BOOL:
        return to_bool(raw)
    if kind == d.CHOICE:
        return to_choice(raw, col)
    if kind == d.USCC:
        return to_uscc(raw)
    if kind == d.ENTERPRISE:
        code = to_uscc(raw)
        enterprise_id = ctx.enterprise_ids.get(code)
        if enterprise_id is None:
            raise CellError("未找到该统一社会信用代码对应的企业，或您无权导入该企业的数据")
        return enterprise_id
    raise CellError(f"未知的列类型 {kind}")
