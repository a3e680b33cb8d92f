"""专精特新中小企业 — 工信部企业〔2022〕63号 附件2 (2022 standard; the 2026 revision is not encoded)."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_FLOOR, Decimal
from functools import cache

from ..bands import BandTable, table
from ..facts import EnterpriseFacts
from ..gaps import ceil_fen, format_wan, money_gap, money_to_ratio
from ..money import WAN
from ..results import FAIL, PASS, UNKNOWN, CriterionResult, RuleSetResult, Status
from ..settings import Settings
from ._common import (
    all_of,
    any_of,
    at_least,
    award_route,
    band_item,
    bounds_of,
    build,
    check,
    chuangke_route,
    group_bounds,
    held_check,
    holds,
    known,
    niche_check,
    pct,
    period,
    route_of,
    route_result,
    score_criterion,
    score_gap,
    scored,
    stated,
    sum_years,
    unknown,
    year_value,
    years_to,
)
from ._miit import average_growth, debt_ratio, ip_item, share
from .versions import info

INFO = info("srdi_sme_2022")
CLAUSE = "工信部企业〔2022〕63号 附件2"
INSTITUTION_POINTS = {"national": 10, "provincial": 8, "municipal": 4, "below": 2}
GROUPS = (
    ("专业化", Decimal(25)),
    ("精细化", Decimal(25)),
    ("特色化", Decimal(15)),
    ("创新能力", Decimal(35)),
)
RD_AMOUNT = table([("5000000", 10), ("4000000", 8), ("3000000", 6), ("2000000", 4), ("1000000", 2)])


@cache
def _tables(inclusive: bool) -> dict[str, BandTable]:
    """Band tables for one boundary reading (built once; never mutated)."""
    return {
        "main_share": table([("0.80", 5), ("0.70", 3), ("0.60", 1)], inclusive=inclusive),
        "growth": table([("0.10", 10), ("0.08", 8), ("0.06", 6), ("0.04", 4), ("0", 2)], inclusive=inclusive),
        "margin": table(
            [("0.10", 10), ("0.08", 8), ("0.06", 6), ("0.04", 4), ("0.02", 2)], inclusive=inclusive
        ),
        "debt": table([("0.70", 0), ("0.60", 1), ("0.50", 3)], below=5, inclusive=inclusive),
        "rd_ratio": table(
            [("0.10", 10), ("0.08", 8), ("0.06", 6), ("0.04", 4), ("0.03", 2)], inclusive=inclusive
        ),
        "rd_staff": table([("0.20", 5), ("0.10", 3), ("0.05", 1)], inclusive=inclusive),
    }


def _flag_item(
    code: str,
    name: str,
    group: str,
    value: int | Decimal | str | None,
    points: Decimal,
    top: int,
    text: str,
    threshold: str,
    missing: str,
) -> CriterionResult:
    if value is None:
        return unknown(code, name, group, missing, CLAUSE, threshold, Decimal(top))
    return scored(code, name, group, value, text, threshold, points, Decimal(top), CLAUSE)


def _field_points(facts: EnterpriseFacts) -> tuple[Decimal | None, str]:
    if facts.chain_key_link:
        return Decimal(5), "在产业链关键环节发挥补短板/锻长板/填空白作用"
    if facts.foundation_field or facts.time_honoured_brand or facts.serves_chain_leader:
        return Decimal(3), "属于工业“六基”、中华老字号或为链主企业配套"
    flags = (
        facts.chain_key_link,
        facts.foundation_field,
        facts.time_honoured_brand,
        facts.serves_chain_leader,
    )
    if None in flags:
        return None, "未知"
    return Decimal(0), "不属于"


def _field_item(facts: EnterpriseFacts) -> CriterionResult:
    name, threshold = "主导产品所属领域", "关键环节5/六基·老字号·链主配套3"
    points, text = _field_points(facts)
    if points is None:
        return unknown("S4_field", name, "专业化", "产品领域信息不全", CLAUSE, threshold, Decimal(5))
    if points == 3 and facts.chain_key_link is None:
        reason = f"{name}：{text}，得 3 分；是否位于产业链关键环节未知，可能得 5 分"
        return scored(
            "S4_field",
            name,
            "专业化",
            text,
            text,
            threshold,
            points,
            Decimal(5),
            CLAUSE,
            points_range=(points, Decimal(5)),
            reason=reason,
        )
    return scored("S4_field", name, "专业化", text, text, threshold, points, Decimal(5), CLAUSE)


def _scores(
    facts: EnterpriseFacts, on: date, last: int, bands: dict[str, BandTable]
) -> list[CriterionResult]:
    niche = facts.niche_market_years
    niche_points = (
        None if niche is None else min(Decimal(5), (niche / 2).to_integral_value(rounding=ROUND_FLOOR))
    )
    level = facts.digital_level
    digital = None if level is None else Decimal(5 if level >= 3 else 3 if level == 2 else 0)
    items = facts.quality_items
    quality = None if items is None else Decimal(min(5, 3 * items))
    levels = [INSTITUTION_POINTS.get(i.level, 0) for i in facts.institutions]
    feature = facts.provincial_feature_points
    return [
        band_item(
            "S1_main_share",
            "主营业务收入占营业收入比重",
            "专业化",
            share(facts, last, "main_revenue", "operating_revenue"),
            bands["main_share"],
            5,
            "80%以上5/70%-80% 3/60%-70% 1",
            f"缺少{last}年主营业务收入或营业收入",
            CLAUSE,
        ),
        band_item(
            "S2_growth",
            "近2年主营业务收入平均增长率",
            "专业化",
            average_growth(facts, last, "main_revenue"),
            bands["growth"],
            10,
            "10%以上10/8%-10% 8/6%-8% 6/4%-6% 4/0-4% 2",
            f"缺少{last - 2}–{last}年主营业务收入",
            CLAUSE,
        ),
        _flag_item(
            "S3_niche",
            "从事细分市场年限",
            "专业化",
            niche,
            niche_points or Decimal(0),
            5,
            f"{niche} 年",
            "每满2年得1分，最高5分",
            "未填写细分市场年限",
        ),
        _field_item(facts),
        _flag_item(
            "S5_digital",
            "数字化水平",
            "精细化",
            level,
            digital or Decimal(0),
            5,
            f"{level} 级",
            "三级以上5/二级3/一级0",
            "未填写数字化水平等级",
        ),
        _flag_item(
            "S6_quality",
            "质量管理水平",
            "精细化",
            items,
            quality or Decimal(0),
            5,
            f"{items} 项",
            "每项3分，最高5分",
            "未填写质量管理项目数",
        ),
        band_item(
            "S7_margin",
            "上年净利润率",
            "精细化",
            share(facts, last, "net_profit", "operating_revenue"),
            bands["margin"],
            10,
            "10%以上10/8%-10% 8/…/2%以下0",
            f"缺少{last}年净利润或营业收入",
            CLAUSE,
        ),
        band_item(
            "S8_debt",
            "上年末资产负债率",
            "精细化",
            debt_ratio(facts, last),
            bands["debt"],
            5,
            "50%以下5/50%-60% 3/60%-70% 1/70%以上0",
            f"缺少{last}年资产负债数据",
            CLAUSE,
        ),
        _flag_item(
            "S9_feature",
            "特色化指标（省级制定）",
            "特色化",
            feature,
            feature or Decimal(0),
            15,
            f"{feature} 分",
            "由省级中小企业主管部门确定",
            "青海省特色化指标未编码，需录入省级评分",
        ),
        ip_item("S10_ip", facts, on, (10, 8, 6, 2), CLAUSE),
        _rd_input(facts, last, bands["rd_ratio"]),
        band_item(
            "S12_rd_staff",
            "上年研发人员占比",
            "创新能力",
            share(facts, last, "rd_staff", "employees"),
            bands["rd_staff"],
            5,
            "20%以上5/10%-20% 3/5%-10% 1",
            f"缺少{last}年研发人员数或职工总数",
            CLAUSE,
        ),
        scored(
            "S13_institution",
            "建立研发机构级别",
            "创新能力",
            max(levels, default=0),
            f"最高 {max(levels, default=0)} 分档",
            "国家级10/省级8/市级4/市级以下2",
            Decimal(max(levels, default=0)),
            Decimal(10),
            CLAUSE,
        ),
    ]


def _rd_input(facts: EnterpriseFacts, last: int, ratio_band: BandTable) -> CriterionResult:
    rd = year_value(facts, last, "rd_expense")
    ratio = share(facts, last, "rd_expense", "operating_revenue")
    threshold = "500万或10%以上10/…/100万或3%以上2，取高"
    if rd is None:
        return unknown(
            "S11_rd", "上年研发费用投入", "创新能力", f"缺少{last}年研发费用", CLAUSE, threshold, Decimal(10)
        )
    by_amount = RD_AMOUNT.points(rd)

    def text(item: CriterionResult) -> str:
        return f"¥{format_wan(rd)}，占营业收入 {pct(ratio)}"

    # Without the revenue the ratio's points are open: from the amount's points up to the maximum.
    points = by_amount if ratio is None else max(by_amount, ratio_band.points(ratio))
    points_range = (by_amount, Decimal(10)) if ratio is None else None
    return scored(
        "S11_rd",
        "上年研发费用投入",
        "创新能力",
        rd,
        text,
        threshold,
        points,
        Decimal(10),
        CLAUSE,
        points_range=points_range,
    )


def _base(facts: EnterpriseFacts, on: date, last: int, settings: Settings) -> list[CriterionResult]:
    out = [niche_check(facts, 2, CLAUSE, "B1_niche", "从事特定细分市场时间", "基本条件")]
    rd, operating = year_value(facts, last, "rd_expense"), year_value(facts, last, "operating_revenue")
    if rd is None or operating is None:
        out.append(
            unknown(
                "B2_rd",
                "上年研发费用≥100万元且占营业收入≥3%",
                "基本条件",
                f"缺少{last}年研发费用或营业收入",
                CLAUSE,
                "≥100万元且≥3%",
            )
        )
    else:
        need = max(money_to_ratio(Decimal("0.03"), operating, rd), ceil_fen(100 * WAN - rd), Decimal(0))
        gap = money_gap("rd_expense", need, "研发费用", "按上年营业收入计")
        ok = rd >= 100 * WAN and rd >= Decimal("0.03") * operating
        out.append(
            check(
                "B2_rd",
                "上年研发费用≥100万元且占营业收入≥3%",
                "基本条件",
                ok,
                rd,
                lambda item: f"¥{format_wan(rd)}（{pct(rd / operating) if operating else '—'}）",
                "≥100万元且≥3%",
                CLAUSE,
                gap,
            )
        )
    out.append(_revenue_or_equity(facts, last))
    if settings.srdi_requires_innovative_sme:
        held = holds(facts, ["innovative_sme", "tech_innovative_sme"], on)
        out.append(
            held_check(
                "B0_innovative",
                "已认定为创新型中小企业",
                "基本条件",
                held,
                "有效期内的创新型中小企业",
                "设置 srdi_requires_innovative_sme",
            )
        )
    return out


def _revenue_or_equity(facts: EnterpriseFacts, last: int) -> CriterionResult:
    operating = year_value(facts, last, "operating_revenue")
    equity, missing = sum_years(facts, years_to(last, 2), "equity_financing")
    name = "上年营业收入≥1000万元，或近2年新增股权融资≥2000万元"
    if operating is not None and operating >= 1000 * WAN:
        status: Status = PASS
    elif equity >= 2000 * WAN:
        status = PASS
    elif operating is None or missing:
        status = UNKNOWN
    else:
        status = FAIL

    def text(item: CriterionResult) -> str:
        revenue_text = format_wan(operating) if operating is not None else "未知"
        return f"营业收入 ¥{revenue_text}；近2年股权融资 ¥{format_wan(equity)}"

    gap = None
    if status == FAIL and operating is not None:
        gap = money_gap("operating_revenue", 1000 * WAN - operating, "营业收入", "")
    return stated(
        "B3_revenue",
        name,
        "基本条件",
        status,
        operating,
        text,
        "≥1000万元 或 股权融资≥2000万元",
        CLAUSE,
        gap,
    )


def _routes(facts: EnterpriseFacts, on: date, last: int) -> list[CriterionResult]:
    award, award_text = award_route(facts, on, 3, {"provincial": 3, "national": 5})
    rd, rd_missing = sum_years(facts, years_to(last, 2), "rd_expense")
    equity, equity_missing = sum_years(facts, years_to(last, 2), "equity_financing")
    chuangke, chuangke_text = chuangke_route(facts, on, 3, 500)

    return [
        route_result(
            "D1_award", "近三年获省级科技奖励（前三）或国家级科技奖励（前五）", award, award_text, CLAUSE
        ),
        route_result(
            "D2_rd",
            "近两年研发费用年均≥1000万元",
            known(rd / 2 >= 1000 * WAN, rd_missing),
            lambda item: f"年均 ¥{format_wan(rd / 2)}",
            CLAUSE,
        ),
        route_result(
            "D3_equity",
            "近两年新增股权融资≥6000万元",
            known(equity >= 6000 * WAN, equity_missing),
            lambda item: f"¥{format_wan(equity)}",
            CLAUSE,
        ),
        route_result(
            "D4_chuangke", "近三年「创客中国」大赛全国500强（企业组）", chuangke, chuangke_text, CLAUSE
        ),
    ]


def evaluate(
    facts: EnterpriseFacts, on: date, settings: Settings, data_year: int | None = None
) -> RuleSetResult:
    when = period(INFO, facts, on, data_year)
    inclusive = settings.srdi_sme_lower_inclusive
    base = _base(facts, on, when.data_year, settings)
    scores = _scores(facts, on, when.data_year, _tables(inclusive))
    routes = _routes(facts, on, when.data_year)
    total = bounds_of(scores)
    by_score = at_least(total, Decimal(60))
    b4 = score_criterion(
        "B4_score",
        "评价得分≥60分或符合直通条件之一",
        "基本条件",
        any_of([by_score, *(r.status for r in routes)]),
        total,
        "≥60分",
        lambda item: f"专精特新评价得分 {item.value_text}",
        CLAUSE,
        score_gap(total, 60, "评分"),
    )
    status = all_of([*(c.status for c in base), b4.status])
    route = route_of(by_score, "score", routes)
    groups = [(name, top, group_bounds(scores, name)) for name, top in GROUPS]
    notes = [
        f"区间边界按设置 srdi_sme_lower_inclusive={inclusive}（边界值计入较高数值档）。",
        "是否须先认定为创新型中小企业：设置 "
        f"srdi_requires_innovative_sme={settings.srdi_requires_innovative_sme}"
        "（2022年文本未规定，多省实践要求）。",
        "特色化指标由省级主管部门制定，青海省版本未编码，按录入的省级评分计。",
    ]
    if on.year >= 2026:
        notes.append(
            "2026年1月工信部修订《优质中小企业梯度培育管理办法》，新的专精特新中小企业认定标准尚未编码，"
            "本结果仍按2022年标准计算，仅供参考。"
        )
    return build(INFO, [*base, b4, *scores, *routes], status, route, notes, groups, total, when)


__all__ = ["INFO", "evaluate"]
