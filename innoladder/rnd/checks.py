"""Consistency checks run before a ledger figure is used; each warning states the numbers it compares."""

from dataclasses import dataclass
from decimal import Decimal

from innoladder.enterprises.models import AnnualData, Enterprise

from . import selectors

ZERO = Decimal("0.00")
RATIO_JUMP_THRESHOLD = Decimal("0.5")
# Below this many yuan of 人员人工费用 per 科技人员 a year, the ledger likely misses the staff costs.
MIN_PERSONNEL_PER_TECH_STAFF = Decimal("12000")


@dataclass(frozen=True)
class Warning:
    key: str
    title: str
    text: str


def _yuan(value: Decimal) -> str:
    return f"{value:,.2f}元"


def _pct(value: Decimal) -> str:
    return f"{value * 100:.2f}%"


def _revenue(annual: AnnualData | None) -> Decimal | None:
    if annual is None:
        return None
    for value in (annual.operating_revenue, annual.sales_revenue, annual.main_revenue):
        if value:
            return value
    return None


def warnings_for(
    enterprise: Enterprise,
    year: int,
    *,
    jump_threshold: Decimal = RATIO_JUMP_THRESHOLD,
    min_personnel_per_staff: Decimal = MIN_PERSONNEL_PER_TECH_STAFF,
) -> list[Warning]:
    totals = selectors.ledger_totals(enterprise, year)
    annual = selectors.annual_data(enterprise, year)
    found: list[Warning] = []
    ledger_total = totals["total"]
    if annual is not None and annual.rd_expense is not None and annual.rd_expense != ledger_total:
        found.append(
            Warning(
                "ledger_vs_annual",
                "辅助账合计与年度数据不一致",
                f"{year}年度辅助账合计{_yuan(ledger_total)}，年度数据研发费用{_yuan(annual.rd_expense)}，"
                f"差额{_yuan(ledger_total - annual.rd_expense)}",
            )
        )
    personnel = totals["personnel"]
    staff = annual.tech_staff if annual is not None else None
    if staff and personnel <= 0:
        found.append(
            Warning(
                "staff_without_personnel",
                "有科技人员但无人员人工费用",
                f"年度数据填报科技人员{staff}人，辅助账人员人工费用为{_yuan(personnel)}",
            )
        )
    elif staff and personnel / staff < min_personnel_per_staff:
        found.append(
            Warning(
                "personnel_too_small",
                "人员人工费用偏低",
                f"人员人工费用{_yuan(personnel)}÷科技人员{staff}人={_yuan(personnel / staff)}/人，"
                f"低于{_yuan(min_personnel_per_staff)}/人",
            )
        )
    elif personnel > 0 and annual is not None and not staff:
        found.append(
            Warning(
                "personnel_without_staff",
                "有人员人工费用但未填报科技人员",
                f"辅助账人员人工费用{_yuan(personnel)}，年度数据科技人员为{staff or 0}人",
            )
        )
    revenue = _revenue(annual)
    previous = selectors.annual_data(enterprise, year - 1)
    prev_revenue = _revenue(previous)
    prev_rd = selectors.ledger_totals(enterprise, year - 1)["total"] or (
        previous.rd_expense if previous is not None else None
    )
    if revenue and prev_revenue and prev_rd:
        ratio = ledger_total / revenue
        prev_ratio = prev_rd / prev_revenue
        change = (ratio - prev_ratio) / prev_ratio
        if abs(change) > jump_threshold:
            found.append(
                Warning(
                    "ratio_jump",
                    "研发投入强度同比变动过大",
                    f"{year}年研发费用{_yuan(ledger_total)}÷营业收入{_yuan(revenue)}={_pct(ratio)}，"
                    f"{year - 1}年{_yuan(prev_rd)}÷{_yuan(prev_revenue)}={_pct(prev_ratio)}，"
                    f"变动{_pct(change)}，超过{_pct(jump_threshold)}",
                )
            )
    return found
