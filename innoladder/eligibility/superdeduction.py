"""研发费用加计扣除 (R&D super-deduction) for one enterprise and one tax year.

Rules restated in /work/shared/domain/criteria.md §4:
- rates (§4.1): 50% 2008-2017; 75% 2018-2022; 100% for manufacturing from 2021 (公告2021年第13号),
  for 科技型中小企业 from 2022 (公告2022年第16号), for every enterprise in 2022 Q4 (公告2022年第28号);
  100% for all from 2023 (公告2023年第7号); 120% for 集成电路 and 工业母机 enterprises 2023-2027
  (公告2023年第44号).
  Amortisation of R&D-formed intangibles is deducted at 1 + rate (200% / 220%).
- excluded industries (§4.2): excluded when their revenue is > 50% (exclusive) of
  收入总额 − 不征税收入 − 投资收益; enterprises under 核定征收 are excluded.
- 其他相关费用 cap (§4.4): per project before 2021 (97号), across all projects from 2021 (28号), with the
  four-step allocation to capitalised projects.
- entrusted R&D (§4.3): domestic × 80%; overseas institutions × 80% up to ⅔ of eligible domestic R&D;
  overseas individuals not deductible. Special income (offsets) is deducted from the year's base, floor 0.

Rounding: to the fen, ROUND_HALF_UP, only at the end of each stated step (each cap, each ×80%, each
allocation, the final extra deduction). Ratios are kept unrounded.

Amounts are the enterprise's own share (cooperative R&D) or the share allocated to it (centralised R&D);
splitting them among parties happens before this module.

The A107012 rows are labelled in the spirit of the 2021 form; their line numbers are not reproduced here
because the official annex has not been checked (criteria.md §4.6).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from decimal import ROUND_DOWN, Decimal
from typing import Literal

from .money import FEN, ZERO, fen, yuan

Form = Literal["self", "entrusted_domestic", "entrusted_overseas", "cooperative", "centralised"]
EnterpriseType = Literal["general", "ic", "machine_tool"]
Status = Literal["eligible", "excluded", "insufficient_data"]

ENTRUSTED_SHARE = Decimal("0.8")
OTHER_COSTS_SHARE = Decimal("0.1")
OVERSEAS_CAP_SHARE = Decimal(2) / Decimal(3)
EXCLUDED_INDUSTRY_THRESHOLD = Decimal("0.5")
CAP_REFORM_YEAR = 2021

FORM_LABELS: dict[str, str] = {
    "self": "自主研发",
    "entrusted_domestic": "委托境内研发",
    "entrusted_overseas": "委托境外研发",
    "cooperative": "合作研发",
    "centralised": "集中研发",
}
IN_HOUSE_FORMS = ("self", "cooperative", "centralised")


def pct(value: Decimal) -> str:
    """Format a ratio as a percentage for an explanation line."""
    text = f"{value * 100:.4f}".rstrip("0").rstrip(".")
    return f"{text}%"


@dataclass(frozen=True)
class ProjectCosts:
    """One R&D project's costs for the year, already aggregated from the auxiliary ledger."""

    project_code: str
    name: str
    form: Form
    related_party: bool = False
    capitalised: bool = False
    finished_this_year: bool = False
    overseas_individual: bool = False
    personnel: Decimal = ZERO
    direct_input: Decimal = ZERO
    depreciation: Decimal = ZERO
    amortisation: Decimal = ZERO
    design_fees: Decimal = ZERO
    other_costs: Decimal = ZERO
    entrusted_amount: Decimal = ZERO
    offsets: Decimal = ZERO

    def __post_init__(self) -> None:
        if any(getattr(self, name) < 0 for name in COST_FIELDS):
            raise ValueError(f"研发项目{self.project_code}的费用金额不能为负数")

    @property
    def core_costs(self) -> Decimal:
        """人员人工 + 直接投入 + 折旧 + 无形资产摊销 + 新产品设计费等 (categories 1-5)."""
        return self.personnel + self.direct_input + self.depreciation + self.amortisation + self.design_fees


# The amounts of a project (every ``Decimal`` field of ``ProjectCosts``).
COST_FIELDS = tuple(spec.name for spec in fields(ProjectCosts) if spec.type == "Decimal")


@dataclass(frozen=True)
class DeductionInput:
    """Everything needed for one year's super-deduction.

    ``capitalised_amortisation_base`` is this year's tax amortisation of intangible assets formed from
    R&D (whatever year they were formed). ``q4_2022_share`` is the part of 2022 expenses falling in
    Q4; None means the month-proportion method for a full operating year (3/12), per 公告2022年第28号.
    """

    tax_year: int
    enterprise_type: EnterpriseType
    excluded_industry_revenue: Decimal
    total_income: Decimal
    non_taxable_income: Decimal
    investment_income: Decimal
    deemed_taxation: bool
    projects: tuple[ProjectCosts, ...]
    capitalised_amortisation_base: Decimal = ZERO
    manufacturing: bool = False
    tech_sme: bool = False
    q4_2022_share: Decimal | None = None


@dataclass(frozen=True)
class Figure:
    """A labelled amount with the Chinese line that explains it; `unit` says what the amount counts: yuan
    ("元", most lines), projects ("项") or a rate ("比例", a fraction)."""

    label: str
    amount: Decimal
    explanation: str
    unit: str = "元"


@dataclass(frozen=True)
class RateRule:
    """The extra-deduction rate chosen for the year, and why."""

    rate: Decimal
    explanation: str


@dataclass(frozen=True)
class ProjectLine:
    """One project's figures after the caps that apply to it."""

    project_code: str
    name: str
    form: Form
    capitalised: bool
    included: bool
    core_costs: Decimal
    other_costs_actual: Decimal
    other_costs_cap: Decimal | None
    other_costs_allowed: Decimal
    entrusted_actual: Decimal
    entrusted_eligible: Decimal
    eligible_amount: Decimal
    explanation: tuple[str, ...]


@dataclass(frozen=True)
class DeductionResult:
    """The year's super-deduction with every intermediate figure explained."""

    tax_year: int
    status: Status
    eligibility_reasons: tuple[str, ...]
    rate: RateRule
    projects: tuple[ProjectLine, ...]
    other_costs_cap: Figure
    other_costs_allowed: Figure
    allocation_ratio: Decimal | None
    entrusted_domestic: Figure
    overseas_cap: Figure
    entrusted_overseas: Figure
    expensed_total: Figure
    capitalised_formed_total: Figure
    amortisation: Figure
    offsets: Figure
    deduction_base: Figure
    extra_deduction: Figure
    amortisation_deduction: Figure
    summary_rows: tuple[Figure, ...]
    a107012_rows: tuple[Figure, ...]


def rows_as_tuples(rows: Iterable[Figure]) -> list[tuple[str, Decimal, str]]:
    """Plain (label, amount, explanation) rows for exports."""
    return [(row.label, row.amount, row.explanation) for row in rows]


def rate_for(
    tax_year: int,
    enterprise_type: EnterpriseType,
    manufacturing: bool = False,
    tech_sme: bool = False,
    q4_2022_share: Decimal | None = None,
) -> RateRule:
    """Extra-deduction rate on expensed R&D for a year (criteria.md §4.1)."""
    if tax_year < 2008:
        raise ValueError("2008年以前的加计扣除规则未收录")
    if enterprise_type in ("ic", "machine_tool") and 2023 <= tax_year <= 2027:
        kind = "集成电路企业" if enterprise_type == "ic" else "工业母机企业"
        return RateRule(Decimal("1.2"), f"{kind}2023-2027年按120%加计扣除（公告2023年第44号）")
    note = (
        ""
        if enterprise_type == "general"
        else "；集成电路/工业母机120%政策仅适用于2023-2027年，本年按一般规则"
    )
    if tax_year >= 2023:
        return RateRule(Decimal(1), "2023年起所有符合条件的企业按100%加计扣除（公告2023年第7号）" + note)
    if tax_year <= 2017:
        return RateRule(Decimal("0.5"), "2008-2017年按50%加计扣除" + note)
    if tax_year >= 2021 and manufacturing:
        return RateRule(Decimal(1), "制造业企业2021年起按100%加计扣除（公告2021年第13号）" + note)
    if tax_year == 2022 and tech_sme:
        return RateRule(Decimal(1), "科技型中小企业2022年起按100%加计扣除（公告2022年第16号）" + note)
    if tax_year == 2022:
        share = Decimal(3) / Decimal(12) if q4_2022_share is None else q4_2022_share
        if not ZERO <= share <= 1:
            raise ValueError("2022年第四季度研发费用占比应在0与1之间")
        method = "按经营月份3/12计算" if q4_2022_share is None else "按企业填报的实际发生比例计算"
        rate = Decimal("0.75") + Decimal("0.25") * share
        return RateRule(
            rate,
            f"2022年1-9月按75%、第四季度按100%加计扣除（公告2022年第28号），第四季度占比{pct(share)}"
            f"（{method}），综合比例{pct(rate)}" + note,
        )
    return RateRule(Decimal("0.75"), "2018-2022年按75%加计扣除（财税〔2018〕99号）" + note)


def excluded_industry_test(
    excluded_industry_revenue: Decimal,
    total_income: Decimal,
    non_taxable_income: Decimal,
    investment_income: Decimal,
) -> tuple[Status, str]:
    """Excluded-industry test (criteria.md §4.2): excluded only when the share is above 50%."""
    base = total_income - non_taxable_income - investment_income
    if base <= 0:
        if excluded_industry_revenue <= 0:
            return "eligible", "无负面清单行业收入，不属于不适用加计扣除的行业"
        return "insufficient_data", (
            f"收入总额减除不征税收入和投资收益后为{yuan(base)}，无法计算负面清单行业收入占比，请核实收入数据"
        )
    share = excluded_industry_revenue / base
    text = (
        f"负面清单行业收入{yuan(excluded_industry_revenue)}÷（收入总额{yuan(total_income)}"
        f"−不征税收入{yuan(non_taxable_income)}−投资收益{yuan(investment_income)}）={pct(share)}"
    )
    if share > EXCLUDED_INDUSTRY_THRESHOLD:
        return "excluded", text + "，超过50%，不适用加计扣除（财税〔2015〕119号第四条）"
    return "eligible", text + "，未超过50%，不属于不适用加计扣除的行业"


@dataclass(frozen=True)
class _Cap:
    cap: Decimal
    allowed: Decimal
    per_project_caps: dict[str, Decimal]
    per_project_allowed: dict[str, Decimal]
    ratio: Decimal | None
    explanation: str


def _allocate(
    items: dict[str, Decimal], allowed_total: Decimal, actual_total: Decimal
) -> tuple[dict[str, Decimal], Decimal | None]:
    """Share allowed_total among items in proportion to their actual amounts (four-step method).

    Each share is cut to the fen and the fens left over go to the largest remainders, so the shares
    always add up to allowed_total exactly (rounding each share half up could overshoot it).
    """
    if actual_total <= 0:
        return {code: ZERO for code in items}, None
    ratio = allowed_total / actual_total
    exact = {code: amount * allowed_total / actual_total for code, amount in items.items()}
    shares = {code: value.quantize(FEN, rounding=ROUND_DOWN) for code, value in exact.items()}
    spare = int((allowed_total - sum(shares.values(), ZERO)) / FEN)
    by_remainder = sorted(exact, key=lambda code: exact[code] - shares[code], reverse=True)
    for code in by_remainder[:spare]:
        shares[code] += FEN
    return shares, ratio


def _other_costs_cap(tax_year: int, pool: list[ProjectCosts]) -> _Cap:
    if tax_year < CAP_REFORM_YEAR:
        caps = {p.project_code: fen(p.core_costs * OTHER_COSTS_SHARE / (1 - OTHER_COSTS_SHARE)) for p in pool}
        allowed = {p.project_code: min(p.other_costs, caps[p.project_code]) for p in pool}
        cap_total = sum(caps.values(), ZERO)
        allowed_total = sum(allowed.values(), ZERO)
        return _Cap(
            cap_total,
            allowed_total,
            caps,
            allowed,
            None,
            "2021年以前按项目分别计算其他相关费用限额（国家税务总局公告2015年第97号）："
            "各项目限额=该项目前五类费用×10%÷(1−10%)，各项目取实际发生额与限额孰小，"
            f"限额合计{yuan(cap_total)}，允许扣除合计{yuan(allowed_total)}",
        )
    core_total = sum((p.core_costs for p in pool), ZERO)
    actual_total = sum((p.other_costs for p in pool), ZERO)
    cap = fen(core_total * OTHER_COSTS_SHARE / (1 - OTHER_COSTS_SHARE))
    allowed_total = min(actual_total, cap)
    per_project, ratio = _allocate({p.project_code: p.other_costs for p in pool}, allowed_total, actual_total)
    return _Cap(
        cap,
        allowed_total,
        {},
        per_project,
        ratio,
        "2021年起全部项目合并计算其他相关费用限额（国家税务总局公告2021年第28号第三条）："
        f"前五类费用合计{yuan(core_total)}×10%÷(1−10%)={yuan(cap)}；实际发生{yuan(actual_total)}，"
        f"允许扣除{yuan(allowed_total)}",
    )


def _included(project: ProjectCosts) -> tuple[bool, str]:
    if project.capitalised and not project.finished_this_year:
        return False, "资本化项目本年尚未形成无形资产，不在本年计算（形成无形资产后按摊销额加计扣除）"
    if project.form == "entrusted_overseas" and project.overseas_individual:
        return False, "委托境外个人研发的费用不得加计扣除"
    return True, f"{FORM_LABELS[project.form]}，" + (
        "本年形成无形资产的资本化项目" if project.capitalised else "费用化"
    )


def compute_deduction(data: DeductionInput) -> DeductionResult:
    """Compute the year's super-deduction, its summary rows and A107012-style rows."""
    codes = [p.project_code for p in data.projects]
    if len(set(codes)) != len(codes):
        raise ValueError("研发项目编号重复")
    rate = rate_for(
        data.tax_year, data.enterprise_type, data.manufacturing, data.tech_sme, data.q4_2022_share
    )
    reasons: list[str] = []
    status: Status = "eligible"
    if data.deemed_taxation:
        status = "excluded"
        reasons.append("核定征收企业不适用研发费用加计扣除")
    industry_status, industry_reason = excluded_industry_test(
        data.excluded_industry_revenue, data.total_income, data.non_taxable_income, data.investment_income
    )
    reasons.append(industry_reason)
    if status == "eligible":
        status = industry_status

    decisions = {p.project_code: _included(p) for p in data.projects}
    included = [p for p in data.projects if decisions[p.project_code][0]]
    in_house = [p for p in included if p.form in IN_HOUSE_FORMS]
    cap = _other_costs_cap(data.tax_year, in_house)

    entrusted_eligible = {
        p.project_code: fen(p.entrusted_amount * ENTRUSTED_SHARE)
        for p in included
        if p.form in ("entrusted_domestic", "entrusted_overseas")
    }
    domestic = [p for p in included if p.form == "entrusted_domestic"]
    overseas = [p for p in included if p.form == "entrusted_overseas"]
    domestic_eligible = sum((entrusted_eligible[p.project_code] for p in domestic), ZERO)
    in_house_eligible = sum((p.core_costs for p in in_house), ZERO) + cap.allowed
    overseas_cap = fen((in_house_eligible + domestic_eligible) * OVERSEAS_CAP_SHARE)
    overseas_80 = sum((entrusted_eligible[p.project_code] for p in overseas), ZERO)
    overseas_allowed_total = min(overseas_80, overseas_cap)
    overseas_allowed, _ = _allocate(
        {p.project_code: entrusted_eligible[p.project_code] for p in overseas},
        overseas_allowed_total,
        overseas_80,
    )

    lines: list[ProjectLine] = []
    for p in data.projects:
        ok, why = decisions[p.project_code]
        notes = [why]
        other_allowed = cap.per_project_allowed.get(p.project_code, ZERO) if ok else ZERO
        eligible = ZERO
        if ok and p.form in IN_HOUSE_FORMS:
            eligible = p.core_costs + other_allowed
            notes.append(
                f"前五类费用{yuan(p.core_costs)}，其他相关费用实际{yuan(p.other_costs)}、"
                f"允许{yuan(other_allowed)}，可加计扣除{yuan(eligible)}"
            )
        elif ok:
            share = entrusted_eligible[p.project_code]
            eligible = overseas_allowed[p.project_code] if p.form == "entrusted_overseas" else share
            notes.append(
                f"委托研发实际发生{yuan(p.entrusted_amount)}×80%={yuan(share)}，可加计扣除{yuan(eligible)}"
            )
            if p.related_party:
                notes.append("关联方委托研发，受托方须向委托方提供研发项目费用支出明细")
        if p.form == "cooperative":
            notes.append("合作研发由合作各方就自身实际承担的研发费用分别计算")
        if p.form == "centralised":
            notes.append("集中研发按受益原则分摊后由各成员企业计算")
        lines.append(
            ProjectLine(
                project_code=p.project_code,
                name=p.name,
                form=p.form,
                capitalised=p.capitalised,
                included=ok,
                core_costs=p.core_costs,
                other_costs_actual=p.other_costs,
                other_costs_cap=cap.per_project_caps.get(p.project_code),
                other_costs_allowed=other_allowed,
                entrusted_actual=p.entrusted_amount,
                entrusted_eligible=entrusted_eligible.get(p.project_code, ZERO),
                eligible_amount=eligible,
                explanation=tuple(notes),
            )
        )

    eligible_by_code = {line.project_code: line.eligible_amount for line in lines}
    capitalised_codes = [p.project_code for p in included if p.capitalised]
    capitalised_total = sum((eligible_by_code[c] for c in capitalised_codes), ZERO)
    all_total = in_house_eligible + domestic_eligible + overseas_allowed_total
    expensed = all_total - capitalised_total
    offsets_total = sum((p.offsets for p in data.projects), ZERO)
    amort = data.capitalised_amortisation_base
    base_before = expensed + amort - offsets_total
    base = max(base_before, ZERO)
    applies = status == "eligible"
    extra = fen(base * rate.rate) if applies else ZERO
    amort_extra = fen(amort * rate.rate) if applies else ZERO

    ratio_text = "" if cap.ratio is None else f"；分配比例=允许额÷实际额={pct(cap.ratio)}"
    cap_line = cap.explanation + ratio_text
    # The result's figures, by its field names.
    figures = {
        "other_costs_cap": Figure("其他相关费用限额", cap.cap, cap_line),
        "other_costs_allowed": Figure("经限额调整后的其他相关费用", cap.allowed, cap_line),
        "entrusted_domestic": Figure(
            "委托境内研发允许加计扣除金额",
            domestic_eligible,
            f"委托境内机构或个人研发费用按实际发生额的80%计入，合计{yuan(domestic_eligible)}",
        ),
        "overseas_cap": Figure(
            "委托境外研发限额",
            overseas_cap,
            f"境内符合条件的研发费用{yuan(in_house_eligible + domestic_eligible)}×2/3={yuan(overseas_cap)}"
            "（财税〔2018〕64号）",
        ),
        "entrusted_overseas": Figure(
            "委托境外研发允许加计扣除金额",
            overseas_allowed_total,
            f"委托境外机构研发费用×80%={yuan(overseas_80)}，与限额{yuan(overseas_cap)}孰小，"
            f"取{yuan(overseas_allowed_total)}；委托境外个人的费用不计入",
        ),
        "expensed_total": Figure(
            "费用化部分允许加计扣除的研发费用",
            expensed,
            f"允许加计扣除的研发费用合计{yuan(all_total)}，减本年形成无形资产的资本化部分{yuan(capitalised_total)}",
        ),
        "capitalised_formed_total": Figure(
            "本年形成无形资产的资本化项目可加计扣除的研发费用",
            capitalised_total,
            "资本化项目的其他相关费用按分配比例分摊后计入无形资产计税基础，按摊销额加计扣除"
            f"，合计{yuan(capitalised_total)}",
        ),
        "amortisation": Figure(
            "本年无形资产摊销额（研发形成）",
            amort,
            f"研发形成的无形资产本年摊销{yuan(amort)}，按摊销额的{pct(1 + rate.rate)}税前摊销",
        ),
        "offsets": Figure(
            "减：特殊收入等抵减额",
            offsets_total,
            f"下脚料、残次品、中间试制品等特殊收入合计{yuan(offsets_total)}，从当年研发费用中扣减",
        ),
        "deduction_base": Figure(
            "加计扣除计算基数",
            base,
            f"费用化{yuan(expensed)}+摊销{yuan(amort)}−特殊收入{yuan(offsets_total)}={yuan(base_before)}"
            + ("，不足扣减的按零计算" if base_before < 0 else ""),
        ),
        "extra_deduction": Figure(
            "本年研发费用加计扣除总额",
            extra,
            (
                f"{yuan(base)}×{pct(rate.rate)}={yuan(extra)}；{rate.explanation}"
                if applies
                else "；".join(reasons)
            ),
        ),
        "amortisation_deduction": Figure(
            "其中：无形资产摊销加计扣除额",
            amort_extra,
            f"摊销{yuan(amort)}×{pct(rate.rate)}={yuan(amort_extra)}，"
            f"连同摊销额本身即按{pct(1 + rate.rate)}税前摊销"
            if applies
            else "不适用加计扣除",
        ),
    }
    core_sum = sum((p.core_costs for p in in_house), ZERO)
    other_sum = sum((p.other_costs for p in in_house), ZERO)
    summary = (
        Figure(
            "自主、合作、集中研发前五类费用合计",
            core_sum,
            "人员人工、直接投入、折旧、无形资产摊销、新产品设计费等之和",
        ),
        Figure("其他相关费用合计", other_sum, "自主、合作、集中研发项目实际发生的其他相关费用"),
        figures["other_costs_cap"],
        figures["other_costs_allowed"],
        Figure(
            "委托境内研发费用",
            sum((p.entrusted_amount for p in domestic), ZERO),
            "委托境内机构或个人研发的实际发生额",
        ),
        figures["entrusted_domestic"],
        Figure(
            "委托境外研发费用",
            sum((p.entrusted_amount for p in overseas), ZERO),
            "委托境外机构研发的实际发生额",
        ),
        figures["entrusted_overseas"],
        Figure(
            "允许加计扣除的研发费用合计", all_total, "经限额调整后的自主/合作/集中研发费用+委托境内+委托境外"
        ),
        figures["expensed_total"],
        figures["capitalised_formed_total"],
    )
    a107012 = (
        Figure(
            "本年可享受研发费用加计扣除项目数量", Decimal(len(included)), "计入本年计算的研发项目个数", "项"
        ),
        Figure(
            "自主研发、合作研发、集中研发", core_sum + cap.allowed, "前五类费用+经限额调整后的其他相关费用"
        ),
        figures["entrusted_domestic"],
        figures["entrusted_overseas"],
        figures["expensed_total"],
        figures["amortisation"],
        figures["offsets"],
        figures["deduction_base"],
        Figure("加计扣除比例", rate.rate, rate.explanation, "比例"),
        figures["extra_deduction"],
    )
    return DeductionResult(
        tax_year=data.tax_year,
        status=status,
        eligibility_reasons=tuple(reasons),
        rate=rate,
        projects=tuple(lines),
        allocation_ratio=cap.ratio,
        summary_rows=summary,
        a107012_rows=a107012,
        **figures,
    )
