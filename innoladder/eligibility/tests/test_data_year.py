"""Which fiscal year each rule set reads on a date; a missing year said plainly; an explicit earlier one."""

from dataclasses import replace
from datetime import date

import pytest

from innoladder.eligibility import (
    DataYearError,
    assess,
    check_data_year,
    fallback_year,
    latest_data_year,
    rule_data_year,
)
from innoladder.eligibility.rulesets import hnte_2016, tsme_2017
from innoladder.eligibility.settings import DEFAULT

from .builders import crit, facts, years

TODAY = date(2026, 12, 5)  # the last complete fiscal year is 2025


def shifted(by: int):  # type: ignore[no-untyped-def]
    """The builders' enterprise with its three years (2022–2024) moved ``by`` years later."""
    return facts(years=tuple(replace(y, year=y.year + by) for y in years()))


@pytest.mark.parametrize(("on", "year"), [(TODAY, 2025), (date(2026, 1, 1), 2025), (date(2028, 3, 1), 2027)])
def test_every_rule_set_reads_the_last_complete_fiscal_year(on: date, year: int) -> None:
    results = assess(shifted(on.year - 2025), on)
    assert {r.data_year for r in results} == {year}
    assert {r.rule_data_year for r in results} == {year}
    assert all(r.assessed_on == on and not r.data_year_fallback for r in results)
    assert not any(r.data_year_missing for r in results)
    assert rule_data_year(on) == year


def test_a_missing_data_year_is_said_plainly() -> None:
    f = facts()  # figures for 2022–2024 only
    results = assess(f, TODAY)
    assert all(r.data_year == 2025 and r.data_year_missing for r in results)
    for result in results:
        assert result.notes[0].startswith("缺少2025年度数据")
    tsme = next(r for r in results if r.ruleset_id == "tsme")
    assert tsme.outcome == "insufficient_data"
    assert crit(tsme, "G2_employees").reason == "缺少2025年职工总数"


def test_the_latest_year_with_data_is_offered_only_when_the_rules_year_is_missing() -> None:
    assert latest_data_year(facts(), TODAY) == 2024
    assert fallback_year(facts(), TODAY) == 2024
    assert fallback_year(shifted(1), TODAY) is None  # 2025 is there: nothing to offer
    assert fallback_year(facts(years=()), TODAY) is None  # no year at all: nothing to offer
    # A year after the rules' year (the current, unfinished one) is never "the latest with data".
    assert latest_data_year(shifted(2), TODAY) == 2025


def test_an_explicit_earlier_year_is_read_and_stated() -> None:
    f = facts()
    chosen = assess(f, TODAY, data_year=2024)
    for result in chosen:
        assert (result.data_year, result.rule_data_year) == (2024, 2025)
        assert result.data_year_fallback and not result.data_year_missing
        assert any(n.startswith("按2024年度数据评估（最近有数据的年度）") for n in result.notes)
    # The same figures read as "last year" on the date one year earlier give the same verdicts.
    year_before = {r.ruleset_id: r.outcome for r in assess(f, date(2025, 12, 5))}
    now = {r.ruleset_id: r.outcome for r in chosen}
    common = sorted(set(now) & set(year_before))
    assert common == ["hnte", "little_giant", "qh_tech_enterprise", "srdi_sme", "tsme"]
    assert {k: now[k] for k in common} == {k: year_before[k] for k in common}


def test_the_hnte_three_year_window_ends_at_the_chosen_year() -> None:
    f = facts()
    result = hnte_2016.evaluate(f, TODAY, DEFAULT, data_year=2024)
    assert crit(result, "K5").status == "pass"
    missing_first = replace(f, years=f.years[1:])  # 2022 missing: the window 2022–2024 is incomplete
    item = crit(hnte_2016.evaluate(missing_first, TODAY, DEFAULT, data_year=2024), "K5")
    assert item.status == "insufficient_data" and "2022" in item.reason


def test_dates_stay_at_the_base_date_when_an_earlier_year_is_chosen() -> None:
    young = facts(registered_on=date(2026, 6, 1))
    result = hnte_2016.evaluate(young, TODAY, DEFAULT, data_year=2024)
    assert crit(result, "K1").value == (TODAY - date(2026, 6, 1)).days


def test_a_later_or_empty_year_cannot_be_chosen() -> None:
    with pytest.raises(DataYearError):
        tsme_2017.evaluate(facts(), TODAY, DEFAULT, data_year=2026)
    with pytest.raises(DataYearError):
        check_data_year(facts(), TODAY, 2026)
    with pytest.raises(DataYearError, match="没有2021年度数据"):
        check_data_year(facts(), TODAY, 2021)
    check_data_year(facts(), TODAY, 2024)  # an earlier year with figures is accepted
