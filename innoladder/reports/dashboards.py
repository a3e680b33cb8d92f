"""The park overview charts built from the registry (pools, R&D intensity, yearly trends) and, as the modules
land, from recognitions, services, projects and funding (see `dashboard_modules.py`)."""

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from innoladder.core.scoping import for_user
from innoladder.enterprises.choices import EnterpriseStatus, Pool
from innoladder.enterprises.models import AnnualData, Enterprise, park_q

from .charts import CHARTS, Chart, ChartBuilder, chart, enterprises_chart, table_chart, wan
from .providers import requirement_met

# R&D intensity bands (研发费用 ÷ 销售收入), lower bound inclusive.
INTENSITY_BANDS = (
    ("<1%", Decimal("0"), Decimal("0.01")),
    ("1%–3%", Decimal("0.01"), Decimal("0.03")),
    ("3%–4%", Decimal("0.03"), Decimal("0.04")),
    ("4%–5%", Decimal("0.04"), Decimal("0.05")),
    ("5%–10%", Decimal("0.05"), Decimal("0.10")),
    ("≥10%", Decimal("0.10"), None),
)


def park_enterprises(user, park):
    return for_user(Enterprise.objects.all(), user).filter(
        park_q("park", park), status=EnterpriseStatus.ACTIVE
    )


def pool_counts(user, park) -> dict[str, int]:
    """The park's active enterprises counted by pool."""
    return dict(
        park_enterprises(user, park).values_list("pool").annotate(n=Count("pk")).values_list("pool", "n")
    )


def latest_annual(user, park) -> dict[int, AnnualData]:
    """Each active enterprise's latest annual data row (by fiscal year)."""
    rows = (
        for_user(AnnualData.objects.all(), user)
        .filter(park_q("enterprise__park", park), enterprise__status=EnterpriseStatus.ACTIVE)
        .only("enterprise_id", "year", "sales_revenue", "rd_expense")
        .order_by("enterprise_id", "-year")
    )
    latest: dict[int, AnnualData] = {}
    for row in rows:
        latest.setdefault(row.enterprise_id, row)
    return latest


def intensity(row: AnnualData) -> Decimal | None:
    if row.rd_expense is None or not row.sales_revenue:
        return None
    return Decimal(row.rd_expense) / Decimal(row.sales_revenue)


@chart("pools", order=10)
def pools(user, park, on: dt.date):
    counts = pool_counts(user, park)
    rows = [[label, counts.get(value, 0)] for value, label in Pool.choices]
    return enterprises_chart("pools", _("各培育库企业数"), "bar", _("培育库"), rows)


@chart("ladder", order=20)
def ladder(user, park, on: dt.date):
    """The cultivation ladder as a funnel: enterprises at or above each pool, from the widest to the top."""
    counts = pool_counts(user, park)
    order = [value for value, label in Pool.choices]
    rows = []
    for i, (value, label) in enumerate(Pool.choices):
        at_or_above = sum(counts.get(v, 0) for v in order[i:])
        rows.append([label if value else _("全部在园企业"), at_or_above])
    return enterprises_chart("ladder", _("梯度培育漏斗（本级及以上企业数）"), "funnel", _("层级"), rows)


@chart("rd_intensity", order=60)
def rd_intensity(user, park, on: dt.date):
    latest = latest_annual(user, park)
    counts = {label: 0 for label, low, high in INTENSITY_BANDS}
    missing = 0
    for row in latest.values():
        ratio = intensity(row)
        if ratio is None:
            missing += 1
            continue
        for label, low, high in INTENSITY_BANDS:
            if ratio >= low and (high is None or ratio < high):
                counts[label] += 1
                break
    enterprises = park_enterprises(user, park).count()
    missing += enterprises - len(latest)
    rows = [[label, n] for label, n in counts.items()] + [[_("无数据"), missing]]
    return enterprises_chart(
        "rd_intensity",
        _("研发投入强度分布（最近年度研发费用/销售收入）"),
        "bar",
        _("研发投入强度"),
        rows,
        note=_("按每家企业最近一个年度的年度数据计算；高新技术企业门槛为 3%–5%（按上年销售收入分档）。"),
    )


@chart("trends", order=90)
def trends(user, park, on: dt.date):
    rows = (
        for_user(AnnualData.objects.all(), user)
        .filter(park_q("enterprise__park", park), year__lte=on.year)
        .values("year")
        .annotate(revenue=Sum("sales_revenue"), rd=Sum("rd_expense"), n=Count("pk"), staff=Sum("tech_staff"))
        .order_by("year")
    )
    rows = list(rows)[-6:]
    if not rows:
        return None
    return table_chart(
        "trends",
        _("历年销售收入与研发费用合计（万元）"),
        "line",
        [_("年度"), _("填报企业数"), _("销售收入合计(万元)"), _("研发费用合计(万元)"), _("科技人员合计")],
        [[r["year"], r["n"], wan(r["revenue"]), wan(r["rd"]), r["staff"] or 0] for r in rows],
        [{"column": 2, "name": _("销售收入")}, {"column": 3, "name": _("研发费用（右轴）"), "axis": 1}],
        unit=_("万元"),
    )


from . import dashboard_modules  # noqa: E402,F401  (charts of the other modules, registered by requirement)


def available() -> list[ChartBuilder]:
    """The dashboard's charts whose modules are installed (registered here and in dashboard_modules)."""
    found = [c for c in CHARTS if all(requirement_met(spec) for spec in c.requires)]
    return sorted(found, key=lambda c: (c.order, c.key))


def build_all(user, park, on: dt.date) -> list[Chart]:
    charts = []
    for builder in available():
        built = builder.func(user, park, on)
        if built is not None:
            charts.append(built)
    return charts


def build_one(user, park, on: dt.date, key: str) -> Chart | None:
    for builder in available():
        if builder.key == key:
            return builder.func(user, park, on)
    return None
