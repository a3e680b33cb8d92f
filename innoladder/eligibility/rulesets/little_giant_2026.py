"""专精特新“小巨人”企业 — 2026年修订《优质中小企业梯度培育管理办法》附件 (7 conditions recovered)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..facts import EnterpriseFacts
from ..gaps import count_gap, format_wan, money_gap
from ..money import WAN
from ..results import FAIL, PASS, UNKNOWN, CriterionResult, RuleSetResult, Status
from ..settings import Settings
from ._common import (
    all_of,
    any_of,
    award_route,
    build,
    check,
    flag_check,
    held_check,
    holds,
    minimum_check,
    niche_check,
    pct,
    period,
    ratio_check,
    route_result,
    stated,
    unknown,
    value_wan,
    year_value,
)
from ._miit import counted_class_i, debt_ratio, rd_share_years, share
from .versions import info

INFO = info("little_giant_2026")
CLAUSE = "2026年《优质中小企业梯度培育管理办法》附件2"


def _c1(facts: EnterpriseFacts, on: date) -> list[CriterionResult]:
    return [
        held_check(
            "C1_srdi",
            "已认定为专精特新中小企业",
            "条件一",
            holds(facts, ["srdi_sme"], on),
            "有效期内",
            CLAUSE + " 第一条",
        ),
        niche_check(facts, 3, CLAUSE + " 第一条"),
    ]


def _c2(facts: EnterpriseFacts, last: int) -> list[CriterionResult]:
    clause = CLAUSE + " 第二条"
    operating = year_value(facts, last, "operating_revenue")
    if operating is None:
        revenue = unknown(
            "C2_revenue", "上年营业收入", "条件二", f"缺少{last}年营业收入", clause, "≥5000万元"
        )
    else:
        revenue = check(
            "C2_revenue",
            "上年营业收入",
            "条件二",
            operating >= 5000 * WAN,
            operating,
            value_wan,
            "≥5000万元",
            clause,
            money_gap("operating_revenue", 5000 * WAN - operating, "营业收入", ""),
        )
    base = year_value(facts, last - 2, "operating_revenue")
    growth = None if operating is None or not base else operating / base
    growth_item = ratio_check(
        "C2_growth",
        "近2年营业收入复合增长率（以增长倍数表示）",
        "条件二",
        growth,
        ">=",
        Decimal("1.1025"),
        f"缺少{last - 2}年或{last}年营业收入",
        clause,
    )
    return [
        revenue,
        ratio_check(
            "C2_main_share",
            "主营业务收入占营业收入比重",
            "条件二",
            share(facts, last, "main_revenue", "operating_revenue"),
            ">=",
            Decimal("0.9"),
            f"缺少{last}年主营业务收入或营业收入",
            clause,
        ),
        growth_item,
        ratio_check(
            "C2_debt",
            "上年末资产负债率",
            "条件二",
            debt_ratio(facts, last),
            "<=",
            Decimal("0.75"),
            f"缺少{last}年资产负债数据",
            clause,
        ),
    ]


def _c3(facts: EnterpriseFacts, last: int) -> CriterionResult:
    clause = CLAUSE + " 第三条"
    name = "近两年研发费用合计≥1200万元且每年占营业收入≥3%"
    statuses, shortfall, spent = rd_share_years(facts, last, Decimal("0.03"))
    total = sum((rd for _, rd, _ in spent if rd is not None), Decimal(0))

    def texts(item: CriterionResult) -> str:
        return "；".join(
            f"{year}年未知"
            if rd is None or revenue is None
            else f"{year}年 ¥{format_wan(rd)}（{pct(rd / revenue)}）"
            for year, rd, revenue in spent
        )

    if UNKNOWN not in statuses:
        statuses.append(PASS if total >= 1200 * WAN else FAIL)
    status: Status = all_of(statuses)
    need = max(shortfall, 1200 * WAN - total, Decimal(0))
    gap = money_gap("rd_expense", need, "研发费用", "按近两年计") if status == FAIL else None
    return stated("C3_rd", name, "条件三", status, total, texts, "合计≥1200万元，每年≥3%", clause, gap)


def _c4(facts: EnterpriseFacts, on: date) -> list[CriterionResult]:
    clause = CLAUSE + " 第四条"
    count = len(counted_class_i(facts, on))
    award, award_text = award_route(facts, on, 3, {"national": 3})
    ip = minimum_check(
        "C4_ip",
        "与主导产品相关的Ⅰ类知识产权",
        "条件四",
        count,
        4,
        "项",
        "",
        clause,
        count_gap("ip_class_i", max(4 - count, 0), "项", "还需 {n} 项Ⅰ类知识产权"),
    )
    waiver = route_result(
        "C4_award", "近三年获国家级科技奖励（前三名），免知识产权要求", award, award_text, clause
    )
    return [ip, waiver]


def _c5(facts: EnterpriseFacts) -> CriterionResult:
    clause = CLAUSE + " 第五条"
    name = "细分市场占有率≥10%或国内前三"
    share_ok = None if facts.market_share is None else facts.market_share >= Decimal("0.1")
    rank_ok = None if facts.market_rank is None else facts.market_rank <= 3
    statuses: list[Status] = [UNKNOWN if v is None else (PASS if v else FAIL) for v in (share_ok, rank_ok)]
    status = any_of(statuses)

    def text(item: CriterionResult) -> str:
        return (
            f"占有率 {pct(facts.market_share)}；国内排名 {facts.market_rank if facts.market_rank else '未知'}"
        )

    return stated("C5_market", name, "条件五", status, facts.market_share, text, "≥10% 或 前三", clause)


def evaluate(
    facts: EnterpriseFacts, on: date, settings: Settings, data_year: int | None = None
) -> RuleSetResult:
    when = period(INFO, facts, on, data_year)
    clause6, clause7 = CLAUSE + " 第六条", CLAUSE + " 第七条"
    c4 = _c4(facts, on)
    c7 = minimum_check(
        "C7_score",
        "专精特新发展评价指标体系得分",
        "条件七",
        facts.srdi_index_score,
        60,
        "分",
        "评价指标体系（试行）尚未编码，需录入当年得分",
        clause7,
    )
    criteria = [
        *_c1(facts, on),
        *_c2(facts, when.data_year),
        _c3(facts, when.data_year),
        *c4,
        _c5(facts),
        flag_check(
            "C6_field",
            "主导产品属于基础领域或传统升级/新兴/未来产业",
            "条件六",
            facts.foundation_field,
            clause6,
        ),
        flag_check("C6_chain", "位于产业链关键环节", "条件六", facts.chain_key_link, clause6),
        c7,
    ]
    either = {id(c) for c in c4}  # by identity: the criteria are not compared field by field
    statuses = [c.status for c in criteria if id(c) not in either] + [any_of(c.status for c in c4)]
    status = all_of(statuses)
    notes = [
        "依据2026年修订办法中可获得的七项条件（来源为咨询机构页面，置信度中）；评分指标体系未编码，需录入得分。",
        "复合增长率≥5% 以近两年营业收入增长倍数≥1.1025 判断（复核时不考核此项，本结果按初次认定）。",
    ]
    return build(INFO, criteria, status, "general", notes, when=when)


__all__ = ["INFO", "evaluate"]
