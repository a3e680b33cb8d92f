"""Helpers shared by the MIIT ladder rule sets (创新型, 专精特新, 小巨人)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..facts import EnterpriseFacts, IPRecord, add_years
from ._common import ratio, valid_ips, year_value

IP_TIERS = ("high_value_i", "self_i", "class_i", "class_ii", "none")
IP_TIER_TEXT = {
    "high_value_i": "有Ⅰ类高价值知识产权",
    "self_i": "有自主研发的Ⅰ类知识产权",
    "class_i": "有Ⅰ类知识产权",
    "class_ii": "有Ⅱ类知识产权",
    "none": "无相关知识产权",
}


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
