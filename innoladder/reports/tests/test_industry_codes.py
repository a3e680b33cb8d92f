"""The GB/T 4754-2017 names read from an industry code, checked against the section ranges the size-class
rules use (eligibility.size_class.SECTIONS, written separately). No database."""

import pytest

from innoladder.eligibility.size_class import SECTIONS as SECTION_RANGES
from innoladder.enterprises.industry_codes import DIVISIONS, SECTIONS, industry_label, name_from_code


def test_twenty_sections_and_ninety_seven_divisions_in_their_ranges():
    assert list(SECTIONS) == [chr(c) for c in range(ord("A"), ord("T") + 1)]
    assert list(DIVISIONS) == [f"{n:02d}" for n in range(1, 98)]
    for code, (section, name) in DIVISIONS.items():
        first, last = SECTION_RANGES[section]
        assert first <= int(code) <= last, code
        assert name and not name[0].isdigit()


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("C2613", "化学原料和化学制品制造业"),
        ("c3217", "有色金属冶炼和压延加工业"),
        (" D4416 ", "电力、热力生产和供应业"),
        ("6510", "软件和信息技术服务业"),
        ("M74", "专业技术服务业"),
        ("I", "信息传输、软件和信息技术服务业"),
        ("T97", "国际组织"),
        ("A01", "农业"),
    ],
)
def test_name_from_code(code, name):
    assert name_from_code(code) == name


@pytest.mark.parametrize("code", ["", "  ", "Z", "C44", "C98", "C1", "C26134", "C26X", "00", "98"])
def test_code_that_names_nothing(code):
    assert name_from_code(code) == ""


def test_recorded_name_first_then_the_code():
    assert industry_label("无机盐制造", "C2613") == "无机盐制造"
    assert industry_label("", "C2613") == "化学原料和化学制品制造业"
    assert industry_label("  ", "N7724") == "生态保护和环境治理业"
    assert industry_label("", "") == ""


@pytest.mark.django_db
def test_statistics_count_an_enterprise_with_a_code_but_no_name_under_its_division(cast):
    from decimal import Decimal

    from innoladder.core.testing.factories import AnnualDataFactory, EnterpriseFactory
    from innoladder.reports import statistics

    wan = Decimal(10000)
    named = EnterpriseFactory(park=cast.park, industry_code="C2622", industry_name="化学原料和化学制品制造业")
    coded = EnterpriseFactory(park=cast.park, industry_code="C2613", industry_name="")
    blank = EnterpriseFactory(park=cast.park, industry_code="", industry_name="")
    AnnualDataFactory(enterprise=named, year=2028, sales_revenue=100 * wan, rd_expense=5 * wan)
    AnnualDataFactory(enterprise=coded, year=2028, sales_revenue=300 * wan, rd_expense=9 * wan)
    AnnualDataFactory(enterprise=blank, year=2028, sales_revenue=50 * wan, rd_expense=1 * wan)
    rows = {r[0]: r for r in statistics.by_industry(cast.officer, cast.park, 2028).rows}
    # The coded enterprise joins the enterprise recorded under the same division name.
    chemistry = rows["化学原料和化学制品制造业"]
    assert chemistry[1:3] == [2, 2] and chemistry[3] == Decimal("400.00") and chemistry[4] == Decimal("14.00")
    unnamed = rows["未填行业"]
    assert unnamed[3] == Decimal("50.00")
    # Everything of the park still adds up to the total, nothing counted twice.
    counted = [r for label, r in rows.items() if label != "合计"]
    assert sum(r[1] for r in counted) == rows["合计"][1]
    assert sum(r[3] for r in counted) == rows["合计"][3]
