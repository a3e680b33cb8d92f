"""Golmud demo enterprises and the synthetic generator."""

from django.core.management import call_command

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
    assert years == {2020, 2021, 2022, 2023, 2024}
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
