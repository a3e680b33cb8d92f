"""Field validation and plausibility warnings for a submission: pure functions, no database.

Errors block saving; warnings block submitting until the enterprise confirms each one (or corrects it).
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from innoladder.enterprises import money

from .fields import COUNT_FIELDS, MONEY_FIELDS, label

RATIO_JUMP = Decimal("0.5")
LIMIT = Decimal("1e15")  # yuan, and people or items
NON_NEGATIVE_MONEY = frozenset(MONEY_FIELDS) - {"net_profit", "net_assets"}

# A part above its whole (warned on the part): (part, whole, warning key, message).
PART_ABOVE_WHOLE = (
    ("hitech_revenue", "total_income", "hitech_gt_income", "高新技术产品(服务)收入大于收入总额，请核实。"),
    ("rd_domestic", "rd_expense", "rd_domestic_gt_total", "境内研发费用大于研发费用总额，请核实。"),
)


@dataclass(frozen=True)
class Problem:
    key: str
    field: str
    message: str


def _normalise_number(raw: str) -> str:
    full = "０１２３４５６７８９．－，"
    half = "0123456789.-,"
    return raw.strip().translate(str.maketrans(full, half)).replace(",", "").replace(" ", "")


def parse(
    raw_values: dict[str, str], fields: list[str]
) -> tuple[dict[str, Decimal | int | None], list[Problem]]:
    """Turn typed text into numbers; empty means unknown. Money is typed in 万元 and returned in yuan,
    exactly. Returns values and field errors (Chinese)."""
    values: dict[str, Decimal | int | None] = {}
    errors: list[Problem] = []
    for field in fields:
        raw = _normalise_number(str(raw_values.get(field) or ""))
        if raw == "":
            values[field] = None
            continue
        try:
            number = Decimal(raw)
        except InvalidOperation:
            errors.append(Problem(f"format:{field}", field, f"{label(field)}：“{raw}”不是有效数字"))
            continue
        limit = LIMIT / money.WAN if field in MONEY_FIELDS else LIMIT
        if not number.is_finite() or abs(number) >= limit:
            errors.append(Problem(f"range:{field}", field, f"{label(field)}：数值超出范围"))
            continue
        if field in COUNT_FIELDS:
            if number != number.to_integral_value() or number < 0:
                errors.append(Problem(f"int:{field}", field, f"{label(field)}须为不小于 0 的整数"))
                continue
            values[field] = int(number)
        else:
            if field in NON_NEGATIVE_MONEY and number < 0:
                errors.append(Problem(f"negative:{field}", field, f"{label(field)}不能为负数"))
                continue
            try:
                values[field] = money.wan_to_yuan(number)
            except money.MoneyInputError:
                errors.append(
                    Problem(
                        f"decimals:{field}",
                        field,
                        f"{label(field)}以万元填写，最多保留六位小数（即精确到分）",
                    )
                )
    return values, errors


def _ratio(num, den) -> Decimal | None:
    if num is None or not den:
        return None
    return Decimal(num) / Decimal(den)


def plausibility(values: dict, last_year: dict) -> list[Problem]:
    """Warnings the enterprise must confirm: figures that are possible but unusual."""
    warnings: list[Problem] = []
    employees = values.get("employees")
    for field in ("tech_staff", "rd_staff"):
        count = values.get(field)
        if count is not None and employees is not None and count > employees:
            warnings.append(
                Problem(
                    f"{field}_gt_employees",
                    field,
                    f"{label(field)}（{count}）多于职工总数（{employees}），请核实。",
                )
            )
    revenue_field = "sales_revenue"
    now = _ratio(values.get("rd_expense"), values.get(revenue_field))
    before = _ratio(last_year.get("rd_expense"), last_year.get(revenue_field))
    if now is not None and before:
        change = (now - before) / before
        if abs(change) > RATIO_JUMP:
            warnings.append(
                Problem(
                    "rd_ratio_jump",
                    "rd_expense",
                    f"研发费用占销售收入比例由上年的 {before:.2%} 变为 {now:.2%}，变化超过 50%，请核实。",
                )
            )
    for part, whole, key, message in PART_ABOVE_WHOLE:
        if values.get(part) is not None and values.get(whole) is not None and values[part] > values[whole]:
            warnings.append(Problem(key, part, message))
    for field in ("sales_revenue", "total_assets"):
        prev, cur = last_year.get(field), values.get(field)
        if prev and cur is not None and prev > 0 and abs(Decimal(cur) - Decimal(prev)) / Decimal(prev) > 3:
            warnings.append(
                Problem(
                    f"{field}_jump",
                    field,
                    f"{label(field)}较上年变化超过 300%，请核实是否按万元填写。",
                )
            )
    return warnings
