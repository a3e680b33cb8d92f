"""Golmud demo enterprises and the synthetic generator."""

import datetime as dt

from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from innoladder.eligibility import uscc
from innoladder.enterprises import demo, demo_data
from innoladder.enterprises.models import AnnualData, Award, Enterprise, IPRecord, RDInstitution

SCENARIO = (
    "柏丽姿日化 维祥科技 盛隆塑编 蓝科锂业 西豫有色 兰河塑业 藏格锂业 金昆仑 启迪清源新材料 地沣肥业 "
    "盐湖镁业 盐湖股份 东台锂资源 隆盛石化 三元钾肥 海珠镁业 中信国安锂业 香江盐湖 黄河维检"
).split()


def test_demo_load_builds_the_golmud_park(db):
    demo.load()
    demo.load()  # idempotent
    golmud = Enterprise.objects.filter(park__name="格尔木工业园")
    assert 40 <= golmud.count() <= 50
    assert not Enterprise.objects.filter(is_demo=False).exists()
    for short in SCENARIO:
        Enterprise.objects.get(name__contains=short)
    assert Enterprise.objects.get(uscc="91632801AY4CL12T2E").name == "青海蓝科锂业股份有限公司"
    assert Enterprise.objects.get(uscc="91632801H3BJ1XG69Q").name == "格尔木柏丽姿日化有限公司"
    for code in Enterprise.objects.values_list("uscc", flat=True):
        assert uscc.validate(code).ok and code[2:8] in ("632801", "632802")
    years = set(
        AnnualData.objects.filter(enterprise__name__contains="盐湖股份").values_list("year", flat=True)
    )
    assert years == set(demo_data.demo_years(timezone.localdate()))
    assert {2020, 2021, 2022, 2023, 2024} <= years and timezone.localdate().year - 1 in years
    assert Enterprise.objects.get(name__contains="盐湖股份").size_class == "large"
    kinds = set(IPRecord.objects.values_list("kind", flat=True))
    assert {"invention_patent", "utility_model", "software_copyright"} <= kinds
    mg = Award.objects.get(enterprise__name__contains="盐湖镁业")
    assert (mg.name, mg.grade, mg.level, mg.year) == (
        "国际镁科学技术奖",
        "年度创新特别贡献奖",
        "international",
        2022,
    )
    salt = Award.objects.get(enterprise__name__contains="盐湖股份")
    assert (salt.name, salt.level, salt.year, salt.project) == (
        "青海省科学技术进步奖",
        "provincial",
        2022,
        "基于青藏高原光热储能技术研究",
    )
    assert salt.rank > 1  # a participating unit, not the lead
    assert RDInstitution.objects.count() == len(demo_data.INSTITUTIONS)


def _figures(year_from: int, year_to: int):
    return list(
        AnnualData.objects.filter(year__gte=year_from, year__lte=year_to)
        .order_by("enterprise__uscc", "year")
        .values_list("enterprise__uscc", "year", "employees", "sales_revenue", "rd_expense", "tech_staff")
    )


def test_annual_data_reaches_the_last_complete_year_and_keeps_the_recorded_years(db):
    with freeze_time("2026-12-05"):
        demo.load()
    assert set(AnnualData.objects.values_list("year", flat=True)) == {2020, 2021, 2022, 2023, 2024, 2025}
    recorded, year_2025 = _figures(2020, 2024), _figures(2025, 2025)
    ips = set(IPRecord.objects.values_list("number", "granted_on"))
    assert max(granted for _, granted in ips) <= dt.date(2025, 12, 31)
    assert any(granted.year == 2025 for _, granted in ips)
    with freeze_time("2028-03-15"):
        demo.load()
    # Loading later adds the years since and leaves the years already there as they were.
    assert set(AnnualData.objects.values_list("year", flat=True)) == set(range(2020, 2028))
    assert _figures(2020, 2024) == recorded and _figures(2025, 2025) == year_2025
    assert ips < set(IPRecord.objects.values_list("number", "granted_on"))
    # A fresh load on the later date gives the same figures for every year (nothing depends on the load date).
    later = _figures(2020, 2027)
    Enterprise.objects.all().delete()
    with freeze_time("2028-03-15"):
        demo.load()
    assert _figures(2020, 2027) == later
    assert demo_data.demo_years(dt.date(2028, 3, 15)) == tuple(range(2020, 2028))
    assert demo_data.demo_years(dt.date(2031, 1, 2)) == tuple(range(2020, 2031))


def test_each_short_name_matches_exactly_one_demo_enterprise():
    for spec in demo_data.ENTERPRISES:
        assert [e.name for e in demo_data.ENTERPRISES if spec.short in e.name] == [spec.name]


def _snapshot():
    return list(
        Enterprise.objects.order_by("uscc").values_list("uscc", "name", "industry_code", "pool", "size_class")
    ), list(AnnualData.objects.order_by("enterprise__uscc", "year").values_list("year", "operating_revenue"))


def test_generate_demo_is_deterministic_and_valid(db):
    call_command("generate_demo", enterprises=30, years=3, seed=11, until=2024, batch_size=7, verbosity=0)
    first = _snapshot()
    assert Enterprise.objects.count() == 30
    assert all(uscc.validate(code).ok for code, *_ in first[0])
    assert set(AnnualData.objects.values_list("year", flat=True)) <= {2022, 2023, 2024}
    assert IPRecord.objects.exists() and not Enterprise.objects.filter(is_demo=False).exists()
    Enterprise.objects.all().delete()
    call_command("generate_demo", enterprises=30, years=3, seed=11, until=2024, batch_size=30, verbosity=0)
    assert _snapshot() == first
    # A second run adds new, distinct codes.
    call_command("generate_demo", enterprises=5, seed=11, verbosity=0)
    assert Enterprise.objects.values("uscc").distinct().count() == 35
