"""创新型中小企业 — 《优质中小企业梯度培育管理暂行办法》工信部企业〔2022〕63号 附件."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache

from ..bands import BandTable, table
from ..facts import EnterpriseFacts
from ..gaps import format_wan, money_gap, money_to_ratio
from ..money import WAN
from ..results import FAIL, PASS, CriterionResult, RuleSetResult
from ..settings import Settings
from ._common import (
    all_of,
    any_of,
    at_least,
    award_route,
    band_item,
    bounds_of,
    build,
    group_bounds,
    holds,
    known,
    period,
    route_of,
    route_result,
    score_criterion,
    score_gap,
    scored,
    sum_years,
    unknown,
    year_value,
    years_to,
)
from ._miit import debt_ratio, growth, ip_item, share
from .versions import info

INFO = info("innovative_sme_2022")
CLAUSE = "工信部企业〔2022〕63号 附件1"
HONOURS = ("hnte", "tech_innovation_demo", "ip_advantage", "ip_demo")
GROUPS = (
    ("创新能力", Decimal(40), Decimal(20)),
    ("成长性", Decimal(30), Decimal(15)),
    ("专业化", Decimal(30), Decimal(15)),
)


@cache
def _tables(inclusive: bool) -> dict[str, BandTable]:
    """Band tables for one boundary reading (built once; never mutated)."""
    return {
        "rd": table([("0.05", 20), ("0.03", 15), ("0.02", 10), ("0.01", 5)], inclusive=inclusive),
        "growth": table([("0.15", 20), ("0.10", 15), ("0.05", 10), ("0", 5)], inclusive=inclusive),
        "debt": table([("0.75", 0), ("0.55", 5)], below=10, inclusive=inclusive),
        "main_share": table([("0.70", 20), ("0.60", 15), ("0.55", 10), ("0.50", 5)], inclusive=inclusive),
    }


def _scores(
    facts: EnterpriseFacts, on: date, last: int, bands: dict[str, BandTable]
) -> list[CriterionResult]:
    ip = ip_item("S1_ip", facts, on, (20, 15, 10, 5), CLAUSE)
    rd_ratio = share(facts, last, "rd_expense", "operating_revenue")
    rd_gap = None
    operating = year_value(facts, last, "operating_revenue")
    rd = year_value(facts, last, "rd_expense")
    if rd_ratio is not None and operating is not None and rd is not None:
        edge = bands["rd"].next_edge(rd_ratio)
        if edge is not None:
            amount = money_to_ratio(edge, operating, rd, strict=not bands["rd"].inclusive)
            rd_gap = money_gap("rd_expense", amount, "研发费用", "按上年营业收入计")
    main_growth = growth(facts, last, "main_revenue")
    debt = debt_ratio(facts, last)
    return [
        ip,
        band_item(
            "S2_rd",
            "上年研发费用占营业收入比重",
            "创新能力",
            rd_ratio,
            bands["rd"],
            20,
            "5%以上20/3%-5% 15/2%-3% 10/1%-2% 5",
            f"缺少{last}年研发费用或营业收入",
            CLAUSE,
            rd_gap,
        ),
        band_item(
            "S3_growth",
            "上年主营业务收入增长率",
            "成长性",
            main_growth,
            bands["growth"],
            20,
            "15%以上20/10%-15% 15/5%-10% 10/0-5% 5",
            f"缺少{last - 1}–{last}年主营业务收入或基数为0",
            CLAUSE,
        ),
        band_item(
            "S4_debt",
            "上年末资产负债率",
            "成长性",
            debt,
            bands["debt"],
            10,
            "55%以下10/55%-75% 5/75%以上0",
            f"缺少{last}年资产负债数据",
            CLAUSE,
        ),
        _field(facts),
        band_item(
            "S6_main_share",
            "主营业务收入占营业收入比重",
            "专业化",
            share(facts, last, "main_revenue", "operating_revenue"),
            bands["main_share"],
            20,
            "70%以上20/60%-70% 15/55%-60% 10/50%-55% 5",
            f"缺少{last}年主营业务收入或营业收入",
            CLAUSE,
        ),
    ]


def _field(facts: EnterpriseFacts) -> CriterionResult:
    name = "主导产品所属领域"
    if facts.strategic_emerging is None:
        return unknown(
            "S5_field", name, "专业化", "未填写是否属于战略性新兴产业", CLAUSE, "属于10/其他5", Decimal(10)
        )
    points = Decimal(10) if facts.strategic_emerging else Decimal(5)
    return scored(
        "S5_field",
        name,
        "专业化",
        str(facts.strategic_emerging),
        "属于战略性新兴产业" if facts.strategic_emerging else "其他领域",
        "属于10/其他5",
        points,
        Decimal(10),
        CLAUSE,
    )


def _routes(facts: EnterpriseFacts, on: date, last: int) -> list[CriterionResult]:
    award, award_text = award_route(facts, on, 3, {"national": None, "provincial": None})
    honour = holds(facts, HONOURS, on)
    institution = any(i.level in {"national", "provincial"} for i in facts.institutions)
    years = years_to(last, 3)
    equity, missing = sum_years(facts, years, "equity_financing")
    equity_status = known(equity >= 500 * WAN, missing)
    return [
        route_result("D1_award", "近三年获得国家级、省级科技奖励", award, award_text, CLAUSE),
        route_result(
            "D2_honour",
            "获得高新技术企业、国家级技术创新示范企业、知识产权优势/示范企业等荣誉（有效期内）",
            PASS if honour else FAIL,
            "持有" if honour else "未持有",
            CLAUSE,
        ),
        route_result(
            "D3_institution",
            "拥有经认定的省部级以上研发机构",
            PASS if institution else FAIL,
            "有" if institution else "无",
            CLAUSE,
        ),
        route_result(
            "D4_equity",
            "近三年新增股权融资总额（合格机构投资者实缴）500万元以上",
            equity_status,
            lambda item: f"¥{format_wan(equity)}" + (f"（缺 {missing} 年数据）" if missing else ""),
            CLAUSE,
        ),
    ]


def evaluate(
    facts: EnterpriseFacts, on: date, settings: Settings, data_year: int | None = None
) -> RuleSetResult:
    when = period(INFO, facts, on, data_year)
    inclusive = settings.innovative_sme_lower_inclusive
    scores = _scores(facts, on, when.data_year, _tables(inclusive))
    routes = _routes(facts, on, when.data_year)
    total = bounds_of(scores)
    groups = [(name, top, group_bounds(scores, name)) for name, top, _ in GROUPS]
    checks = [at_least(total, Decimal(60))] + [
        at_least(group_bounds(scores, name), floor) for name, _, floor in GROUPS
    ]
    by_score = all_of(checks)
    gate = score_criterion(
        "G_score",
        "评价得分≥60分且创新能力≥20、成长性≥15、专业化≥15",
        "评分",
        by_score,
        total,
        "≥60分，各类最低分",
        lambda item: (
            "分项得分：" + "；".join(f"{g} {b[0]}/{t}" for g, t, b in groups) + f"；总分 {item.value_text}"
        ),
        CLAUSE,
        score_gap(total, 60, "评分"),
    )
    status = any_of([by_score, *(r.status for r in routes)])
    route = route_of(by_score, "score", routes)
    reading = "下限含（5.0%计入“5%以上”档）" if inclusive else "下限不含（5.0%计入“3%-5%”档）"
    notes = [
        f"区间边界按设置 innovative_sme_lower_inclusive={inclusive}：{reading}。",
        "资产负债率、增长率、主营占比等“a%-b%”区间同样按此设置读取。",
        f"按{when.data_year}年度数据评价；Ⅰ类知识产权不含受让未满1年者。",
    ]
    return build(INFO, [*scores, gate, *routes], status, route, notes, groups, total, when)


__all__ = ["INFO", "evaluate"]
