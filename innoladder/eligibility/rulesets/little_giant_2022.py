"""专精特新“小巨人”企业 — 工信部企业〔2022〕63号 附件3 (batches 4–7, 2022–2025)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..facts import EnterpriseFacts
from ..gaps import count_gap, format_wan, money_gap
from ..money import WAN, YI
from ..results import FAIL, PASS, UNKNOWN, CriterionResult, RuleSetResult
from ..settings import Settings
from ._common import (
    all_of,
    any_of,
    award_route,
    build,
    chuangke_route,
    flag_check,
    known,
    minimum_check,
    niche_check,
    pct,
    period,
    ratio_check,
    route_of,
    route_result,
    stated,
    sum_years,
    unknown,
    year_value,
    years_to,
)
from ._miit import average_growth, counted_class_i, debt_ratio, rd_share_years, share
from .versions import info

INFO = info("little_giant_2022")
CLAUSE = "工信部企业〔2022〕63号 附件3"


def _rd_route(facts: EnterpriseFacts, last: int) -> CriterionResult:
    name = "研发投入（按上年营业收入分档）"
    operating = year_value(facts, last, "operating_revenue")
    if operating is None:
        return unknown("X1_rd", name, "新", f"缺少{last}年营业收入", CLAUSE, "分档要求")
    if operating >= 5000 * WAN:
        threshold = Decimal("0.03") if operating >= YI else Decimal("0.06")
        statuses, shortfall, spent = rd_share_years(facts, last, threshold)
        status = all_of(statuses)

        def texts(item: CriterionResult) -> str:
            return "；".join(
                f"{year}年未知" if rd is None or revenue is None else f"{year}年 {pct(rd / revenue)}"
                for year, rd, revenue in spent
            )

        gap = money_gap("rd_expense", shortfall, "研发费用", "按近两年营业收入计") if status == FAIL else None
        return stated(
            "X1_rd",
            name,
            "新",
            status,
            operating,
            texts,
            lambda item: f"近两年每年≥{pct(threshold)}",
            CLAUSE,
            gap,
            lambda item: (
                f"上年营业收入 ¥{format_wan(operating)}，要求近两年研发费用占比均≥{pct(threshold)}："
                + item.value_text
            ),
        )
    equity, equity_missing = sum_years(facts, years_to(last, 2), "equity_financing")
    rd_total, rd_missing = sum_years(facts, years_to(last, 2), "rd_expense")
    staff = share(facts, last, "rd_staff", "employees")
    parts = [
        known(equity >= 8000 * WAN, equity_missing),
        known(rd_total >= 3000 * WAN, rd_missing),
        UNKNOWN if staff is None else (PASS if staff >= Decimal("0.5") else FAIL),
    ]

    def text(item: CriterionResult) -> str:
        return (
            f"近两年股权融资 ¥{format_wan(equity)}；研发费用 ¥{format_wan(rd_total)}；"
            f"研发人员占比 {pct(staff)}"
        )

    return stated(
        "X1_rd",
        name,
        "新",
        all_of(parts),
        operating,
        text,
        "营业收入<5000万：融资≥8000万、研发≥3000万、研发人员≥50%",
        CLAUSE,
        reason=lambda item: f"上年营业收入 ¥{format_wan(operating)}（<5000万）：{item.value_text}",
    )


def _conditions(facts: EnterpriseFacts, on: date, last: int) -> list[CriterionResult]:
    class_i = counted_class_i(facts, on)
    return [
        niche_check(facts, 3, CLAUSE),
        ratio_check(
            "Z2_main_share",
            "主营业务收入占营业收入比重",
            "专",
            share(facts, last, "main_revenue", "operating_revenue"),
            ">=",
            Decimal("0.7"),
            f"缺少{last}年主营业务收入或营业收入",
            CLAUSE,
        ),
        ratio_check(
            "Z3_growth",
            "近2年主营业务收入平均增长率",
            "专",
            average_growth(facts, last, "main_revenue"),
            ">=",
            Decimal("0.05"),
            f"缺少{last - 2}–{last}年主营业务收入",
            CLAUSE,
        ),
        flag_check(
            "J1_info_system",
            "至少1项核心业务采用信息系统支撑",
            "精",
            facts.info_system_core_business,
            CLAUSE,
        ),
        flag_check(
            "J2_certification",
            "取得管理体系认证或发达国家/地区产品认证",
            "精",
            facts.mgmt_certification,
            CLAUSE,
        ),
        ratio_check(
            "J3_debt",
            "上年末资产负债率",
            "精",
            debt_ratio(facts, last),
            "<=",
            Decimal("0.7"),
            f"缺少{last}年资产负债数据",
            CLAUSE,
        ),
        ratio_check(
            "T1_market_share",
            "主导产品全国细分市场占有率",
            "特",
            facts.market_share,
            ">=",
            Decimal("0.1"),
            "未填写细分市场占有率",
            CLAUSE,
        ),
        flag_check("T2_brand", "拥有自主品牌", "特", facts.own_brand, CLAUSE),
        _rd_route(facts, last),
        minimum_check(
            "X2_institution",
            "自建或与高校、科研机构联合建立研发机构",
            "新",
            len(facts.institutions),
            1,
            "个",
            "",
            CLAUSE,
        ),
        minimum_check(
            "X3_ip",
            "与主导产品相关的Ⅰ类知识产权",
            "新",
            len(class_i),
            2,
            "项",
            "",
            CLAUSE,
            count_gap("ip_class_i", max(2 - len(class_i), 0), "项", "还需 {n} 项Ⅰ类知识产权"),
        ),
        flag_check(
            "L1_chain",
            "位于产业链关键环节，发挥补短板、锻长板、填空白作用",
            "链",
            facts.chain_key_link,
            CLAUSE,
        ),
        flag_check(
            "P1_field",
            "主导产品属于工业基础、制造强国或网络强国重点领域",
            "品",
            facts.foundation_field,
            CLAUSE,
        ),
    ]


def evaluate(
    facts: EnterpriseFacts, on: date, settings: Settings, data_year: int | None = None
) -> RuleSetResult:
    when = period(INFO, facts, on, data_year)
    conditions = _conditions(facts, on, when.data_year)
    award, award_text = award_route(facts, on, 3, {"national": 3})
    chuangke, chuangke_text = chuangke_route(facts, on, 3, 50)
    routes = [
        route_result(
            "D1_award",
            "近三年获国家级科技奖励（前三名）",
            award,
            award_text,
            CLAUSE,
        ),
        route_result(
            "D2_chuangke",
            "近三年「创客中国」大赛全国50强",
            chuangke,
            chuangke_text,
            CLAUSE,
        ),
    ]
    new_general = all_of(c.status for c in conditions if c.group == "新")
    others = [c.status for c in conditions if c.group != "新"]
    status = all_of([*others, any_of([new_general, *(r.status for r in routes)])])
    route = route_of(new_general, "general", routes)
    notes = [
        "“新”的一般条件（研发投入、研发机构、Ⅰ类知识产权）与直通条件满足其一即可。",
        "“链”“品”条件的表述依记忆整理（置信度中），以工信部原文为准。",
    ]
    return build(INFO, [*conditions, *routes], status, route, notes, when=when)


__all__ = ["INFO", "evaluate"]
