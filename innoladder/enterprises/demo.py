"""Demo parks and the Golmud scenario's enterprises with annual data, IP, awards, standards and institutions.

Idempotent: rows that already exist are left alone. Everything is marked is_demo (annual data by its
source "demo"). The enterprise list lives in demo_data.py so other apps' loaders can find names there.
"""

import datetime as dt
import random
from decimal import Decimal

from .demo_data import AWARDS, DELINGHA, DEMO_YEARS, ENTERPRISES, GOLMUD, INCIDENTS, INSTITUTIONS, STANDARDS
from .generator import annual_series, make_uscc, plus_years
from .models import AnnualData, Award, Enterprise, Incident, IPRecord, Park, RDInstitution, StandardWork
from .services import refresh_size_class

IP_TITLES = {
    "invention_patent": (
        "一种{p}的制备方法",
        "一种{p}生产中母液循环利用的方法",
        "一种提高{p}收率的工艺",
    ),
    "utility_model": ("一种{p}生产用过滤装置", "一种{p}输送防堵装置", "一种{p}干燥冷却装置"),
    "software_copyright": ("{p}生产过程监控系统V1.0", "{p}质量追溯管理系统V2.0", "设备巡检移动应用V1.0"),
}


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
        former_names_text=" ".join(spec.former_names),
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
        tags_text="|" + "|".join(tags) + "|" if tags else "",
        pool=spec.pool,
        is_demo=True,
    )
    enterprise.full_clean()
    enterprise.save()
    return enterprise


def _annual(enterprise: Enterprise, spec, i: int) -> None:
    have = set(AnnualData.objects.filter(enterprise=enterprise).values_list("year", flat=True))
    registered = dt.date.fromisoformat(spec.registered).year
    years = [y for y in DEMO_YEARS if y >= registered]
    rng = random.Random(f"annual-{spec.short}")
    rows = annual_series(
        rng,
        revenue_wan=spec.revenue_wan,
        employees=spec.employees,
        rd_ratio=float(spec.rd_ratio),
        years=years,
        hitech=spec.tech_field != "",
    )
    new = [
        AnnualData(enterprise=enterprise, source="demo", source_note="演示数据", **row)
        for row in rows
        if row["year"] not in have
    ]
    AnnualData.objects.bulk_create(new)
    refresh_size_class(enterprise)


def _ip(enterprise: Enterprise, spec, i: int) -> None:
    have = set(IPRecord.objects.filter(enterprise=enterprise).values_list("number", flat=True))
    rng = random.Random(f"ip-{spec.short}")
    product = spec.products.split("、")[0]
    registered = dt.date.fromisoformat(spec.registered)
    new = []
    for kind, count in (
        ("invention_patent", spec.inventions),
        ("utility_model", spec.utility_models),
        ("software_copyright", spec.software),
    ):
        for j in range(count):
            year = rng.randint(max(registered.year + 1, 2014), 2024)
            granted = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
            applied = granted - dt.timedelta(
                days=rng.randint(500, 1000) if kind == "invention_patent" else 210
            )
            if kind == "software_copyright":
                number = f"{year}SR{i:03d}{j:04d}"
            else:
                number = (
                    f"ZL{applied.year}{'1' if kind == 'invention_patent' else '2'}{i:03d}{j:04d}.{j % 10}"
                )
            if number in have:
                continue
            lifetime = 20 if kind == "invention_patent" else 10
            new.append(
                IPRecord(
                    enterprise=enterprise,
                    kind=kind,
                    number=number,
                    title=IP_TITLES[kind][j % len(IP_TITLES[kind])].format(p=product)
                    + ("" if j < 3 else f"（{j}）"),
                    applied_on=applied,
                    granted_on=granted,
                    expires_on=None if kind == "software_copyright" else plus_years(applied, lifetime),
                    core_to_main_product=j < 2,
                )
            )
    IPRecord.objects.bulk_create(new)


def load() -> None:
    parks = _parks()
    by_short = {}
    for i, spec in enumerate(ENTERPRISES, start=1):
        enterprise = _enterprise(spec, i, parks)
        _annual(enterprise, spec, i)
        _ip(enterprise, spec, i)
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
