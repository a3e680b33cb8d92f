"""Rule tables: the thresholds of a tier entered as data, evaluated over the engine's annual figures.

Where the official criteria of a tier could not be recovered (科技和创新型中小企业 2026, the 2026
专精特新 revision, 青海省科技小巨人), an administrator enters them as a table of conditions such as
「上年度研发费用 ≥ 500 万元」 or 「上年度科技人员占职工总数比例 ≥ 10%」. This module is pure: a table in,
a ``RuleSetResult`` out, with the value, threshold, reason and gap of every condition like any
encoded rule set. Thresholds are given in the unit the administrator types (万元, %, 人, 项).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from .facts import EnterpriseFacts, YearData
from .gaps import (
    ceil_fen,
    ceil_int,
    count_gap,
    format_pct,
    format_wan,
    money_gap,
    money_to_ratio,
    money_to_share,
    staff_to_share,
)
from .money import FEN, WAN
from .results import FAIL, PASS, UNKNOWN, CriterionResult, Gap, RuleSetResult, Status
from .rulesets._common import Version, all_of, outcome_of

Kind = Literal["money", "count", "ratio"]
Operator = Literal[">=", ">", "<=", "<"]
Window = Literal["last_year", "last_2_years", "last_3_years"]

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Metric:
    """One figure a condition can test: a ``YearData`` field, or the ratio of two of them."""

    key: str
    label: str
    kind: Kind
    field: str
    of: str | None = None  # the denominator's field, for a ratio
    unit: str = ""  # what the administrator types: 万元, 人, 项 (ratios: %)
    multi_year: bool = True  # whether it may be summed over several years


METRICS: dict[str, Metric] = {
    metric.key: metric
    for metric in (
        Metric("sales_revenue", "销售收入", "money", "sales_revenue", unit="万元"),
        Metric("operating_revenue", "营业收入", "money", "operating_revenue", unit="万元"),
        Metric("main_revenue", "主营业务收入", "money", "main_revenue", unit="万元"),
        Metric("rd_expense", "研发费用", "money", "rd_expense", unit="万元"),
        Metric("hitech_revenue", "高新技术产品(服务)收入", "money", "hitech_revenue", unit="万元"),
        Metric("total_assets", "资产总额", "money", "total_assets", unit="万元", multi_year=False),
        Metric("net_profit", "净利润", "money", "net_profit", unit="万元"),
        Metric("employees", "职工总数", "count", "employees", unit="人", multi_year=False),
        Metric("tech_staff", "科技人员", "count", "tech_staff", unit="人", multi_year=False),
        Metric("rd_staff", "研发人员", "count", "rd_staff", unit="人", multi_year=False),
        Metric("tech_conversions", "科技成果转化", "count", "tech_conversions", unit="项"),
        Metric("rd_to_sales", "研发费用占销售收入比例", "ratio", "rd_expense", of="sales_revenue"),
        Metric("rd_to_operating", "研发费用占营业收入比例", "ratio", "rd_expense", of="operating_revenue"),
        Metric(
            "tech_staff_share",
            "科技人员占职工总数比例",
            "ratio",
            "tech_staff",
            of="employees",
            multi_year=False,
        ),
        Metric(
            "rd_staff_share", "研发人员占职工总数比例", "ratio", "rd_staff", of="employees", multi_year=False
        ),
        Metric(
            "main_revenue_share", "主营业务收入占销售收入比例", "ratio", "main_revenue", of="sales_revenue"
        ),
        Metric(
            "hitech_revenue_share",
            "高新技术产品(服务)收入占收入总额比例",
            "ratio",
            "hitech_revenue",
            of="total_income",
        ),
        Metric("debt_ratio", "资产负债率", "ratio", "total_liabilities", of="total_assets", multi_year=False),
    )
}
WINDOWS: dict[Window, tuple[int, str]] = {
    "last_year": (1, "上年度"),
    "last_2_years": (2, "近两年合计"),
    "last_3_years": (3, "近三年合计"),
}
OPERATORS: dict[Operator, str] = {">=": "≥", ">": "＞", "<=": "≤", "<": "＜"}
STAFF_LABELS = {"tech_staff": "科技人员", "rd_staff": "研发人员"}


@dataclass(frozen=True)
class Condition:
    """「{window}{metric} {operator} {threshold}{unit}」, e.g. 上年度研发费用 ≥ 500 万元."""

    metric: str
    window: Window
    operator: Operator
    threshold: Decimal
    clause: str = ""

    @property
    def label(self) -> str:
        metric = METRICS[self.metric]
        window = WINDOWS[self.window][1]
        if metric.kind == "ratio" and self.window != "last_year":
            return f"{window}{metric.label}（合计数相除）"
        return f"{window}{metric.label}"

    @property
    def threshold_text(self) -> str:
        return f"{OPERATORS[self.operator]} {entered_text(METRICS[self.metric], self.threshold)}"

    def __str__(self) -> str:
        return f"{self.label} {self.threshold_text}"


@dataclass(frozen=True)
class Table(Version):
    """One version of a tier's rule table, as entered (identity and dates come from the caller)."""

    conditions: tuple[Condition, ...]
    attribution: str = ""  # who entered it and when, in words


class TableError(ValueError):
    """A condition that cannot be evaluated as entered (the message says why, in Chinese)."""


def entered_text(metric: Metric, amount: Decimal) -> str:
    """A threshold as the administrator typed it: "500万元", "10%", "3人"."""
    text = f"{amount.normalize():f}"
    return f"{text}%" if metric.kind == "ratio" else f"{text}{metric.unit}"


def check_condition(condition: Condition) -> list[str]:
    """What is wrong with a condition as entered, in Chinese (empty when it can be evaluated)."""
    errors = []
    metric = METRICS.get(condition.metric)
    if metric is None:
        return [f"未知的指标：{condition.metric}"]
    if condition.window not in WINDOWS:
        errors.append(f"未知的年度口径：{condition.window}")
    elif condition.window != "last_year" and not metric.multi_year:
        errors.append(f"「{metric.label}」只能按上年度取值，不能跨年度合计")
    if condition.operator not in OPERATORS:
        errors.append(f"未知的比较方式：{condition.operator}")
    if condition.threshold < 0:
        errors.append("门槛不能为负数")
    if metric.kind == "ratio" and condition.threshold > HUNDRED:
        errors.append("比例门槛按百分数填写，不能超过 100")
    if metric.kind == "count" and condition.threshold != condition.threshold.to_integral_value():
        errors.append(f"「{metric.label}」按{metric.unit}计，门槛须为整数")
    return errors


def check_table(table: Table) -> list[str]:
    errors = []
    if table.effective_to is not None and table.effective_to < table.effective_from:
        errors.append("失效日期不能早于生效日期")
    if not table.conditions:
        errors.append("规则表中至少要有一项条件")
    for index, condition in enumerate(table.conditions, start=1):
        errors += [f"第{index}项条件：{text}" for text in check_condition(condition)]
    return errors


def _threshold(metric: Metric, entered: Decimal) -> Decimal:
    """The threshold in the engine's units: yuan for money, a fraction for ratios."""
    if metric.kind == "money":
        return entered * WAN
    if metric.kind == "ratio":
        return entered / HUNDRED
    return entered


def _compare(value: Decimal, operator: Operator, threshold: Decimal) -> bool:
    if operator == ">=":
        return value >= threshold
    if operator == ">":
        return value > threshold
    if operator == "<=":
        return value <= threshold
    return value < threshold


def _figure(row: YearData, field: str) -> Decimal | None:
    value = getattr(row, field)
    return None if value is None else Decimal(value)


def _sum(rows: list[YearData], field: str) -> Decimal | None:
    values = [_figure(row, field) for row in rows]
    if any(value is None for value in values):
        return None
    return sum((value for value in values if value is not None), Decimal(0))


def _value_text(metric: Metric, value: Decimal) -> str:
    if metric.kind == "money":
        return f"{format_wan(value)}元"
    if metric.kind == "ratio":
        return format_pct(value)
    return f"{value.normalize():f}{metric.unit}"


def _gap(metric: Metric, condition: Condition, rows: list[YearData], limit: Decimal) -> Gap | None:
    """The smallest change of the figure that meets the threshold (for ≥ / ＞ conditions: an increase;
    for ≤ / ＜: a decrease), as the engine's gaps are written."""
    strict = condition.operator in (">", "<")
    raising = condition.operator in (">=", ">")
    verb = "还需增加" if raising else "需减少"
    top = _sum(rows, metric.field)
    if top is None:
        return None
    # How far the figure is from the threshold, in the direction it must move.
    short = (limit - top) if raising else (top - limit)
    if metric.kind == "money":
        amount = ceil_fen(short)
        if strict:  # the figure must pass the threshold, not only reach it
            amount += FEN
        if amount <= 0:
            return None
        gap = money_gap(metric.field, amount, metric.label, "")
        return Gap(gap.kind, gap.amount, gap.unit, gap.text.replace("还需增加", verb))
    if metric.kind == "count":
        need = ceil_int(short) + (1 if strict else 0)
        if need <= 0:
            return None
        return count_gap(metric.field, need, metric.unit, f"{metric.label}{verb} {{n}} {metric.unit}")
    below = _sum(rows, metric.of or "")
    if below is None or not raising:
        return None  # a ratio that must fall has no single figure to change
    if limit >= 1 and metric.field in (*STAFF_LABELS, "main_revenue", "hitech_revenue"):
        return None  # a whole share (100 %) is not reached by adding to both the part and the whole
    if metric.field in ("tech_staff", "rd_staff"):
        need = staff_to_share(limit, int(top), int(below), strict)
        staff = STAFF_LABELS[metric.field]
        return count_gap(metric.field, need, "人", f"还需新增 {{n}} 名{staff}") if need else None
    if metric.field in ("main_revenue", "hitech_revenue"):
        amount = money_to_share(limit, top, below, strict)
    else:
        amount = money_to_ratio(limit, below, top, strict)
    if amount <= 0:
        return None
    field_label = METRICS[metric.field].label if metric.field in METRICS else metric.label
    return money_gap(metric.field, amount, field_label, f"{metric.label}达到 {format_pct(limit)}")


def evaluate_condition(condition: Condition, facts: EnterpriseFacts, year: int, code: str) -> CriterionResult:
    """One condition on the fiscal year ``year`` (and the years before it, for a multi-year window)."""
    metric = METRICS[condition.metric]
    span = WINDOWS[condition.window][0]
    years = list(range(year - span + 1, year + 1))
    by_year = {row.year: row for row in facts.years}
    limit = _threshold(metric, condition.threshold)
    label = condition.label
    threshold_text = condition.threshold_text
    year_text = f"{years[0]}–{years[-1]}年" if span > 1 else f"{year}年"

    def result(
        status: Status, value: Decimal | None, value_text: str, reason: str, gap: Gap | None = None
    ) -> CriterionResult:
        return CriterionResult(
            code=code,
            name_zh=label,
            group="",
            status=status,
            value=value,
            value_text=value_text,
            threshold_text=threshold_text,
            reason=reason,
            clause=condition.clause,
            gap=gap,
        )

    missing_years = [number for number in years if number not in by_year]
    if missing_years:
        listed = "、".join(str(number) for number in missing_years)
        return result(UNKNOWN, None, "", f"缺少{listed}年度数据，无法判断")
    rows = [by_year[number] for number in years]
    top = _sum(rows, metric.field)
    below = _sum(rows, metric.of) if metric.of else None
    if top is None or (metric.of is not None and below is None):
        return result(UNKNOWN, None, "", f"{year_text}「{metric.label}」所需数据未填写，无法判断")
    if metric.kind == "ratio":
        if not below:
            return result(UNKNOWN, None, "", f"{year_text}「{metric.label}」的分母为 0，无法计算比例")
        value = top / below
    else:
        value = top
    value_text = _value_text(metric, value)
    if _compare(value, condition.operator, limit):
        return result(
            PASS, value, value_text, f"{year_text}{metric.label} {value_text}，满足 {threshold_text}"
        )
    reason = f"{year_text}{metric.label} {value_text}，未达到 {threshold_text}"
    return result(FAIL, value, value_text, reason, _gap(metric, condition, rows, limit))


def evaluate_table(
    table: Table, facts: EnterpriseFacts, on: date, data_year: int | None = None
) -> RuleSetResult:
    """Every condition of ``table`` on the base date ``on``: all must hold (an empty table cannot be
    judged). 上年度 is the last complete fiscal year before ``on`` unless ``data_year`` (earlier) is
    given; a missing year or figure is "insufficient data", never a failure."""
    own = on.year - 1
    if data_year is not None and data_year > own:
        raise TableError(f"{data_year}年度晚于基准日 {on.isoformat()} 可用的最近完整年度（{own}年）")
    year = own if data_year is None else data_year
    criteria = tuple(
        evaluate_condition(condition, facts, year, f"T{index}")
        for index, condition in enumerate(table.conditions, start=1)
    )
    source = f"：{table.attribution}" if table.attribution else ""
    notes = [f"本结论按管理员录入的规则表判定，不是系统内置的官方标准{source}。"]
    notes.append(f"按{year}年度数据评价；多年合计的条件取{year}年及之前的年度。")
    if not criteria:
        notes.append("规则表中尚未录入条件，无法判定。")
    statuses = [item.status for item in criteria]
    return RuleSetResult(
        *table.identity(),
        outcome=outcome_of(all_of(statuses)) if statuses else "insufficient_data",
        route="conditions" if criteria else "",
        score=None,
        score_max=None,
        score_range=None,
        group_scores=(),
        criteria=criteria,
        met_count=sum(1 for status in statuses if status == PASS),
        total_count=len(criteria),
        notes=tuple(notes),
        assessed_on=on,
        data_year=year,
        rule_data_year=own,
        data_year_missing=facts.year(year) is None,
    )


__all__ = [
    "METRICS",
    "OPERATORS",
    "WINDOWS",
    "Condition",
    "Metric",
    "Table",
    "TableError",
    "check_condition",
    "check_table",
    "entered_text",
    "evaluate_condition",
    "evaluate_table",
]
