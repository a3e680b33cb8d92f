"""The engine's formatted texts read in English: the R&D super-deduction's rows and explanations, policy
matching's gaps and the rule sets' notes, as the pages translate them (ruletables/english.py), with no
Chinese left."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from innoladder.eligibility import CATALOGUE, Settings
from innoladder.eligibility.superdeduction import DeductionInput, ProjectCosts, compute_deduction
from innoladder.eligibility.tests.builders import facts, years
from innoladder.policies import matching
from innoladder.ruletables import english, wording

D = Decimal


def _input(projects, tax_year=2023, enterprise_type="general", **overrides) -> DeductionInput:
    values = {
        "tax_year": tax_year,
        "enterprise_type": enterprise_type,
        "excluded_industry_revenue": D(0),
        "total_income": D(10000000),
        "non_taxable_income": D(0),
        "investment_income": D(0),
        "deemed_taxation": False,
        "projects": projects,
        **overrides,
    }
    return DeductionInput(**values)


def _own(code, personnel, other, form="self", **kw) -> ProjectCosts:
    return ProjectCosts(code, f"项目{code}", form, personnel=D(personnel), other_costs=D(other), **kw)


def _entrusted(code, form, amount, **kw) -> ProjectCosts:
    return ProjectCosts(code, f"项目{code}", form, entrusted_amount=D(amount), **kw)


PROJECTS = (
    _own("E", "80000", "20000"),
    _own("J", "30000", "1000", form="cooperative"),
    _own("G", "20000", "500", form="centralised"),
    _own("C", "10000", "5000", capitalised=True, finished_this_year=True),
    _own("W", "70000", "9000", capitalised=True, finished_this_year=False),
    _entrusted("D", "entrusted_domestic", "100000", related_party=True),
    _entrusted("O", "entrusted_overseas", "300000"),
    _entrusted("P", "entrusted_overseas", "50000", overseas_individual=True),
)
CASES = {
    "2023, every kind of project": _input(PROJECTS, capitalised_amortisation_base=D(10000)),
    "2020, caps per project": _input(PROJECTS, tax_year=2020),
    "2022, fourth quarter reported": _input(PROJECTS, tax_year=2022, q4_2022_share=D("0.4")),
    "2022, fourth quarter by months": _input(PROJECTS, tax_year=2022),
    "2024, integrated circuits": _input(PROJECTS, tax_year=2024, enterprise_type="ic"),
    "2022, machine tools": _input(PROJECTS, tax_year=2022, enterprise_type="machine_tool"),
    "2015": _input(PROJECTS, tax_year=2015),
    "2021, manufacturer": _input(PROJECTS, tax_year=2021, manufacturing=True),
    "2022, technology-based SME": _input(PROJECTS, tax_year=2022, tech_sme=True),
    "special income above the costs": _input((_own("A", "10000", "0", offsets=D(15000)),)),
    "excluded industry": _input(PROJECTS, excluded_industry_revenue=D(6000000)),
    "industry share not above half": _input(PROJECTS, excluded_industry_revenue=D(4000000)),
    "no usable income base": _input(PROJECTS, total_income=D(0)),
    "deemed taxation": _input(PROJECTS, deemed_taxation=True),
}


def _texts(data: DeductionInput) -> list[str]:
    result = compute_deduction(data)
    rows = [*result.summary_rows, *result.a107012_rows]
    return [
        *(text for row in rows for text in (row.label, row.explanation)),
        result.rate.explanation,
        *result.eligibility_reasons,
        *(text for line in result.projects for text in line.explanation),
    ]


@pytest.mark.parametrize("case", CASES)
def test_every_super_deduction_row_and_explanation_reads_in_english(case):
    texts = _texts(CASES[case])
    with translation.override("en"):
        left = [text for text in texts if english.CJK.search(english.translate(text))]
    assert left == []
    with translation.override("zh-hans"):
        assert [english.translate(text) for text in texts] == texts


def test_super_deduction_explanations_keep_their_figures_in_english_word_order():
    result = compute_deduction(_input((_own("A", "90000", "0", offsets=D(15000)),)))
    with translation.override("en"):
        assert english.translate(result.deduction_base.label) == "Super-deduction base"
        assert english.translate(result.deduction_base.explanation) == (
            "expensed 90,000.00 yuan + amortisation 0.00 yuan − special income 15,000.00 yuan"
            " = 75,000.00 yuan"
        )
        assert english.translate(result.extra_deduction.explanation) == (
            "75,000.00 yuan × 100% = 75,000.00 yuan; "
            "From 2023 every eligible enterprise: 100% super-deduction (Announcement No. 7 of 2023)"
        )


def _match(condition: matching.Condition, **values) -> matching.MatchResult:
    criteria = matching.Criteria(conditions=(condition,))
    facts = matching.Facts(tiers=frozenset(), values={k: D(v) for k, v in values.items()})
    return matching.evaluate(criteria, facts)


@pytest.mark.parametrize(
    ("condition", "values", "english_summary"),
    [
        (
            matching.Condition("employees", "<=", D(300)),
            {"employees": 358},
            "Close: Employees over by 58 people",
        ),
        (
            matching.Condition("employees", "<", D(300)),
            {"employees": 320},
            "Close: Employees must be below 300 people: over by 20 people",
        ),
        (
            matching.Condition("rd_expense", ">", D(1000000)),
            {"rd_expense": 900000},
            "Close: R&D expenses must be above ¥100×10k: needs more than ¥10×10k more",
        ),
    ],
)
def test_a_policy_match_gap_reads_in_english(condition, values, english_summary):
    result = _match(condition, **values)
    assert result.near_miss
    with translation.override("en"):
        assert english.translate(result.summary) == english_summary
    assert english.translate(result.summary) == result.summary  # Chinese pages unchanged


def _notes() -> set[str]:
    """Every rule set's notes over enterprises with and without data, on dates before and after 2026, with
    the settings both ways and with an earlier data year chosen."""
    enterprises = (facts(), facts(years=()), facts(years=years(tech_staff=0)))
    settings = (
        Settings(),
        Settings(
            innovative_sme_lower_inclusive=False,
            srdi_sme_lower_inclusive=False,
            srdi_requires_innovative_sme=True,
        ),
    )
    found = set()
    for ruleset in CATALOGUE:
        for on in (date(2023, 3, 1), date(2025, 6, 1), date(2026, 6, 1)):
            for enterprise in enterprises:
                for setting in settings:
                    for data_year in (None, on.year - 3):
                        found.update(ruleset.evaluate(enterprise, on, setting, data_year).notes)
    return found


def test_every_rule_set_note_reads_in_english():
    notes = sorted(wording.plain(note) for note in _notes())
    assert any("年度数据：基准日" in note for note in notes)  # the data year's notes, formatted
    with translation.override("en"):
        left = [note for note in notes if english.CJK.search(english.translate(note))]
        assert english.translate(
            "缺少2024年度数据：基准日 2025-06-01 应按2024年度（上一个完整会计年度）的数据评价。"
        ) == (
            "No data for 2024: on the base date 2025-06-01 the assessment reads 2024"
            " (the last complete fiscal year)."
        )
    assert left == []


def test_the_rd_shares_of_sales_and_of_costs_each_keep_their_own_words():
    text = "占销售收入 4.02%；占成本费用 4.97%"  # tsme_2017's R&D input value
    with translation.override("en"):
        assert english.translate(text) == "4.02% of sales revenue; 4.97% of total costs and expenses"
        assert english.translate("占销售收入 4.02%") == "4.02% of sales revenue"


@pytest.mark.parametrize(
    ("text", "english_text"),
    [
        ("1 天", "1 day"),
        ("2 天", "2 days"),
        ("11 天", "11 days"),
        ("评分 1 分", "score 1 point"),
        ("评分 1.5 分", "score 1.5 points"),
        ("0–1 分", "0–1 points"),
        ("1 项", "1 item"),
        (
            "尚有1项条件未满足（职工总数），另有2项待补充数据",
            "1 condition not met (Employees), and 2 waiting for data",
        ),
        ("尚有2项条件未满足（职工总数、销售收入）", "2 conditions not met (Employees, Sales revenue)"),
    ],
)
def test_a_count_of_one_takes_the_singular(text, english_text):
    with translation.override("en"):
        assert english.translate(text) == english_text


def test_statements_are_read_one_by_one_before_a_wording_takes_the_whole():
    result = matching.evaluate(
        matching.Criteria(
            conditions=(
                matching.Condition("rd_expense", ">=", D(1000000)),
                matching.Condition("employees", "<=", D(300)),
            )
        ),
        matching.Facts(tiers=frozenset(), values={"rd_expense": D(875000), "employees": D(358)}),
    )
    assert result.summary == "研发费用还需增加 ¥12.5万；职工总数超出 58人"
    with translation.override("en"):
        assert (
            english.translate(result.summary)
            == "R&D expenses: ¥12.5×10k more needed; Employees over by 58 people"
        )


def test_a_policy_match_on_tiers_and_attributes_reads_in_english():
    criteria = matching.Criteria(
        target_tiers=frozenset({"hnte", "tsme"}), tech_fields=frozenset({"4.1"}), strategic_emerging=True
    )
    result = matching.evaluate(
        criteria, matching.Facts(tiers=frozenset(), values={}, strategic_emerging=False)
    )
    with translation.override("en"):
        assert english.translate(result.summary) == (
            "Needs the High and new technology enterprise or Tech-based SME recognition; "
            "No technology field; Not a strategic emerging industry"
        )


def test_a_tier_one_condition_short_with_conditions_waiting_for_data_reads_in_english():
    text = "仅差1项条件（职工总数），另有1项待补充数据；国家级认定，企业所得税可减按15%的税率征收。"
    with translation.override("en"):
        assert english.translate(text) == (
            "one condition short (Employees), and 1 waiting for data; "
            "national recognition: enterprise income tax at the reduced rate of 15%."
        )
