"""Period names as a bureau writes them: 2023年上半年, 2023年第一季度, 2023年1月1日至3月15日."""

import calendar
import datetime as dt

from django.utils.translation import gettext as _

QUARTERS = ("第一季度", "第二季度", "第三季度", "第四季度")


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def period_label(start: dt.date, end: dt.date) -> str:
    if start.year == end.year and start.day == 1 and end == _month_end(end.year, end.month):
        year, first, last = start.year, start.month, end.month
        if (first, last) == (1, 12):
            return f"{year}年"
        if (first, last) == (1, 6):
            return f"{year}年上半年"
        if (first, last) == (7, 12):
            return f"{year}年下半年"
        if last - first == 2 and first % 3 == 1:
            return f"{year}年{QUARTERS[first // 3]}"
        if first == last:
            return f"{year}年{first}月"
        return f"{year}年{first}月至{last}月"
    if start.year == end.year:
        return f"{start.year}年{start.month}月{start.day}日至{end.month}月{end.day}日"
    return f"{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日"


def report_title(park, start: dt.date, end: dt.date) -> str:
    return f"{park.name}{period_label(start, end)}科技创新工作总结"


def presets(today: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    """Periods offered with one click: this and last half-year, this and last year."""
    year = today.year
    found = []
    for y in (year, year - 1):
        found.append((_("%(year)s年上半年") % {"year": y}, dt.date(y, 1, 1), dt.date(y, 6, 30)))
        found.append((_("%(year)s年下半年") % {"year": y}, dt.date(y, 7, 1), dt.date(y, 12, 31)))
        found.append((_("%(year)s年") % {"year": y}, dt.date(y, 1, 1), dt.date(y, 12, 31)))
    return [p for p in found if p[1] <= today]
