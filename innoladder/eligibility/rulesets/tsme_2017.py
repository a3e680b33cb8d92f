"""科技型中小企业评价 — 国科发政〔2017〕115号; the 2022 revision 国科发区〔2022〕67号 keeps the same table."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..bands import table
from ..facts import LIST_INCIDENT_KINDS, EnterpriseFacts
from ..gaps import (
    count_gap,
    money_gap,
    money_to_ratio,
    money_to_share,
    staff_to_share,
)
from ..money import YI
from ..results import FAIL, PASS, UNKNOWN, CriterionResult, Gap, RuleSetResult, Status
from ..settings import Settings
from ._common import (
    all_of,
    any_of,
    at_least,
    bounds_of,
    build,
    check,
    flag_check,
    group_bounds,
    holds,
    pct,
    period,
    ratio,
    route_of,
    route_result,
    score_criterion,
    score_gap,
    scored,
    unknown,
    valid_ips,
    value_pct,
    value_people,
    value_wan,
    year_value,
)
from .versions import info

INFO = info("tsme_2017")
DOC = "国科发政〔2017〕115号"

TECH_STAFF = table([("0.30", 20), ("0.25", 16), ("0.20", 12), ("0.15", 8), ("0.10", 4)])
RD_TO_SALES = table([("0.06", 50), ("0.05", 40), ("0.04", 30), ("0.03", 20), ("0.02", 10)])
RD_TO_COST = table([("0.30", 50), ("0.25", 40), ("0.20", 30), ("0.15", 20), ("0.10", 10)])
IP_CLASS_II = table([("4", 24), ("3", 18), ("2", 12), ("1", 6)])
INSTITUTION_KINDS = frozenset(
    {
        "key_lab",
        "engineering_tech_center",
        "engineering_lab",
        "engineering_research_center",
        "enterprise_tech_center",
        "intl_joint_center",
    }
)
G4_KINDS = frozenset({"safety_quality_accident", "environmental_violation", "integrity_breach"})
HIGH_LEVELS = frozenset({"national", "provincial"})


def _gates(facts: EnterpriseFacts, on: date, year: int) -> list[CriterionResult]:
    out = [
        flag_check(
            "G1",
            "境内注册的居民企业",
            "基本条件",
            facts.is_resident,
            f"{DOC} 第六条(一)",
            threshold="在中国境内（不含港澳台）注册的居民企业",
        ),
    ]
    limits = [
        ("G2_employees", "职工总数", "employees", Decimal(500), "≤500人"),
        ("G2_revenue", "年销售收入", "sales_revenue", 2 * YI, "≤2亿元"),
        ("G2_assets", "资产总额", "total_assets", 2 * YI, "≤2亿元"),
    ]
    for code, name, attr, limit, text in limits:
        value = year_value(facts, year, attr)
        clause = f"{DOC} 第六条(二)"
        if value is None:
            out.append(unknown(code, name, "基本条件", f"缺少{year}年{name}", clause, text))
            continue
        shown = value_people if attr == "employees" else value_wan
        out.append(check(code, name, "基本条件", value <= limit, value, shown, text, clause))
    out.append(
        check(
            "G3",
            "产品和服务不属于禁止、限制和淘汰类",
            "基本条件",
            not facts.in_negative_catalogue,
            str(facts.in_negative_catalogue),
            "属于" if facts.in_negative_catalogue else "不属于",
            "不属于国家禁止、限制和淘汰类",
            f"{DOC} 第六条(三)",
        )
    )
    out.append(_incidents(facts, on))
    return out


def _incidents(facts: EnterpriseFacts, on: date) -> CriterionResult:
    start = date(on.year - 1, 1, 1)
    hits = []
    for item in facts.incidents:
        if item.kind in LIST_INCIDENT_KINDS:
            if item.occurred_on <= on and (item.removed_on is None or item.removed_on >= start):
                hits.append(item)
        elif item.kind in G4_KINDS and start <= item.occurred_on <= on:
            hits.append(item)
    text = "无" if not hits else "、".join(f"{item.kind}@{item.occurred_on.isoformat()}" for item in hits)
    return check(
        "G4",
        "上年度及当年无重大事故、违法失信",
        "基本条件",
        not hits,
        len(hits),
        text,
        f"{start.isoformat()} 至 {on.isoformat()} 无重大安全/质量事故、严重环境违法、科研严重失信，"
        "未列入经营异常名录和严重违法失信名单",
        f"{DOC} 第六条(四)",
    )


def _tech_staff(facts: EnterpriseFacts, year: int) -> CriterionResult:
    staff, employees = year_value(facts, year, "tech_staff"), year_value(facts, year, "employees")
    clause, name = f"{DOC} 第七条(一)", "科技人员数占职工总数比例"
    share = ratio(staff, employees)
    if share is None or staff is None or employees is None:
        return unknown(
            "S1_tech_staff",
            name,
            "科技人员",
            f"缺少{year}年科技人员数或职工总数",
            clause,
            "≥10% 得分",
            Decimal(20),
        )
    points = TECH_STAFF.points(share)
    gap = None
    edge = TECH_STAFF.next_edge(share)
    if edge is not None:
        need = staff_to_share(edge, int(staff), int(employees))
        gap = count_gap(
            "tech_staff", need, "人", lambda: "还需新增 {n} 名科技人员（占比达 " + pct(edge) + "）"
        )
    return scored(
        "S1_tech_staff",
        name,
        "科技人员",
        share,
        value_pct,
        "≥30% 得20分，每档5个百分点",
        points,
        Decimal(20),
        clause,
        gap,
    )


def _rd(facts: EnterpriseFacts, year: int) -> CriterionResult:
    rd = year_value(facts, year, "rd_expense")
    sales = year_value(facts, year, "sales_revenue")
    cost = year_value(facts, year, "total_cost")
    clause, name = f"{DOC} 第七条(二)", "研发费用占比（销售收入或成本费用，取高）"
    by_sales, by_cost = ratio(rd, sales), ratio(rd, cost)
    known = [RD_TO_SALES.points(by_sales)] if by_sales is not None else []
    known += [RD_TO_COST.points(by_cost)] if by_cost is not None else []
    if not known or rd is None:
        return unknown(
            "S2_rd",
            name,
            "研发投入",
            f"缺少{year}年研发费用、销售收入或成本费用总额",
            clause,
            "≥2%（销售收入）或 ≥10%（成本费用）得分",
            Decimal(50),
        )
    best = max(known)

    def text(item: CriterionResult) -> str:
        return f"占销售收入 {pct(by_sales)}；占成本费用 {pct(by_cost)}"

    gap = _rd_gap(rd, sales, by_sales, cost, by_cost)
    if len(known) == 2 or best == 50:
        return scored(
            "S2_rd",
            name,
            "研发投入",
            max(x for x in (by_sales, by_cost) if x is not None),
            text,
            "≥6%（销售收入）或 ≥30%（成本费用）得50分",
            best,
            Decimal(50),
            clause,
            gap,
        )
    return scored(
        "S2_rd",
        name,
        "研发投入",
        None,
        text,
        "两种口径取高",
        best,
        Decimal(50),
        clause,
        gap,
        points_range=(best, Decimal(50)),
        reason=lambda item: f"{name}：{item.value_text}；另一口径缺数据，得分在 {best}–50 分之间",
    )


def _rd_gap(
    rd: Decimal,
    sales: Decimal | None,
    by_sales: Decimal | None,
    cost: Decimal | None,
    by_cost: Decimal | None,
) -> Gap | None:
    """Smallest R&D increase that gains a band on either ratio (cost grows with R&D)."""
    options = []
    if sales is not None and by_sales is not None:
        edge = RD_TO_SALES.next_edge(by_sales)
        if edge is not None:
            options.append((money_to_ratio(edge, sales, rd), "按上年销售收入计"))
    if cost is not None and by_cost is not None:
        edge = RD_TO_COST.next_edge(by_cost)
        if edge is not None:
            options.append((money_to_share(edge, rd, cost), "按上年成本费用总额计"))
    if not options:
        return None
    amount, basis = min(options)
    return money_gap("rd_expense", amount, "研发费用", basis)


def _ip(facts: EnterpriseFacts, on: date) -> CriterionResult:
    ips = valid_ips(facts, on)
    class_i = sum(1 for ip in ips if ip.ip_class == "I")
    class_ii = sum(1 for ip in ips if ip.ip_class == "II")
    points = Decimal(30) if class_i else IP_CLASS_II.points(Decimal(class_ii))
    gap = None
    if not class_i:
        gap = count_gap("ip_class_i", 1, "项", "还需 {n} 项Ⅰ类知识产权")
    return scored(
        "S3_ip",
        "科技成果（有效知识产权）",
        "科技成果",
        class_i * 100 + class_ii,
        f"Ⅰ类 {class_i} 项，Ⅱ类 {class_ii} 项",
        "≥1项Ⅰ类 得30分；Ⅱ类 1–4项 6–24分",
        points,
        Decimal(30),
        f"{DOC} 第七条(三)",
        gap,
    )


def _routes(facts: EnterpriseFacts, on: date) -> list[CriterionResult]:
    clause = f"{DOC} 第八条"
    hnte = holds(facts, ["hnte"], on)
    award = FAIL
    for item in facts.awards:
        if item.kind == "sci_tech" and item.level == "national" and on.year - 5 <= item.year <= on.year:
            if item.rank is None:
                award = UNKNOWN if award == FAIL else award
            elif item.rank <= 3:
                award = PASS
    institution = any(i.level in HIGH_LEVELS and i.kind in INSTITUTION_KINDS for i in facts.institutions)
    standard: Status = FAIL
    for work in facts.standards:
        if work.level in {"international", "national", "industry"} and on.year - 5 <= work.year <= on.year:
            if work.rank is None:
                standard = UNKNOWN if standard == FAIL else standard
            elif work.rank <= 5:
                standard = PASS
    return [
        route_result(
            "D1_hnte",
            "拥有有效期内高新技术企业资格证书",
            PASS if hnte else FAIL,
            "持有" if hnte else "未持有",
            f"{clause}(一)",
        ),
        route_result(
            "D2_award", "近五年内获国家级科技奖励并在前三名", award, "见科技奖励记录", f"{clause}(二)"
        ),
        route_result(
            "D3_institution",
            "拥有经认定的省部级以上研发机构",
            PASS if institution else FAIL,
            "有" if institution else "无",
            f"{clause}(三)",
        ),
        route_result(
            "D4_standard",
            "近五年内主导制定国际、国家或行业标准（前五名）",
            standard,
            "见标准记录",
            f"{clause}(四)",
        ),
    ]


def evaluate(
    facts: EnterpriseFacts, on: date, settings: Settings, data_year: int | None = None
) -> RuleSetResult:
    when = period(INFO, facts, on, data_year)
    year = when.data_year
    gates = _gates(facts, on, year)
    staff = _tech_staff(facts, year)
    scores = [staff, _rd(facts, year), _ip(facts, on)]
    routes = _routes(facts, on)
    total = bounds_of(scores)
    staff_nonzero = at_least(staff.point_bounds(), Decimal(0), strict=True)
    by_score = all_of([at_least(total, Decimal(60)), staff_nonzero])
    status = all_of([all_of(c.status for c in gates), any_of([by_score, *(r.status for r in routes)])])
    route = route_of(by_score, "score", routes)
    notes = [
        "2022年修订（国科发区〔2022〕67号）沿用相同的基本条件和评分表；其行政条款未逐条核对。",
        f"按{year}年度数据评价；研发投入取两种口径中得分较高者。",
    ]
    if on.year >= 2026:
        notes.append("2026年起工信部将科技型中小企业并入「科技和创新型中小企业」，新标准尚未编码。")
    if by_score != PASS and total[1] >= 60 and staff_nonzero == FAIL:
        notes.append("科技人员指标得0分，总分再高也不能通过评分条件。")
    groups = [
        (g, top, group_bounds(scores, g))
        for g, top in (("科技人员", Decimal(20)), ("研发投入", Decimal(50)), ("科技成果", Decimal(30)))
    ]
    g5 = score_criterion(
        "G5_score",
        "评价得分≥60分且科技人员得分不为0",
        "评分",
        by_score,
        total,
        "≥60分，科技人员得分>0",
        lambda item: (
            f"评价得分 {item.value_text}；科技人员得分{'不为0' if staff_nonzero == PASS else '为0或未知'}"
        ),
        f"{DOC} 第六条(五)",
        score_gap(total, 60, "评分"),
    )
    criteria = [*gates, *scores, g5, *routes]
    return build(INFO, criteria, status, route, notes, groups, total, when)


__all__ = ["INFO", "evaluate"]
