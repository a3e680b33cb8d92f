"""Statistics tables a bureau files upward: enterprises, revenue and R&D by tier, pool, industry and tech
field for a fiscal year, and the period figures of the work report by month. Money is in 万元."""

import calendar
import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from innoladder.core.scoping import for_user
from innoladder.enterprises.choices import EnterpriseStatus, Pool, TechField
from innoladder.enterprises.industry_codes import industry_label
from innoladder.enterprises.models import Enterprise, park_q

from . import providers
from .charts import wan
from .providers import requirement_met
from .tables import GROUP_HEADERS, GROUP_KINDS, Table


def _grouped(
    user, park, year: int, field: str, labels: Callable, title: str, key: str, also: tuple[str, ...] = ()
) -> Table:
    """One row per label: `labels(value of field, *values of also)`; groups with the same label add up."""
    base = for_user(Enterprise.objects.all(), user).filter(
        park_q("park", park), status=EnterpriseStatus.ACTIVE
    )
    in_year = Q(annual_data__year=year)
    rows = (
        base.values(field, *also)
        .annotate(
            n=Count("pk", distinct=True),
            with_data=Count("annual_data", filter=in_year),
            revenue=Sum("annual_data__sales_revenue", filter=in_year),
            rd=Sum("annual_data__rd_expense", filter=in_year),
            staff=Sum("annual_data__tech_staff", filter=in_year),
        )
        .order_by(field, *also)
    )
    merged: dict[str, dict] = {}
    totals = [0, 0, Decimal(0), Decimal(0), None, 0]
    if field == "pool":
        rank = {value: i for i, value in enumerate(Pool.values)}
        rows = sorted(rows, key=lambda r: rank.get(r["pool"], len(rank)))
    for r in rows:
        label = labels(r[field], *(r[name] for name in also))
        if label in merged:
            for name in ("n", "with_data", "revenue", "rd", "staff"):
                merged[label][name] = (merged[label][name] or 0) + (r[name] or 0)
        else:
            merged[label] = dict(r)
    out = []
    for label, r in merged.items():
        revenue, rd = r["revenue"] or Decimal(0), r["rd"] or Decimal(0)
        ratio = (rd / revenue).quantize(Decimal("0.0001")) if revenue else None
        out.append([label, r["n"], r["with_data"], wan(revenue), wan(rd), ratio, r["staff"] or 0])
        totals[0] += r["n"]
        totals[1] += r["with_data"]
        totals[2] += revenue
        totals[3] += rd
        totals[5] += r["staff"] or 0
    ratio = (totals[3] / totals[2]).quantize(Decimal("0.0001")) if totals[2] else None
    out.append([_("合计"), totals[0], totals[1], wan(totals[2]), wan(totals[3]), ratio, totals[5]])
    first = {"industry_name": _("行业"), "tech_field": _("高新技术领域"), "pool": _("培育库")}[field]
    headers = [first, *map(str, GROUP_HEADERS)]
    return Table(key=key, title=title, headers=headers, kinds=["text", *GROUP_KINDS], rows=out)


def by_industry(user, park, year: int) -> Table:
    """Per industry: the recorded name, else the GB/T 4754-2017 division (or section) its code names; 未填行业
    only when neither is recorded."""
    return _grouped(
        user,
        park,
        year,
        "industry_name",
        lambda name, code: industry_label(name, code) or _("未填行业"),
        _("%(year)s年度分行业统计") % {"year": year},
        "industry",
        also=("industry_code",),
    )


def by_tech_field(user, park, year: int) -> Table:
    names = dict(TechField.choices)
    return _grouped(
        user,
        park,
        year,
        "tech_field",
        lambda v: names.get(v, _("未填领域")),
        _("%(year)s年度分技术领域统计") % {"year": year},
        "tech_field",
    )


def by_pool(user, park, year: int) -> Table:
    names = dict(Pool.choices)
    title = _("%(year)s年度分培育库统计") % {"year": year}
    return _grouped(user, park, year, "pool", lambda v: names.get(v, v), title, "pool")


def by_tier(user, park, year: int) -> Table | None:
    """Recognitions valid at the end of the year, per scheme (once the recognitions module exists)."""
    if not requirement_met("recognitions.Recognition"):
        return None
    from .tiers import tier_table

    return tier_table(user, park, year)


def by_month(user, park, year: int) -> Table:
    """The work report's figures month by month: each provider run on each month of the year."""
    found = [p for p in providers.available() if p.section != "next_steps"]
    months = []
    for month in range(1, 13):
        start = dt.date(year, month, 1)
        end = dt.date(year, month, calendar.monthrange(year, month)[1])
        months.append((month, start, end))
    columns: dict[str, str] = {}
    amounts: set[str] = set()
    grid: dict[int, dict[str, object]] = {m: {} for m, _start, _end in months}
    for provider in found:
        for month, start, end in months:
            for fact in provider(user, park, start, end):
                if fact.amount is not None:
                    amounts.add(fact.key)
                label = fact.shown().label
                columns.setdefault(
                    fact.key, _("%(label)s(万元)") % {"label": label} if fact.amount is not None else label
                )
                grid[month][fact.key] = wan(fact.amount) if fact.amount is not None else fact.count
    keys = list(columns)
    rows = [
        [_("%(year)s年%(month)s月") % {"year": year, "month": month}, *[grid[month].get(k, 0) for k in keys]]
        for month, _start, _end in months
    ]
    kinds = ["text"] + ["decimal" if k in amounts else "int" for k in keys]
    return Table(
        key="month",
        title=_("%(year)s年分月工作量统计") % {"year": year},
        headers=[_("月份"), *[columns[k] for k in keys]],
        kinds=kinds,
        rows=rows,
        note=_(
            "按各项记录的日期（认定、走访、立项、登记等）逐月统计，口径与工作总结一致；企业数按月不累加。"
        ),
    )


def all_tables(user, park, year: int) -> list[Table]:
    tables = [by_tier(user, park, year), by_pool(user, park, year), by_industry(user, park, year)]
    tables += [by_tech_field(user, park, year), by_month(user, park, year)]
    return [t for t in tables if t is not None]
