"""高新技术企业认定 — 国科发火〔2016〕32号 and 工作指引 国科发火〔2016〕195号."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from ..bands import PointRange, table
from ..facts import EnterpriseFacts, IPRecord
from ..gaps import (
    ceil_int,
    count_gap,
    format_wan,
    money_gap,
    money_to_ratio,
    money_to_share,
    points_gap,
    staff_to_share,
)
from ..money import WAN, YI, ZERO
from ..results import UNKNOWN, CriterionResult, Gap, RuleSetResult, Text
from ..settings import Settings
from ._common import (
    all_of,
    at_least,
    build,
    check,
    group_bounds,
    pct,
    period,
    ratio,
    score_criterion,
    scored,
    sum_years,
    unknown,
    valid_ips,
    value_pct,
    year_value,
    years_to,
)
from .versions import info

INFO = info("hnte_2016")
DOC = "国科发火〔2016〕32号"
GUIDE = "国科发火〔2016〕195号"
FIELDS = {
    "1": "电子信息",
    "2": "生物与新医药",
    "3": "航空航天",
    "4": "新材料",
    "5": "高技术服务",
    "6": "新能源与节能",
    "7": "资源与环境",
    "8": "先进制造与自动化",
}
IP_QUANTITY_II = table([("5", (5, 6)), ("3", (3, 4)), ("1", (1, 2))])
CONVERSION = table([("5", (25, 30)), ("4", (19, 24)), ("3", (13, 18)), ("2", (7, 12)), ("1", (1, 6))])
GROWTH = table([("0.35", (9, 10)), ("0.25", (7, 8)), ("0.15", (5, 6)), ("0.05", (3, 4)), (">0", (1, 2))])
HALF = Decimal("0.5")
D60 = Decimal("0.6")


def rd_threshold(last_sales: Decimal) -> Decimal:
    """K5: ≤5,000万 → 5%; >5,000万 and ≤2亿 → 4%; >2亿 → 3% (by last year's sales revenue)."""
    if last_sales <= 5000 * WAN:
        return Decimal("0.05")
    if last_sales <= 2 * YI:
        return Decimal("0.04")
    return Decimal("0.03")


def growth_rate(values: list[Decimal]) -> tuple[Decimal | None, str]:
    """Official growth formula with its special cases; values oldest first (1 to 3 years)."""
    if len(values) < 2:
        return None, "经营不足两年，无法计算增长率，按0分"
    if len(values) == 2:
        first, second = values
        if first == 0:
            return None, "首年数值为0，按0分"
        return second / first - 1, "经营不足三年，按实际经营年限计算"
    first, second, third = values
    if second == 0:
        return None, "第二年数值为0，按0分"
    if first == 0:
        return third / second - 1, "第一年数值为0，按后两年计算"
    return HALF * (second / first + third / second) - 1, "按近三年公式计算"


def _window(facts: EnterpriseFacts, last: int) -> list[int]:
    """近三个会计年度 ending with ``last``, or the actual operating period when shorter."""
    years = years_to(last, 3)
    if facts.registered_on is not None:
        years = [y for y in years if y >= facts.registered_on.year]
    return years


def _k1(facts: EnterpriseFacts, on: date) -> CriterionResult:
    clause = f"{DOC} 第十一条(一)；{GUIDE}"
    if facts.registered_on is None:
        return unknown("K1", "注册成立满一年", "认定条件", "缺少注册日期", clause, "≥365天")
    days = (on - facts.registered_on).days
    gap = None
    if days < 365:
        gap = Gap("registration_days", Decimal(365 - days), "天", f"还需经营 {365 - days} 天方满一年")
    return check("K1", "注册成立满一年", "认定条件", days >= 365, days, f"{days} 天", "≥365天", clause, gap)


def usable_ips(facts: EnterpriseFacts, on: date) -> list[IPRecord]:
    """Valid classed IP core to the main products; a Ⅱ类 IP already used in an HNTE application is spent."""
    return [
        ip
        for ip in valid_ips(facts, on)
        if ip.ip_class == "I" or (ip.ip_class == "II" and not ip.used_in_hnte_application)
    ]


def _k2(facts: EnterpriseFacts, on: date) -> CriterionResult:
    core = usable_ips(facts, on)
    gap = count_gap("ip_core", 1, "项", "还需 {n} 项对主要产品起核心支持作用的知识产权")
    return check(
        "K2",
        "拥有核心支持作用的知识产权",
        "认定条件",
        bool(core),
        len(core),
        f"{len(core)} 项",
        "≥1项",
        f"{DOC} 第十一条(二)",
        gap,
    )


def _k3(facts: EnterpriseFacts) -> CriterionResult:
    clause = f"{DOC} 第十一条(三)"
    if facts.tech_field is None:
        return unknown(
            "K3", "技术属于国家重点支持的高新技术领域", "认定条件", "未填写技术领域", clause, "八大领域之一"
        )
    major = facts.tech_field.strip().split(".")[0]
    name = FIELDS.get(major)
    text = f"{facts.tech_field}（{name}）" if name else facts.tech_field
    return check(
        "K3",
        "技术属于国家重点支持的高新技术领域",
        "认定条件",
        name is not None,
        facts.tech_field,
        text,
        "八大领域之一",
        clause,
    )


def _k4(facts: EnterpriseFacts, year: int) -> CriterionResult:
    staff, employees = year_value(facts, year, "tech_staff"), year_value(facts, year, "employees")
    clause = f"{DOC} 第十一条(四)"
    share = ratio(staff, employees)
    if share is None or staff is None or employees is None:
        return unknown("K4", "科技人员占比", "认定条件", f"缺少{year}年科技人员数或职工总数", clause, "≥10%")

    def gap() -> Gap:
        need = staff_to_share(Decimal("0.1"), int(staff), int(employees))
        return count_gap("tech_staff", need, "人", "还需新增 {n} 名科技人员")

    return check(
        "K4", "科技人员占比", "认定条件", share >= Decimal("0.1"), share, value_pct, "≥10%", clause, gap
    )


def _k5(facts: EnterpriseFacts, last: int) -> list[CriterionResult]:
    clause = f"{DOC} 第十一条(五)"
    years = _window(facts, last)
    name = "近三年研发费用占同期销售收入比例"
    last_sales = year_value(facts, last, "sales_revenue")
    rd, rd_missing = sum_years(facts, years, "rd_expense")
    sales, sales_missing = sum_years(facts, years, "sales_revenue")
    if not years or last_sales is None or rd_missing or sales_missing or sales == 0:
        missing = sorted(set(rd_missing + sales_missing)) or [last]
        ratio_result = unknown(
            "K5", name, "认定条件", f"缺少 {missing} 年研发费用或销售收入", clause, "5%/4%/3%"
        )
    else:
        threshold = rd_threshold(last_sales)
        share = rd / sales

        def gap() -> Gap:
            def basis() -> str:
                return f"按近{len(years)}年销售收入 ¥{format_wan(sales)} 计"

            return money_gap("rd_expense", money_to_ratio(threshold, sales, rd), "研发费用", basis)

        ratio_result = check(
            "K5",
            name,
            "认定条件",
            share >= threshold,
            share,
            value_pct,
            lambda item: f"≥{pct(threshold)}（上年销售收入 ¥{format_wan(last_sales)}）",
            clause,
            gap,
        )
    return [ratio_result, _k5_domestic(facts, years, clause)]


def _k5_domestic(facts: EnterpriseFacts, years: list[int], clause: str) -> CriterionResult:
    name = "境内研发费用占全部研发费用比例"
    total, domestic = ZERO, ZERO
    for year in years:
        rd = year_value(facts, year, "rd_expense")
        inside = year_value(facts, year, "rd_domestic")
        overseas = year_value(facts, year, "rd_entrusted_overseas")
        if inside is None and overseas is not None and rd is not None:
            inside = rd - overseas * Decimal("0.8")
        if rd is None or inside is None:
            return unknown(
                "K5_domestic", name, "认定条件", f"缺少{year}年研发费用或境内研发费用", clause, "≥60%"
            )
        total += rd
        domestic += inside
    share = ratio(domestic, total)
    if share is None:
        return unknown("K5_domestic", name, "认定条件", "研发费用合计为0", clause, "≥60%")

    def gap() -> Gap:
        return money_gap("rd_domestic", money_to_share(D60, domestic, total), "境内研发费用", "")

    return check("K5_domestic", name, "认定条件", share >= D60, share, value_pct, "≥60%", clause, gap)


def _k6(facts: EnterpriseFacts, year: int) -> CriterionResult:
    clause = f"{DOC} 第十一条(六)"
    name = "高新技术产品(服务)收入占总收入比例"
    hitech = year_value(facts, year, "hitech_revenue")
    income = year_value(facts, year, "total_income")
    untaxed = year_value(facts, year, "non_taxable_income")
    if hitech is None or income is None or untaxed is None or income - untaxed <= 0:
        return unknown("K6", name, "认定条件", f"缺少{year}年高新收入、收入总额或不征税收入", clause, "≥60%")
    total = income - untaxed
    share = hitech / total

    def gap() -> Gap:
        return money_gap("hitech_revenue", money_to_share(D60, hitech, total), "高新技术产品(服务)收入", "")

    return check(
        "K6",
        name,
        "认定条件",
        share >= D60,
        share,
        value_pct,
        "≥60%（总收入=收入总额−不征税收入）",
        clause,
        gap,
    )


def _k8(facts: EnterpriseFacts, on: date) -> CriterionResult:
    start = on - timedelta(days=365)
    kinds = {"safety_quality_accident", "environmental_violation"}
    hits = [i for i in facts.incidents if i.kind in kinds and start <= i.occurred_on <= on]
    text = "无" if not hits else "、".join(i.occurred_on.isoformat() for i in hits)
    return check(
        "K8",
        "申请前365天内无重大安全、质量事故或严重环境违法",
        "认定条件",
        not hits,
        len(hits),
        text,
        f"{start.isoformat()} 至 {on.isoformat()} 无",
        f"{DOC} 第十一条(八)",
    )


def _judged(
    code: str,
    name: str,
    group: str,
    given: int | None,
    band: PointRange,
    top: int,
    value_text: Text[CriterionResult],
    clause: str,
    gap: Gap | None = None,
) -> tuple[CriterionResult, str | None]:
    """An expert-judged sub-score: the expert's integer clamped into the band, else the band range."""
    low, high = band
    note = None
    if given is not None:
        points = min(max(Decimal(given), low), high)
        if points != given:
            note = f"{name}：专家分 {given} 超出本档 {low}–{high} 分，已按 {points} 分计"
        return scored(
            code, name, group, given, value_text, _band_text(band), points, Decimal(top), clause, gap
        ), note
    if low == high:
        return scored(
            code, name, group, None, value_text, lambda item: f"本档 {low} 分", low, Decimal(top), clause, gap
        ), None

    def reason(item: CriterionResult) -> str:
        return f"{item.name_zh}：{item.value_text}，本档 {low}–{high} 分，待专家评定"

    return scored(
        code,
        name,
        group,
        None,
        value_text,
        _band_text(band),
        low,
        Decimal(top),
        clause,
        gap,
        points_range=(low, high),
        reason=reason,
    ), None


def _band_text(band: PointRange) -> Text[CriterionResult]:
    return lambda item: f"本档 {band[0]}–{band[1]} 分"


def _ip_scores(facts: EnterpriseFacts, on: date) -> tuple[list[CriterionResult], list[str]]:
    ex, clause, group = facts.expert, f"{GUIDE} 四(二)1", "知识产权"
    ips = usable_ips(facts, on)
    class_i = sum(1 for ip in ips if ip.ip_class == "I")
    class_ii = sum(1 for ip in ips if ip.ip_class == "II")
    has_ip = bool(ips)
    quantity = (Decimal(7), Decimal(8)) if class_i else IP_QUANTITY_II.lookup(Decimal(class_ii))
    q_gap = None if class_i else count_gap("ip_class_i", 1, "项", "还需 {n} 项Ⅰ类知识产权")
    self_made = any(ip.acquisition == "self" for ip in ips)
    acquisition = (Decimal(1), Decimal(6) if self_made else Decimal(3)) if has_ip else (ZERO, ZERO)
    took_part = any(w.level in {"international", "national", "industry"} for w in facts.standards)
    bonus = (Decimal(1), Decimal(2)) if took_part else (ZERO, ZERO)
    judged = [
        _judged(
            "I1_advancement",
            "技术的先进程度",
            group,
            ex.tech_advancement,
            (ZERO, Decimal(8)) if has_ip else (ZERO, ZERO),
            8,
            "专家评定",
            clause,
        ),
        _judged(
            "I2_core_support",
            "对主要产品(服务)的核心支持作用",
            group,
            ex.core_support,
            (ZERO, Decimal(8)) if has_ip else (ZERO, ZERO),
            8,
            "专家评定",
            clause,
        ),
        _judged(
            "I3_quantity",
            "知识产权数量",
            group,
            ex.ip_quantity,
            quantity,
            8,
            f"Ⅰ类 {class_i} 项，可用Ⅱ类 {class_ii} 项",
            clause,
            q_gap,
        ),
        _judged(
            "I4_acquisition",
            "知识产权获得方式",
            group,
            ex.ip_acquisition,
            acquisition,
            6,
            "有自主研发" if self_made else ("仅受让/受赠/并购" if has_ip else "无知识产权"),
            clause,
        ),
        _judged(
            "I5_standards",
            "参与制定标准（加分）",
            group,
            ex.standards_bonus,
            bonus,
            2,
            "参与过" if took_part else "未参与",
            clause,
        ),
    ]
    return [c for c, _ in judged], [n for _, n in judged if n]


def _conversion(facts: EnterpriseFacts, last: int) -> tuple[CriterionResult, str | None]:
    clause = f"{GUIDE} 四(二)2"
    years = _window(facts, last)
    total, missing = sum_years(facts, years, "tech_conversions")
    if missing or not years:
        return unknown(
            "I6_conversion",
            "科技成果转化能力",
            "成果转化",
            f"缺少 {missing} 年科技成果转化数",
            clause,
            "年均≥1项得分",
            Decimal(30),
        ), None
    average = total / len(years)
    edge = CONVERSION.next_edge(average)
    gap = None
    if edge is not None:
        need = ceil_int(edge * len(years) - total)
        gap = count_gap("tech_conversions", need, "项", "近三年还需增加 {n} 项科技成果转化")

    def text(item: CriterionResult) -> str:
        return f"近{len(years)}年共 {total} 项，年均 {average.quantize(Decimal('0.01'))} 项"

    return _judged(
        "I6_conversion",
        "科技成果转化能力",
        "成果转化",
        facts.expert.conversion,
        CONVERSION.lookup(average),
        30,
        text,
        clause,
        gap,
    )


def _growth(facts: EnterpriseFacts, last: int) -> tuple[list[CriterionResult], list[str]]:
    clause = f"{GUIDE} 四(二)4"
    years = _window(facts, last)
    out, notes = [], []
    specs = [
        ("I8_net_asset_growth", "净资产增长率", "net_assets", facts.expert.net_asset_growth),
        ("I9_sales_growth", "销售收入增长率", "sales_revenue", facts.expert.sales_growth),
    ]
    for code, name, attr, given in specs:
        values = []
        for year in years:
            data = facts.year(year)
            value = (
                None
                if data is None
                else (data.net_assets_value() if attr == "net_assets" else data.sales_revenue)
            )
            values.append(value)
        known = [v for v in values if v is not None]
        if len(known) != len(values) or not years:
            out.append(
                unknown(
                    code, name, "企业成长性", f"缺少{name}所需年度数据", clause, "≥35% 得9–10分", Decimal(10)
                )
            )
            continue
        rate, how = growth_rate(known)
        band = GROWTH.lookup(rate) if rate is not None else (ZERO, ZERO)
        item, note = _judged(code, name, "企业成长性", given, band, 10, _growth_text(rate, how), clause)
        out.append(item)
        notes += [note] if note else []
    return out, notes


def _growth_text(rate: Decimal | None, how: str) -> Text[CriterionResult]:
    return lambda item: f"{pct(rate) if rate is not None else '—'}（{how}）"


def evaluate(
    facts: EnterpriseFacts, on: date, settings: Settings, data_year: int | None = None
) -> RuleSetResult:
    when = period(INFO, facts, on, data_year)
    last = when.data_year
    conditions = [
        _k1(facts, on),
        _k2(facts, on),
        _k3(facts),
        _k4(facts, last),
        *_k5(facts, last),
        _k6(facts, last),
    ]
    ip_items, notes = _ip_scores(facts, on)
    conversion, conversion_note = _conversion(facts, last)
    management, management_note = _judged(
        "I7_management",
        "研究开发组织管理水平",
        "研发管理",
        facts.expert.rd_management,
        (ZERO, Decimal(20)),
        20,
        "专家评定",
        f"{GUIDE} 四(二)3",
    )
    growth, growth_notes = _growth(facts, last)
    scores = [*ip_items, conversion, management, *growth]
    notes += [n for n in (conversion_note, management_note) if n] + growth_notes
    groups = [
        ("知识产权", Decimal(30)),
        ("成果转化", Decimal(30)),
        ("研发管理", Decimal(20)),
        ("企业成长性", Decimal(20)),
    ]
    group_values = [(g, top, group_bounds(scores, g, top)) for g, top in groups]
    total = (sum((b[0] for _, _, b in group_values), ZERO), sum((b[1] for _, _, b in group_values), ZERO))
    score_status = at_least(total, Decimal(70), strict=True)
    k7 = score_criterion(
        "K7",
        "企业创新能力评价得分",
        "认定条件",
        score_status,
        total,
        "70分以上（不含70分）",
        lambda item: f"创新能力评价 {item.value_text}，要求高于70分",
        f"{DOC} 第十一条(七)",
        points_gap(Decimal(71) - total[1], "创新能力评价") if total[1] <= 70 else None,
    )
    criteria = [*conditions, k7, _k8(facts, on), *scores]
    status = all_of(c.status for c in [*conditions, k7, criteria[len(conditions) + 1]])
    if any(c.points_range is not None and c.status != UNKNOWN for c in scores):
        notes.append("部分评分项由专家在档内评定，得分以区间表示；未提供专家分时按区间判断。")
    notes.append("其他费用20%限额、委托研发按80%计入等归集口径，须在填报研发费用时已处理。")
    if score_status == UNKNOWN and status == UNKNOWN:
        notes.append("创新能力评价得分区间跨越70分，需专家评分后才能判定。")
    return build(INFO, criteria, status, "score", notes, group_values, total, when)


__all__ = ["INFO", "evaluate", "growth_rate", "rd_threshold"]
