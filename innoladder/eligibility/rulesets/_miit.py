"""Helpers shared by the MIIT ladder rule sets (创新型, 专精特新, 小巨人)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache

from ..facts import EnterpriseFacts, IPRecord, add_years
from ..gaps import money_to_ratio
from ..results import FAIL, PASS, UNKNOWN, CriterionResult, Status
from ._common import ratio, scored, valid_ips, year_value

IP_TIERS = ("high_value_i", "self_i", "class_i", "class_ii", "none")
IP_TIER_TEXT = {
    "high_value_i": "有Ⅰ类高价值知识产权",
    "self_i": "有自主研发的Ⅰ类知识产权",
    "class_i": "有Ⅰ类知识产权",
    "class_ii": "有Ⅱ类知识产权",
    "none": "无相关知识产权",
}


RdYear = tuple[int, Decimal, Decimal] | tuple[int, None, None]


def rd_share_years(
    facts: EnterpriseFacts, last: int, floor: Decimal
) -> tuple[list[Status], Decimal, list[RdYear]]:
    """R&D expense of at least ``floor`` of the operating revenue in each of the two years ending with
    ``last``: each year's status, the R&D still needed (summed over the years) and each year's
    (year, R&D, revenue), (year, None, None) where either is unknown or the revenue is 0."""
    statuses: list[Status] = []
    shortfall = Decimal(0)
    rows: list[RdYear] = []
    for year in (last - 1, last):
        rd, revenue = year_value(facts, year, "rd_expense"), year_value(facts, year, "operating_revenue")
        if rd is None or not revenue:
            statuses.append(UNKNOWN)
            rows.append((year, None, None))
            continue
        statuses.append(PASS if rd / revenue >= floor else FAIL)
        shortfall += money_to_ratio(floor, revenue, rd)
        rows.append((year, rd, revenue))
    return statuses, shortfall, rows


def counted_class_i(facts: EnterpriseFacts, on: date) -> list[IPRecord]:
    """Valid Ⅰ类 IP related to the main product; IP transferred in less than a year ago does not count."""
    out = []
    for ip in valid_ips(facts, on):
        if ip.ip_class != "I":
            continue
        if (
            ip.acquisition != "self"
            and ip.transferred_on is not None
            and add_years(ip.transferred_on, 1) > on
        ):
            continue
        out.append(ip)
    return out


def ip_tier(facts: EnterpriseFacts, on: date) -> str:
    class_i = counted_class_i(facts, on)
    if any(ip.is_high_value(on) for ip in class_i):
        return "high_value_i"
    if any(ip.acquisition == "self" for ip in class_i):
        return "self_i"
    if class_i:
        return "class_i"
    if any(ip.ip_class == "II" for ip in valid_ips(facts, on)):
        return "class_ii"
    return "none"


def ip_item(
    code: str, facts: EnterpriseFacts, on: date, points: tuple[int, int, int, int], clause: str
) -> CriterionResult:
    """The scored 与主导产品相关的有效知识产权 (创新能力) by ``ip_tier``: ``points`` of a high-value Ⅰ类,
    a self-developed Ⅰ类, any Ⅰ类 and a Ⅱ类 (none: 0)."""
    tier = ip_tier(facts, on)
    earned, top, threshold = _ip_scale(points)
    name = "与主导产品相关的有效知识产权"
    return scored(code, name, "创新能力", tier, IP_TIER_TEXT[tier], threshold, earned[tier], top, clause)


@cache
def _ip_scale(points: tuple[int, int, int, int]) -> tuple[dict[str, Decimal], Decimal, str]:
    """``ip_item``'s points by tier, maximum and threshold text (built once per scale)."""
    earned = {tier: Decimal(n) for tier, n in zip(IP_TIERS, (*points, 0), strict=True)}
    return earned, Decimal(points[0]), "Ⅰ类高价值{}/自主Ⅰ类{}/Ⅰ类{}/Ⅱ类{}".format(*points)


def growth(facts: EnterpriseFacts, year: int, attr: str) -> Decimal | None:
    """Growth of ``attr`` in ``year`` over the year before; None when unknown or the base is 0."""
    return _growth(year_value(facts, year, attr), year_value(facts, year - 1, attr))


def _growth(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    if current is None or previous is None or previous == 0:
        return None
    return current / previous - 1


def average_growth(facts: EnterpriseFacts, last: int, attr: str) -> Decimal | None:
    """Average of the last two annual growth rates (years last−1 and last)."""
    first, second = growth(facts, last - 1, attr), growth(facts, last, attr)
    if first is None or second is None:
        return None
    return (first + second) / 2


def share(facts: EnterpriseFacts, year: int, part: str, whole: str) -> Decimal | None:
    return ratio(year_value(facts, year, part), year_value(facts, year, whole))


def debt_ratio(facts: EnterpriseFacts, year: int) -> Decimal | None:
    data = facts.year(year)
    return None if data is None else data.debt_ratio()
