"""Consistency checks run before a ledger figure is used; each warning states the numbers it compares."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

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
    return _("%(amount)s元") % {"amount": f"{value:,.2f}"}


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
                _("辅助账合计与年度数据不一致"),
                _("%(year)s年度辅助账合计%(ledger)s，年度数据研发费用%(annual)s，差额%(gap)s")
                % {
                    "year": year,
                    "ledger": _yuan(ledger_total),
                    "annual": _yuan(annual.rd_expense),
                    "gap": _yuan(ledger_total - annual.rd_expense),
                },
            )
        )
    personnel = totals["personnel"]
    staff = annual.tech_staff if annual is not None else None
    if staff and personnel <= 0:
        found.append(
            Warning(
                "staff_without_personnel",
                _("有科技人员但无人员人工费用"),
                _("年度数据填报科技人员%(staff)s人，辅助账人员人工费用为%(personnel)s")
                % {"staff": staff, "personnel": _yuan(personnel)},
            )
        )
    elif staff and personnel / staff < min_personnel_per_staff:
        found.append(
            Warning(
                "personnel_too_small",
                _("人员人工费用偏低"),
                _("人员人工费用%(personnel)s÷科技人员%(staff)s人=%(each)s/人，低于%(floor)s/人")
                % {
                    "personnel": _yuan(personnel),
                    "staff": staff,
                    "each": _yuan(personnel / staff),
                    "floor": _yuan(min_personnel_per_staff),
                },
            )
        )
    elif personnel > 0 and annual is not None and not staff:
        found.append(
            Warning(
                "personnel_without_staff",
                _("有人员人工费用但未填报科技人员"),
                _("辅助账人员人工费用%(personnel)s，年度数据科技人员为%(staff)s人")
                % {"personnel": _yuan(personnel), "staff": staff or 0},
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
                    _("研发投入强度同比变动过大"),
                    _(
                        "%(year)s年研发费用%(rd)s÷营业收入%(revenue)s=%(ratio)s，"
                        "%(prev_year)s年%(prev_rd)s÷%(prev_revenue)s=%(prev_ratio)s，"
                        "变动%(change)s，超过%(threshold)s"
                    )
                    % {
                        "year": year,
                        "rd": _yuan(ledger_total),
                        "revenue": _yuan(revenue),
                        "ratio": _pct(ratio),
                        "prev_year": year - 1,
                        "prev_rd": _yuan(prev_rd),
                        "prev_revenue": _yuan(prev_revenue),
                        "prev_ratio": _pct(prev_ratio),
                        "change": _pct(change),
                        "threshold": _pct(jump_threshold),
                    },
                )
            )
    return found
