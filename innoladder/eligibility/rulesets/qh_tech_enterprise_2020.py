"""青海省科技型企业 — 《青海省科技型企业认定管理办法》青科发高新〔2020〕85号."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from ..facts import EnterpriseFacts
from ..gaps import count_gap, money_gap, money_to_ratio, staff_to_share
from ..results import UNKNOWN, CriterionResult, Gap, RuleSetResult
from ..settings import Settings
from ._common import (
    all_of,
    build,
    check,
    flag_check,
    minimum_check,
    period,
    ratio,
    unknown,
    valid_ips,
    value_pct,
    year_value,
)
from .versions import info

INFO = info("qh_tech_enterprise_2020")
DOC = "青科发高新〔2020〕85号"
GROUP = "认定条件"
D50 = Decimal("0.5")


def _registration(facts: EnterpriseFacts, on: date) -> list[CriterionResult]:
    qinghai = facts.registered_in_qinghai
    out = [
        flag_check("Q0_resident", "居民企业", GROUP, facts.is_resident, DOC),
        flag_check("Q1_qinghai", "在青海省注册", GROUP, qinghai, DOC, missing="未填写是否在青海省注册"),
    ]
    days = None if facts.registered_on is None else (on - facts.registered_on).days
    out.append(minimum_check("Q1_age", "注册满一年", GROUP, days, 365, "天", "缺少注册日期", DOC))
    return out


def _share(
    facts: EnterpriseFacts,
    year: int,
    code: str,
    name: str,
    figures: tuple[str, str, str],
    floor: Decimal,
    threshold: str,
    gap: Callable[[Decimal, Decimal], Gap],
    above: bool = False,
) -> CriterionResult:
    """The share ``figures`` (part, whole, what is missing) of ``year`` at least ``floor``, or above
    it when ``above``; ``gap`` of (part, whole) the change that would meet it."""
    part, whole = year_value(facts, year, figures[0]), year_value(facts, year, figures[1])
    share = ratio(part, whole)
    if share is None or part is None or whole is None:
        return unknown(code, name, GROUP, f"缺少{year}年{figures[2]}", DOC, threshold)
    ok = share > floor if above else share >= floor
    return check(code, name, GROUP, ok, share, value_pct, threshold, DOC, lambda: gap(part, whole))


def _main_gap(main: Decimal, sales: Decimal) -> Gap:
    return money_gap("main_revenue", money_to_ratio(D50, sales, main, strict=True), "主营业务收入", "")


def _staff_gap(staff: Decimal, employees: Decimal) -> Gap:
    need = staff_to_share(Decimal("0.1"), int(staff), int(employees))
    return count_gap("tech_staff", need, "人", "还需新增 {n} 名科技人员")


def _rd_gap(rd: Decimal, sales: Decimal) -> Gap:
    need = money_to_ratio(Decimal("0.02"), sales, rd)
    return money_gap("rd_expense", need, "研发费用", "按上年销售收入计")


def _ip(facts: EnterpriseFacts, on: date) -> CriterionResult:
    name = "拥有知识产权或自主技术储备"
    count = len(valid_ips(facts, on, core_only=False))
    if count:
        return check("Q5_ip", name, GROUP, True, count, f"有效知识产权 {count} 项", "有", DOC)
    if facts.proprietary_tech is None:
        return unknown("Q5_ip", name, GROUP, "无有效知识产权，且未填写是否有自主技术储备", DOC, "有")
    gap = count_gap("ip_any", 1, "项", "还需 {n} 项知识产权（或自主技术储备）")
    return check(
        "Q5_ip",
        name,
        GROUP,
        facts.proprietary_tech,
        str(facts.proprietary_tech),
        "有自主技术储备" if facts.proprietary_tech else "无",
        "有",
        DOC,
        gap,
    )


def evaluate(
    facts: EnterpriseFacts, on: date, settings: Settings, data_year: int | None = None
) -> RuleSetResult:
    when = period(INFO, facts, on, data_year)
    year = when.data_year
    criteria = [
        *_registration(facts, on),
        _share(
            facts,
            year,
            "Q2_main_share",
            "主营业务收入占销售收入比例",
            ("main_revenue", "sales_revenue", "主营业务收入或销售收入"),
            D50,
            ">50%",
            _main_gap,
            above=True,
        ),
        _share(
            facts,
            year,
            "Q3_tech_staff",
            "科技人员占上年职工总数比例",
            ("tech_staff", "employees", "科技人员数或职工总数"),
            Decimal("0.1"),
            "≥10%",
            _staff_gap,
        ),
        _share(
            facts,
            year,
            "Q4_rd",
            "上年研发费用占销售收入比例",
            ("rd_expense", "sales_revenue", "研发费用或销售收入"),
            Decimal("0.02"),
            "≥2%",
            _rd_gap,
        ),
        _ip(facts, on),
    ]
    status = all_of(c.status for c in criteria)
    notes = [
        "“财务状况良好”“具有持续创新能力”由主管部门审核，未编码。",
        "认定有效期推测为3年、至当年12月31日止（原文未见，置信度中低）。",
        "文本来源为2023年申报通知（镜像站），上线前须与青海省科技厅原文核对。",
    ]
    if status == UNKNOWN:
        notes.append("部分条件数据不足，无法判定。")
    return build(INFO, criteria, status, "conditions", notes, when=when)


__all__ = ["INFO", "evaluate"]
