"""The public calculator judges 高新技术企业 and says which tiers it cannot judge with its inputs, and why."""

import datetime as dt
import re

import pytest
from freezegun import freeze_time

from innoladder.assessments.calculator import CalculatorForm, limits

TODAYS = ["2026-12-05", "2028-05-10"]
# The day the single-day checks run on, and its last complete fiscal year.
ON = dt.date.fromisoformat(TODAYS[0])
LAST = ON.year - 1


def hnte_ready(on: dt.date, **changes: str) -> dict[str, str]:
    """An enterprise meeting every 高企 condition, with growing sales and net assets and a self-estimate
    of the expert-judged parts high enough that the innovation score is above 70 at its lowest."""
    data = {
        "registered_on": "2015-03-01",
        "registered_in_qinghai": "on",
        "tech_field": "4",
        "strategic_emerging": "on",
        "rd_all_domestic": "on",
        "ip_invention_patent": "1",
        "ip_utility_model": "2",
        "ip_software_copyright": "0",
        "ip_design_patent": "0",
        "ip_used_class_ii": "0",
        "expert_advancement": "8",
        "expert_core_support": "8",
        "expert_management": "20",
    }
    for index, year in enumerate((on.year - 3, on.year - 2, on.year - 1)):
        sales = 4000 + 500 * index  # 4000, 4500, 5000 万: growth about 12%
        data.update(
            {
                f"y{year}_sales_revenue": str(sales),
                f"y{year}_main_revenue": str(sales),
                f"y{year}_total_income": str(sales),
                f"y{year}_non_taxable_income": "0",
                f"y{year}_hitech_revenue": str(sales * 7 // 10),
                f"y{year}_rd_expense": "300",
                f"y{year}_total_cost": str(sales * 8 // 10),
                f"y{year}_net_profit": "400",
                f"y{year}_total_assets": str(7000 + 600 * index),
                f"y{year}_total_liabilities": "3000",
                f"y{year}_equity_financing": "0",
                f"y{year}_employees": "100",
                f"y{year}_tech_staff": "15",
                f"y{year}_rd_staff": "10",
                f"y{year}_tech_conversions": "5",
            }
        )
    data.update(changes)
    return data


def _post(client, data):
    response = client.post("/assessments/calculator/", data)
    assert response.status_code == 200
    return response, response.content.decode()


def _post_on_first_day(client, data):
    with freeze_time(f"{ON} 10:00"):
        return _post(client, data)


def _hnte(response) -> dict:
    return next(block for block in response.context["blocks"] if block["id"] == "hnte")


@pytest.mark.parametrize("today", TODAYS)
def test_the_calculator_judges_hnte_eligible(client, db, today):
    with freeze_time(f"{today} 10:00"):
        on = dt.date.fromisoformat(today)
        response, html = _post(client, hnte_ready(on))
    hnte = _hnte(response)
    assert hnte["outcome"] == "eligible", [r["reason"] for r in hnte["rows"] if r["status"] != "pass"]
    assert 'data-scheme="hnte" data-standing="eligible"' in html
    statuses = {row["code"]: row["status"] for row in hnte["rows"]}
    assert all(
        statuses[code] == "pass" for code in ("K1", "K2", "K3", "K4", "K5", "K5_domestic", "K6", "K7", "K8")
    )
    # the verdict states its base date and the last complete fiscal year
    assert f"基准日 {today} · {on.year - 1}年度数据" in html


@pytest.mark.parametrize(
    ("changes", "code", "words"),
    [
        pytest.param(
            {f"y{LAST}_hitech_revenue": "2500"}, "K6", "高新技术产品(服务)收入还需增加", id="hitech"
        ),
        # 收入总额 5000万 of which 1000万 不征税: 总收入 4000万, 高新收入 3500→2200万 is 55%
        pytest.param(
            {f"y{LAST}_non_taxable_income": "1000", f"y{LAST}_hitech_revenue": "2200"},
            "K6",
            "高新技术产品(服务)收入还需增加",
            id="untaxed",
        ),
        pytest.param({"incident": "on"}, "K8", "", id="incident"),
        pytest.param(
            {"expert_advancement": "0", "expert_core_support": "0", "expert_management": "2"},
            "K7",
            "创新能力评价还差",
            id="low_self_estimate",
        ),
    ],
)
def test_the_calculator_judges_hnte_not_eligible(client, db, changes, code, words):
    response, html = _post_on_first_day(client, hnte_ready(ON, **changes))
    hnte = _hnte(response)
    assert hnte["outcome"] == "not_eligible"
    row = next(r for r in hnte["rows"] if r["code"] == code)
    assert row["status"] == "fail"
    assert words in html
    assert 'data-scheme="hnte" data-standing="eligible"' not in html


def test_without_the_self_estimate_hnte_is_undecided_and_says_why(client, db):
    data = hnte_ready(ON)
    for name in ("expert_advancement", "expert_core_support", "expert_management"):
        data.pop(name)
    response, html = _post_on_first_day(client, data)
    hnte = _hnte(response)
    assert hnte["outcome"] == "insufficient_data"
    assert "需专家评分后才能判定" in html


@pytest.mark.parametrize("today", TODAYS)
def test_the_page_names_the_tiers_it_cannot_judge_and_why(client, db, today):
    with freeze_time(f"{today} 10:00"):
        html = client.get("/assessments/calculator/").content.decode()
        found = {item.scheme: item.reason for item in limits(dt.date.fromisoformat(today))}
    box = html[
        html.index('id="calculator-limits"') : html.index("</div>", html.index('id="calculator-limits"'))
    ]
    shown = re.findall(r'<li data-scheme="([a-z_]+)">', box)
    assert set(shown) == set(found)
    assert {"srdi_sme", "little_giant"} <= set(found)
    assert "hnte" not in found and "tsme" not in found and "qh_tech_enterprise" not in found
    assert "细分市场" in found["srdi_sme"] and "计算器未收集" in found["srdi_sme"]
    assert "尚未" in found["tech_innovative_sme"]  # no encoded criteria in 2026 and later


def test_a_filled_form_leaves_only_the_listed_tiers_undecided(db):
    """The probe behind the list: a complete form decides every tier not listed."""
    form = CalculatorForm(hnte_ready(ON), on=ON)
    assert form.is_valid(), form.errors
    from innoladder import eligibility as e

    listed = {item.scheme for item in limits(ON)}
    for result in e.assess(form.facts(), ON):
        if result.ruleset_id not in listed:
            assert not [
                c.code for c in result.criteria if c.status == "insufficient_data" and "未知" in c.value_text
            ]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("hitech_revenue", "6000", "高新技术产品(服务)收入不能大于收入总额减不征税收入"),
        ("tech_staff", "101", "科技人员不能多于职工总数"),
        ("non_taxable_income", "9000", "不征税收入不能大于收入总额"),
        ("rd_expense", "-5", ""),
    ],
)
def test_impossible_figures_are_refused_in_chinese(client, db, field, value, message):
    response, html = _post_on_first_day(client, hnte_ready(ON, **{f"y{LAST}_{field}": value}))
    assert not response.context["blocks"] and "自评结果" not in html
    errors = response.context["form"].errors[f"y{LAST}_{field}"]
    assert errors and message in errors[0]
