"""Policy matching (政策匹配 / 免申即享): facts in, result out. No ORM, no clock.

A policy may target tiers (the enterprise must hold at least one), enterprise attributes (tech field,
strategic emerging industry) and numeric conditions on the latest annual data. Each condition gives
its value, threshold, pass/fail and, for numeric ones that fail, the gap ("研发费用还需增加 ¥12.5万").
Missing data is "数据不足", never a silent fail. An enterprise that fails exactly one numeric
condition by at most `margin` of the threshold (default 20%) is a near miss ("差距较小").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from innoladder.eligibility.money import WAN
from innoladder.eligibility.plan import NAMES

DEFAULT_MARGIN = Decimal("0.2")

# The tiers a policy may target: the engine's tiers under the engine's names (all but 科技和创新型中小企业,
# new in 2026), and 青海省科技小巨人, which the engine does not rate.
TIER_LABELS: dict[str, str] = {
    **{tier: NAMES[tier] for tier in NAMES if tier != "tech_innovative_sme"},
    "qh_tech_little_giant": "青海省科技小巨人企业",
}

# field -> (label, kind); kind is money (yuan), count, or ratio (a fraction, 0.03 = 3%).
FIELDS: dict[str, tuple[str, str]] = {
    "rd_expense": ("研发费用", "money"),
    "sales_revenue": ("销售收入", "money"),
    "operating_revenue": ("营业收入", "money"),
    "total_assets": ("资产总额", "money"),
    "net_profit": ("净利润", "money"),
    "taxes_paid": ("上缴税金", "money"),
    "employees": ("职工总数", "count"),
    "tech_staff": ("科技人员", "count"),
    "rd_staff": ("研发人员", "count"),
    "rd_ratio": ("研发费用占销售收入比例", "ratio"),
    "tech_staff_ratio": ("科技人员占职工总数比例", "ratio"),
}

OPERATORS: dict[str, str] = {">=": "≥", "<=": "≤", ">": ">", "<": "<"}


@dataclass(frozen=True)
class Condition:
    field: str
    operator: str
    threshold: Decimal

    def __post_init__(self) -> None:
        if self.field not in FIELDS:
            raise ValueError(f"未知的匹配字段：{self.field}")
        if self.operator not in OPERATORS:
            raise ValueError(f"未知的比较方式：{self.operator}")


@dataclass(frozen=True)
class Criteria:
    target_tiers: frozenset[str] = frozenset()
    tech_fields: frozenset[str] = frozenset()
    tech_field_labels: Mapping[str, str] = field(default_factory=dict)
    strategic_emerging: bool = False
    conditions: tuple[Condition, ...] = ()


@dataclass(frozen=True)
class Facts:
    tiers: frozenset[str]
    values: Mapping[str, Decimal | None]
    tech_field: str = ""
    strategic_emerging: bool | None = None
    year: int | None = None


@dataclass(frozen=True)
class Check:
    label: str
    kind: str  # tier, attribute, numeric
    value: str
    threshold: str
    passed: bool | None  # None: 数据不足
    gap: Decimal | None = None
    relative_gap: Decimal | None = None
    gap_text: str = ""


@dataclass(frozen=True)
class MatchResult:
    matched: bool
    near_miss: bool
    checks: tuple[Check, ...]
    summary: str


def derive_values(raw: Mapping[str, Decimal | int | None]) -> dict[str, Decimal | None]:
    """Numeric facts from one year's data, with the ratios computed (rd_expense / sales_revenue ...)."""
    values: dict[str, Decimal | None] = {
        key: (None if raw.get(key) is None else Decimal(str(raw[key]))) for key in FIELDS if key in raw
    }
    rd, sales = values.get("rd_expense"), values.get("sales_revenue")
    values["rd_ratio"] = rd / sales if rd is not None and sales else None
    tech, staff = values.get("tech_staff"), values.get("employees")
    values["tech_staff_ratio"] = tech / staff if tech is not None and staff else None
    return values


def _plain(value: Decimal) -> str:
    text = f"{value.quantize(Decimal('0.01')).normalize():f}"
    return text


def fmt(kind: str, value: Decimal) -> str:
    if kind == "money":
        return f"¥{_plain(value / WAN)}万"
    if kind == "ratio":
        return f"{_plain(value * 100)}%"
    return f"{_plain(value)}人"


def _gap_text(label: str, kind: str, operator: str, gap: Decimal, threshold: Decimal) -> str:
    amount = f"{_plain(gap * 100)}个百分点" if kind == "ratio" else fmt(kind, gap)
    if operator == ">=":
        return f"{label}还需增加 {amount}"
    if operator == ">":
        return f"{label}须超过{fmt(kind, threshold)}，还需增加 {amount}以上"
    if operator == "<=":
        return f"{label}超出 {amount}"
    return f"{label}须低于{fmt(kind, threshold)}，超出 {amount}"


def _numeric(condition: Condition, values: Mapping[str, Decimal | None]) -> Check:
    label, kind = FIELDS[condition.field]
    threshold = condition.threshold
    threshold_text = f"{OPERATORS[condition.operator]}{fmt(kind, threshold)}"
    value = values.get(condition.field)
    if value is None:
        return Check(label, "numeric", "数据不足", threshold_text, None, gap_text=f"缺少{label}数据")
    op = condition.operator
    passed = {
        ">=": value >= threshold,
        ">": value > threshold,
        "<=": value <= threshold,
        "<": value < threshold,
    }[op]
    if passed:
        return Check(label, "numeric", fmt(kind, value), threshold_text, True)
    gap = threshold - value if op in (">=", ">") else value - threshold
    relative = gap / abs(threshold) if threshold != 0 else None
    return Check(
        label,
        "numeric",
        fmt(kind, value),
        threshold_text,
        False,
        gap,
        relative,
        _gap_text(label, kind, op, gap, threshold),
    )


def evaluate(criteria: Criteria, facts: Facts, margin: Decimal = DEFAULT_MARGIN) -> MatchResult:
    """Match one enterprise against one policy's criteria."""
    checks: list[Check] = []
    if criteria.target_tiers:
        wanted = "或".join(TIER_LABELS.get(t, t) for t in sorted(criteria.target_tiers))
        held = "、".join(TIER_LABELS.get(t, t) for t in sorted(facts.tiers)) or "无"
        ok = bool(criteria.target_tiers & facts.tiers)
        checks.append(Check("资质", "tier", held, wanted, ok, gap_text="" if ok else f"需取得{wanted}资质"))
    if criteria.tech_fields:
        labels = criteria.tech_field_labels
        wanted = "、".join(labels.get(t, t) for t in sorted(criteria.tech_fields))
        if not facts.tech_field:
            checks.append(Check("技术领域", "attribute", "数据不足", wanted, None, gap_text="缺少技术领域"))
        else:
            ok = facts.tech_field in criteria.tech_fields
            value = labels.get(facts.tech_field, facts.tech_field)
            checks.append(
                Check("技术领域", "attribute", value, wanted, ok, gap_text="" if ok else "技术领域不符")
            )
    if criteria.strategic_emerging:
        if facts.strategic_emerging is None:
            checks.append(
                Check("战略性新兴产业", "attribute", "数据不足", "是", None, gap_text="缺少产业属性")
            )
        else:
            ok = bool(facts.strategic_emerging)
            checks.append(
                Check(
                    "战略性新兴产业",
                    "attribute",
                    "是" if ok else "否",
                    "是",
                    ok,
                    gap_text="" if ok else "不属于战略性新兴产业",
                )
            )
    for condition in criteria.conditions:
        checks.append(_numeric(condition, facts.values))

    failed = [c for c in checks if c.passed is not True]
    matched = not failed
    near = (
        len(failed) == 1
        and failed[0].passed is False
        and failed[0].kind == "numeric"
        and failed[0].relative_gap is not None
        and failed[0].relative_gap <= margin
    )
    if matched:
        summary = "符合全部条件"
    elif near:
        summary = f"差距较小：{failed[0].gap_text}"
    else:
        summary = "；".join(c.gap_text for c in failed if c.gap_text)
    return MatchResult(matched, near, tuple(checks), summary)
