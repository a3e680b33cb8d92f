"""The base date and data year beside every verdict; a missing year said plainly, an earlier one by choice."""

import re

import pytest
from django.utils import timezone
from freezegun import freeze_time

from innoladder.assessments import services
from innoladder.assessments.models import Assessment, SchemeResult
from innoladder.core.models import AuditEntry

from .factories import add_ip, add_years


@pytest.fixture
def ent_2024(cast):
    """ent_a with figures for 2022–2024 only: on 2026-12-05 its 2025 figures are missing."""
    ent = cast.ent_a
    ent.tech_field = "4"
    ent.save()
    add_years(ent, years=(2022, 2023, 2024))
    add_ip(ent)
    return ent


def _run(client, ent, **data):
    return client.post(f"/assessments/enterprise/{ent.pk}/run/", data)


def _verdict_lines(html: str) -> list[str]:
    return re.findall(r'<div class="small verdict-when[^"]*"[^>]*>([^<]*)</div>', html)


@freeze_time("2026-12-05 10:00")
def test_a_missing_data_year_is_stated_beside_every_verdict_and_the_latest_year_offered(
    client, cast, ent_2024
):
    client.force_login(cast.officer)
    _run(client, ent_2024)
    rows = SchemeResult.objects.filter(enterprise=ent_2024, is_latest=True)
    assert {(r.data_year, r.data_year_missing, r.data_year_fallback) for r in rows} == {(2025, True, False)}
    html = client.get(f"/assessments/enterprise/{ent_2024.pk}/").content.decode()
    lines = _verdict_lines(html)
    # once in the ladder and once above the criteria table, for each scheme
    assert len(lines) == 2 * rows.count()
    assert set(lines) == {"基准日 2026-12-05 · 缺少2025年度数据"}
    assert 'id="data-year-offer"' in html
    assert 'name="data_year" value="2024"' in html
    assert "按2024年度数据评估（最近有数据的年度）" in html


@freeze_time("2026-12-05 10:00")
def test_choosing_the_latest_year_with_data_is_stored_and_shown_as_such(client, cast, ent_2024):
    client.force_login(cast.officer)
    _run(client, ent_2024)
    response = _run(client, ent_2024, data_year="2024")
    assert response.status_code == 302
    assessment = Assessment.objects.get(enterprise=ent_2024, is_latest=True)
    assert assessment.data_year == 2024
    rows = list(assessment.scheme_results.all())
    assert {(r.data_year, r.data_year_fallback, r.data_year_missing) for r in rows} == {(2024, True, False)}
    assert {r.data_year_text for r in rows} == {"按2024年度数据评估（最近有数据的年度）"}
    hnte = next(r for r in rows if r.scheme == "hnte")
    assert hnte.outcome != "insufficient_data"  # the 2022–2024 figures decide it
    html = client.get(f"/assessments/enterprise/{ent_2024.pk}/").content.decode()
    assert set(_verdict_lines(html)) == {"基准日 2026-12-05 · 按2024年度数据评估（最近有数据的年度）"}
    assert 'id="data-year-offer"' not in html
    detail = client.get(f"/assessments/{assessment.pk}/").content.decode()
    assert set(_verdict_lines(detail)) == {"基准日 2026-12-05 · 按2024年度数据评估（最近有数据的年度）"}
    assert "评估人选择改按最近有数据的年度评估" in detail
    event = AuditEntry.objects.filter(
        object_type="assessments.Assessment", object_id=str(assessment.pk)
    ).get()
    assert event.changes["after"]["data_year"] == 2024 and "按2024年度数据" in event.message


@freeze_time("2026-12-05 10:00")
@pytest.mark.parametrize(
    ("year", "message"), [("2021", "企业没有2021年度数据"), ("2026", "晚于基准日"), ("abc", "四位年份")]
)
def test_an_unusable_year_is_refused_and_nothing_is_stored(client, cast, ent_2024, year, message):
    client.force_login(cast.officer)
    _run(client, ent_2024)
    before = Assessment.objects.filter(enterprise=ent_2024).count()
    response = _run(client, ent_2024, data_year=year)
    assert Assessment.objects.filter(enterprise=ent_2024).count() == before
    page = client.get(response.url).content.decode()
    assert message in page and "未评估" in page
    htmx = client.post(
        f"/assessments/enterprise/{ent_2024.pk}/run/", {"data_year": year}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert message in htmx and 'id="assessment-panel"' in htmx


@pytest.mark.parametrize(
    ("today", "years", "shown"),
    [("2026-12-05", (2023, 2024, 2025), "2025"), ("2028-03-01", (2025, 2026, 2027), "2027")],
)
def test_the_rules_own_year_with_figures_is_shown_and_nothing_offered(client, cast, today, years, shown):
    ent = cast.ent_a
    ent.tech_field = "4"
    ent.save()
    add_years(ent, years=years)
    add_ip(ent)
    with freeze_time(f"{today} 09:00"):
        # A password set years ago would send the officer to change it first.
        type(cast.officer).objects.filter(pk=cast.officer.pk).update(password_changed_at=timezone.now())
        client.force_login(cast.officer)
        _run(client, ent)
        html = client.get(f"/assessments/enterprise/{ent.pk}/").content.decode()
    assert set(_verdict_lines(html)) == {f"基准日 {today} · {shown}年度数据"}
    assert 'id="data-year-offer"' not in html
    assert set(SchemeResult.objects.filter(enterprise=ent).values_list("data_year", flat=True)) == {
        int(shown)
    }


def test_an_old_assessment_offers_nothing_for_today(client, cast, ent_2024):
    """The offer re-runs the assessment today: one from an earlier fiscal year is re-run first."""
    with freeze_time("2025-12-01 09:00"):
        services.assess_enterprise(user=cast.officer, enterprise=ent_2024)  # reads 2024: present
    with freeze_time("2026-02-01 09:00"):
        services.assess_enterprise(user=cast.officer, enterprise=ent_2024)  # reads 2025: missing
    with freeze_time("2027-01-10 09:00"):
        type(cast.officer).objects.filter(pk=cast.officer.pk).update(password_changed_at=timezone.now())
        client.force_login(cast.officer)
        html = client.get(f"/assessments/enterprise/{ent_2024.pk}/").content.decode()
    assert "缺少2025年度数据" in html and 'id="data-year-offer"' not in html


@freeze_time("2026-12-05 10:00")
def test_a_rule_set_that_reports_no_dates_still_shows_the_stored_base_date_and_year(
    client, cast, ent_2024, monkeypatch
):
    """E.g. a rule set built from an entered rule table: the stored verdict's year stands beside it."""
    from dataclasses import replace

    from innoladder import eligibility as e
    from innoladder.assessments import snapshots

    original = snapshots.RULESETS["hnte_2016"]

    def undated(facts, on, settings, data_year=None):
        result = e.run(original, facts, on, settings, data_year)
        return replace(result, assessed_on=None, data_year=None, rule_data_year=None, data_year_missing=False)

    services.assess_enterprise(user=cast.officer, enterprise=ent_2024)
    monkeypatch.setitem(snapshots.RULESETS, "hnte_2016", e.RuleSet(original.info, undated))
    client.force_login(cast.officer)
    html = client.get(f"/assessments/enterprise/{ent_2024.pk}/").content.decode()
    start = html.index('id="scheme-hnte"')
    section = html[start : html.index("</section>", start)]
    assert _verdict_lines(section) == ["基准日 2026-12-05 · 缺少2025年度数据"]
