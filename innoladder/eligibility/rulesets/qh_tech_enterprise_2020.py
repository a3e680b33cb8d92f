"""青海省科技型企业 — 《青海省科技型企业认定管理办法》青科发高新〔2020〕85号."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..facts import EnterpriseFacts
from ..gaps import count_gap, money_gap, money_to_ratio, staff_to_share
from ..results import UNKNOWN, CriterionResult, Gap, RuleSetResult
from ..settings import Settings
from ._common import (
    RuleSetInfo,
    all_of,
    build,
    check,
    flag_check,
    period,
    ratio,
    unknown,
    valid_ips,
    value_pct,
    year_value,
)

INFO = RuleSetInfo(
    scheme="qh_tech_enterprise",
    version="qh_tech_enterprise_2020",
    name_zh="青海省科技型企业",
    basis="《青海省科技型企业认定管理办法》青科发高新〔2020〕85号",
    effective_from=date(2020, 1, 1),
    effective_to=None,
    score_max=None,
)
DOC = "青科发高新〔2020〕85号"
GROUP = "认定条件"
D50 = Decimal("0.5")


def _registration(facts: EnterpriseFacts, on: date) -> list[CriterionResult]:
    qinghai = facts.registered_in_qinghai
    out = [
        flag_check("Q0_resident", "居民企业", GROUP, facts.is_resident, DOC),
        flag_check("Q1_qinghai", "在青海省注册", GROUP, qinghai, DOC, missing="未填写是否在青海省注册"),
    ]
    if facts.registered_on is None:
        out.append(unknown("Q1_age", "注册满一年", GROUP, "缺少注册日期", DOC, "≥365天"))
    else:
        days = (on - facts.registered_on).days
        out.append(check("Q1_age", "注册满一年", GROUP, days >= 365, days, f"{days} 天", "≥365天", DOC))
    return out


def _main_share(facts: EnterpriseFacts, year: int) -> CriterionResult:
    name = "主营业务收入占销售收入比例"
    main, sales = year_value(facts, year, "main_revenue"), year_value(facts, year, "sales_revenue")
    share = ratio(main, sales)
    if share is None or main is None or sales is None:
        return unknown("Q2_main_share", name, GROUP, f"缺少{year}年主营业务收入或销售收入", DOC, ">50%")

    def gap() -> Gap:
        return money_gap("main_revenue", money_to_ratio(D50, sales, main, strict=True), "主营业务收入", "")

    return check("Q2_main_share", name, GROUP, share > Decimal("0.5"), share, value_pct, ">50%", DOC, gap)


def _tech_staff(facts: EnterpriseFacts, year: int) -> CriterionResult:
    name = "科技人员占上年职工总数比例"
    staff, employees = year_value(facts, year, "tech_staff"), year_value(facts, year, "employees")
    share = ratio(staff, employees)
    if share is None or staff is None or employees is None:
        return unknown("Q3_tech_staff", name, GROUP, f"缺少{year}年科技人员数或职工总数", DOC, "≥10%")

    def gap() -> Gap:
        need = staff_to_share(Decimal("0.1"), int(staff), int(employees))
        return count_gap("tech_staff", need, "人", "还需新增 {n} 名科技人员")

    return check("Q3_tech_staff", name, GROUP, share >= Decimal("0.1"), share, value_pct, "≥10%", DOC, gap)


def _rd(facts: EnterpriseFacts, year: int) -> CriterionResult:
    name = "上年研发费用占销售收入比例"
    rd, sales = year_value(facts, year, "rd_expense"), year_value(facts, year, "sales_revenue")
    share = ratio(rd, sales)
    if share is None or rd is None or sales is None:
        return unknown("Q4_rd", name, GROUP, f"缺少{year}年研发费用或销售收入", DOC, "≥2%")

    def gap() -> Gap:
        return money_gap(
            "rd_expense", money_to_ratio(Decimal("0.02"), sales, rd), "研发费用", "按上年销售收入计"
        )

    return check("Q4_rd", name, GROUP, share >= Decimal("0.02"), share, value_pct, "≥2%", DOC, gap)


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
        _main_share(facts, year),
        _tech_staff(facts, year),
        _rd(facts, year),
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
