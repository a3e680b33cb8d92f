"""Demo regions (青海省 > 海西州), the two parks of 海西州, and their enterprises (the Golmud scenario's and
德令哈's) with annual data, IP, awards, standards and institutions.

The scenario's recorded years (2020–2024) keep their figures; annual data and newly granted IP continue
year by year up to the last complete year before the load date, so assessments made today read the
fiscal years they need. Idempotent: rows that already exist are left alone. Everything is marked is_demo
(annual data by its source "demo"). The enterprise list lives in demo_data.py so other apps' loaders can
find names there.
"""

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from .demo_data import (
    AWARDS,
    BASE_YEAR,
    DELINGHA,
    ENTERPRISES,
    GOLMUD,
    HAIXI,
    INCIDENTS,
    INSTITUTIONS,
    REGIONS,
    STANDARDS,
    demo_years,
)
from .generator import annual_series, annual_series_after, make_uscc, plus_years
from .models import (
    AnnualData,
    Award,
    Enterprise,
    Incident,
    IPRecord,
    Park,
    RDInstitution,
    Region,
    StandardWork,
)
from .services import refresh_size_class, search_texts

IP_TITLES = {
    "invention_patent": (
        "一种{p}的制备方法",
        "一种{p}生产中母液循环利用的方法",
        "一种提高{p}收率的工艺",
    ),
    "utility_model": ("一种{p}生产用过滤装置", "一种{p}输送防堵装置", "一种{p}干燥冷却装置"),
    "software_copyright": ("{p}生产过程监控系统V1.0", "{p}质量追溯管理系统V2.0", "设备巡检移动应用V1.0"),
}
# Titles of IP granted after the recorded years ({v}: a software version number).
RECENT_IP_TITLES = {
    "invention_patent": ("一种{p}节能生产工艺", "一种{p}杂质深度去除方法", "一种{p}连续化生产系统及方法"),
    "utility_model": ("一种{p}在线检测装置", "一种{p}自动包装计量装置", "一种{p}余热回收装置"),
    "software_copyright": (
        "{p}能耗管理系统V{v}.0",
        "{p}设备预测性维护平台V{v}.0",
        "{p}安全生产巡检系统V{v}.0",
    ),
}
RECENT_IP_SERIAL = 100  # serials of recent IP start here, after the recorded ones


def park_enterprise(park: Park, short: str) -> Enterprise | None:
    """The park's enterprise named by its short name in the demo data (the first registered whose name
    contains it), or None while it is not registered; the other apps' demo loaders find theirs this way."""
    return Enterprise.objects.filter(park=park, name__contains=short).order_by("pk").first()


def _regions() -> dict[str, Region]:
    found: dict[str, Region] = {}
    for name, short, level, code, parent in REGIONS:
        found[name], _ = Region.objects.get_or_create(
            name=name,
            defaults={
                "short_name": short,
                "level": level,
                "division_code": code,
                "parent": found.get(parent),
                "is_demo": True,
            },
        )
    return found


def _parks() -> dict[str, Park]:
    golmud, _ = Park.objects.get_or_create(
        name=GOLMUD,
        defaults={
            "short_name": "格尔木",
            "division_code": "632801",
            "is_demo": True,
            "sub_zones": ["察尔汗盐湖工业园", "昆仑经济技术开发区", "藏青工业园"],
        },
    )
    delingha, _ = Park.objects.get_or_create(
        name=DELINGHA, defaults={"short_name": "德令哈", "division_code": "632802", "is_demo": True}
    )
    # Both parks lie in 海西州; a park loaded before regions existed is placed there now.
    Park.objects.filter(pk__in=(golmud.pk, delingha.pk), region__isnull=True).update(region=_regions()[HAIXI])
    return {GOLMUD: golmud, DELINGHA: delingha}


def _phone(i: int) -> str:
    return f"1380979{i:04d}"


def _enterprise(spec, i: int, parks: dict[str, Park]) -> Enterprise:
    code = spec.uscc or make_uscc("MA75", i, parks[spec.park].division_code or "632801")
    existing = Enterprise.objects.filter(uscc=code).first()
    if existing is not None:
        return existing
    tags = list(spec.tags)
    enterprise = Enterprise(
        uscc=code,
        name=spec.name,
        former_names=list(spec.former_names),
        legal_representative="（演示）",
        registered_on=dt.date.fromisoformat(spec.registered),
        registered_capital=Decimal(max(500, spec.revenue_wan // 5) * 10000),
        address=f"青海省{'格尔木市' if spec.park == GOLMUD else '德令哈市'}{spec.sub_zone}",
        park=parks[spec.park],
        sub_zone=spec.sub_zone,
        industry_code=spec.industry_code,
        industry_name=spec.industry_name,
        tech_field=spec.tech_field,
        strategic_emerging=spec.strategic,
        main_products=spec.products,
        contact_name="联络员",
        contact_phone=_phone(i),
        tags=tags,
        **search_texts(spec.former_names, tags),
        pool=spec.pool,
        is_demo=True,
    )
    enterprise.full_clean()
    enterprise.save()
    return enterprise


def _annual(enterprise: Enterprise, spec, today: dt.date) -> None:
    have = set(AnnualData.objects.filter(enterprise=enterprise).values_list("year", flat=True))
    registered = dt.date.fromisoformat(spec.registered).year
    years = [y for y in demo_years(today) if y >= registered]
    scale = {
        "revenue_wan": spec.revenue_wan,
        "employees": spec.employees,
        "rd_ratio": float(spec.rd_ratio),
        "hitech": spec.tech_field != "",
    }
    # The recorded years, backwards from the base year (the generator draws them in that order).
    rows = annual_series(
        random.Random(f"annual-{spec.short}"), years=[y for y in years if y <= BASE_YEAR], **scale
    )
    rows += annual_series_after(f"annual-{spec.short}", base_year=BASE_YEAR, years=years, **scale)
    new = [
        AnnualData(enterprise=enterprise, source="demo", source_note="演示数据", **row)
        for row in rows
        if row["year"] not in have
    ]
    AnnualData.objects.bulk_create(new)
    refresh_size_class(enterprise)


def _ip_counts(spec) -> tuple[tuple[str, int], ...]:
    """The enterprise's recorded IP by kind: (kind, how many)."""
    return (
        ("invention_patent", spec.inventions),
        ("utility_model", spec.utility_models),
        ("software_copyright", spec.software),
    )


def _ip_record(
    enterprise: Enterprise, kind: str, granted: dt.date, i: int, j: int, rng, **fields
) -> IPRecord:
    """The `j`-th IP right of `kind` of the `i`-th enterprise, granted on `granted`: an invention applied for
    500–1000 days before (drawn from `rng`), a utility model 210; patents expire 20 or 10 years on."""
    applied = granted - dt.timedelta(days=rng.randint(500, 1000) if kind == "invention_patent" else 210)
    if kind == "software_copyright":
        number, expires_on = f"{granted.year}SR{i:03d}{j:04d}", None
    else:
        invention = kind == "invention_patent"
        number = f"ZL{applied.year}{'1' if invention else '2'}{i:03d}{j:04d}.{j % 10}"
        expires_on = plus_years(applied, 20 if invention else 10)
    return IPRecord(
        enterprise=enterprise,
        kind=kind,
        number=number,
        applied_on=applied,
        granted_on=granted,
        expires_on=expires_on,
        **fields,
    )


def _ip(enterprise: Enterprise, spec, i: int, today: dt.date) -> None:
    have = set(IPRecord.objects.filter(enterprise=enterprise).values_list("number", flat=True))
    rng = random.Random(f"ip-{spec.short}")
    product = spec.products.split("、")[0]
    registered = dt.date.fromisoformat(spec.registered)
    new = []
    for kind, count in _ip_counts(spec):
        for j in range(count):
            year = rng.randint(max(registered.year + 1, 2014), 2024)
            granted = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
            title = IP_TITLES[kind][j % len(IP_TITLES[kind])].format(p=product) + (
                "" if j < 3 else f"（{j}）"
            )
            record = _ip_record(enterprise, kind, granted, i, j, rng, title=title, core_to_main_product=j < 2)
            if record.number not in have:
                new.append(record)
    new.extend(_recent_ip(enterprise, spec, i, have, today))
    IPRecord.objects.bulk_create(new)


def _recent_ip(enterprise: Enterprise, spec, i: int, have: set[str], today: dt.date) -> list[IPRecord]:
    """IP granted in the years after the recorded ones, at the enterprise's recorded pace (its count over
    ten years); each year draws from its own generator, so a year's grants do not depend on the load date."""
    product = spec.products.split("、")[0]
    found = []
    for year in range(BASE_YEAR + 1, today.year):
        rng = random.Random(f"ip-{spec.short}-{year}")
        for kind, total in _ip_counts(spec):
            pace = total / 10
            count = int(pace) + (1 if rng.random() < pace - int(pace) else 0)
            for n in range(count):
                j = RECENT_IP_SERIAL + (year - BASE_YEAR - 1) * 10 + n
                granted = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
                titles = RECENT_IP_TITLES[kind]
                title = titles[(year + n) % len(titles)].format(p=product, v=year - BASE_YEAR + 1)
                record = _ip_record(
                    enterprise, kind, granted, i, j, rng, title=title, core_to_main_product=n == 0
                )
                if record.number not in have:
                    found.append(record)
    return found


def load() -> None:
    today = timezone.localdate()
    parks = _parks()
    by_short = {}
    for i, spec in enumerate(ENTERPRISES, start=1):
        enterprise = _enterprise(spec, i, parks)
        _annual(enterprise, spec, today)
        _ip(enterprise, spec, i, today)
        by_short[spec.short] = enterprise
    for short, name, level, grade, year, rank, project, awarded_on in AWARDS:
        Award.objects.get_or_create(
            enterprise=by_short[short],
            name=name,
            year=year,
            defaults={
                "level": level,
                "grade": grade,
                "rank": rank,
                "project": project,
                "awarded_on": dt.date.fromisoformat(awarded_on),
            },
        )
    for short, name, kind, level, approved_by, year in INSTITUTIONS:
        RDInstitution.objects.get_or_create(
            enterprise=by_short[short],
            name=name,
            defaults={"kind": kind, "level": level, "approved_by": approved_by, "year": year},
        )
    for short, title, number, level, year, rank in STANDARDS:
        StandardWork.objects.get_or_create(
            enterprise=by_short[short],
            title=title,
            defaults={"number": number, "level": level, "year": year, "rank": rank},
        )
    for short, kind, occurred, removed, description in INCIDENTS:
        Incident.objects.get_or_create(
            enterprise=by_short[short],
            kind=kind,
            occurred_on=dt.date.fromisoformat(occurred),
            defaults={"removed_on": dt.date.fromisoformat(removed), "description": description},
        )
