"""One definition of "latest assessment": the candidates list, its label, the dashboard, the home panel and
the enterprise ladder agree; close candidates are ranked and shown with their numeric gap."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from freezegun import freeze_time

from innoladder.assessments import choices as c
from innoladder.assessments import selectors, services
from innoladder.assessments.models import Assessment, SchemeResult
from innoladder.reports import dashboards

from .factories import assess_cast, listed

ON = dt.date(2023, 6, 30)


@pytest.fixture
def assessed(cast):
    """All three enterprises meet every 青海省科技型企业 condition but 科技人员 ≥ 10% for two of them:
    ent_a has 9 of 100 (2 more needed), ent_b 5 of 100 (6 more); the outer park's has 15."""
    return assess_cast(cast, (9, 5, 15), ON)


def _selected_scheme(html: str) -> list[str]:
    select = re.search(r'<select name="scheme".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="([^"]*)" selected>', select)


def _check_label_matches_rows(response, scheme: str) -> None:
    html = response.content.decode()
    assert _selected_scheme(html) == [scheme]
    assert f'<span id="candidate-scheme">{c.SCHEME_NAMES[scheme]}</span>' in html
    assert f'data-scheme="{scheme}"' in html  # the table's
    rows = list(response.context["page"])
    assert all(row.scheme == scheme for row in rows)
    assert re.findall(r'<tr data-scheme="([a-z_]+)"', html) == [scheme] * len(rows)


@pytest.mark.parametrize("today", ["2026-12-05", "2028-03-01"])
def test_default_candidates_show_the_tier_their_label_says(client, assessed, today):
    with freeze_time(today):
        # A password set years ago would send the officer to change it first.
        type(assessed.officer).objects.filter(pk=assessed.officer.pk).update(
            password_changed_at=timezone.now()
        )
        client.force_login(assessed.officer)
        response = client.get("/assessments/candidates/")
    _check_label_matches_rows(response, selectors.DEFAULT_SCHEME)
    assert sorted(listed(response)) == ["企业乙有限公司", "企业甲有限公司"]
    html = response.content.decode()
    assert html.count(">2023-06-30</a>") == 2  # the base date beside each verdict
    assert html.count("2022年度数据") == 2  # and the fiscal year it read


def test_every_tier_lists_its_own_latest_results(client, assessed):
    client.force_login(assessed.admin)
    for scheme, _name in c.SCHEME_CHOICES:
        response = client.get(f"/assessments/candidates/?scheme={scheme}")
        _check_label_matches_rows(response, scheme)
        expected = set(
            SchemeResult.objects.filter(is_latest=True, scheme=scheme)
            .exclude(standing=c.Standing.HELD)
            .values_list("pk", flat=True)
        )
        assert {row.pk for row in response.context["page"]} == expected


def test_an_unknown_tier_says_so_and_shows_the_default(client, assessed):
    client.force_login(assessed.officer)
    response = client.get("/assessments/candidates/?scheme=nonsense&as_of=2023-13-01")
    _check_label_matches_rows(response, selectors.DEFAULT_SCHEME)
    html = response.content.decode()
    assert "所选认定类型不存在" in html and "截至日期" in html
    assert 'value="2023-13-01"' in html  # the wrong date is kept for correcting


def test_close_candidates_are_ranked_by_their_gap_and_show_it(client, assessed):
    client.force_login(assessed.admin)
    response = client.get("/assessments/candidates/?scheme=qh_tech_enterprise")
    # The outer park's enterprise is eligible; of the two close ones ent_a lacks 2 tech staff and ent_b 6:
    # by name 乙 would come before 甲.
    assert listed(response) == ["外园企业有限公司", "企业甲有限公司", "企业乙有限公司"]
    gaps = [row.gap.text for row in response.context["page"]]
    assert gaps == ["", "差 科技人员 2 人", "差 科技人员 6 人"]
    html = response.content.decode()
    assert "差 科技人员 2 人" in html
    export = client.get("/assessments/candidates/export/?scheme=qh_tech_enterprise")
    assert export.status_code == 200


def test_ranking_holds_across_pages(assessed):
    rows = selectors.candidate_list(assessed.admin, {"scheme": "qh_tech_enterprise"})
    whole = [row.enterprise.name for row in rows]
    parts = [row.enterprise.name for start in range(3) for row in rows[start : start + 1]]
    assert whole == parts == ["外园企业有限公司", "企业甲有限公司", "企业乙有限公司"]
    assert rows[1].gap.text == "差 科技人员 2 人" and len(rows) == 3


def test_latest_is_the_latest_base_date_not_the_last_run(client, assessed):
    """A re-run on an earlier base date does not replace the current assessment, and one dated after the
    list's date is not yet the latest; the list, the dashboard, the home panel and the ladder agree."""
    ent = assessed.ent_a
    current = Assessment.objects.get(enterprise=ent)
    services.assess_enterprise(user=assessed.admin, enterprise=ent, on=dt.date(2022, 6, 30))
    future = services.assess_enterprise(user=assessed.admin, enterprise=ent, on=dt.date(2030, 1, 1))
    with freeze_time("2026-12-05"):
        ids = set(
            selectors.latest_assessment_ids(assessed.officer, enterprise=ent).values_list("latest", flat=True)
        )
        assert ids == {current.pk}
        assert selectors.latest_assessment(assessed.officer, ent) == current
        client.force_login(assessed.officer)
        page = client.get("/assessments/candidates/?scheme=qh_tech_enterprise")
        assert {row.assessment_id for row in page.context["page"] if row.enterprise_id == ent.pk} == {
            current.pk
        }
        panel = client.get(f"/assessments/enterprise/{ent.pk}/")
        assert panel.context["assessment"] == current
    with freeze_time("2026-12-05"):
        later = client.get("/assessments/candidates/?scheme=qh_tech_enterprise&as_of=2030-01-01")
    assert {row.assessment_id for row in later.context["page"] if row.enterprise_id == ent.pk} == {future.pk}


def test_dashboard_counts_equal_the_candidates_lists(client, assessed):
    services.assess_enterprise(user=assessed.admin, enterprise=assessed.ent_b, on=dt.date(2022, 6, 30))
    on = dt.date(2026, 12, 5)
    chart = dashboards.build_one(assessed.officer, assessed.park, on, "candidates")
    standings = list(c.Standing)
    labels = dict(c.SCHEME_CHOICES)
    by_label = {row[0]: row[1:] for row in chart.rows}
    for scheme, _name in c.SCHEME_CHOICES:
        counts = by_label.get(labels[scheme], [0] * len(standings))
        for standing, shown in zip(standings, counts, strict=True):
            filters = {"scheme": scheme, "standing": standing, "park": assessed.park.pk, "as_of": on}
            assert shown == selectors.candidate_list(assessed.officer, filters).count(), (scheme, standing)
        not_held = sum(
            n for standing, n in zip(standings, counts, strict=True) if standing != c.Standing.HELD
        )
        listed = selectors.candidate_list(
            assessed.officer, {"scheme": scheme, "park": assessed.park.pk, "as_of": on}
        )
        assert not_held == listed.count()
    # Two enterprises of the park, each counted once per tier it was assessed on.
    assert {sum(row[1:]) for row in chart.rows} == {2}


def test_home_panel_counts_the_same_latest_results(assessed):
    from innoladder.assessments.home import home_panels

    # ent_a and ent_b are close to 青海省科技型企业 by their latest assessment; a far re-run dated
    # earlier does not change that.
    services.assess_enterprise(user=assessed.admin, enterprise=assessed.ent_a, on=dt.date(2021, 6, 30))
    near = selectors.latest_results(assessed.officer).filter(
        standing__in=(c.Standing.ELIGIBLE, c.Standing.CLOSE)
    )
    assert (
        home_panels(assessed.officer)[0]["value"]
        == len(set(near.values_list("enterprise_id", flat=True)))
        == 2
    )


def test_moved_out_enterprises_leave_every_count(client, assessed):
    assessed.ent_b.status = "moved_out"
    assessed.ent_b.save()
    rows = selectors.candidate_list(assessed.officer, {"scheme": "qh_tech_enterprise"})
    assert [row.enterprise.name for row in rows] == ["企业甲有限公司"]
    chart = dashboards.build_one(assessed.officer, assessed.park, dt.date(2026, 12, 5), "candidates")
    qh = next(row for row in chart.rows if row[0] == c.SCHEME_NAMES["qh_tech_enterprise"])
    assert sum(qh[1:]) == 1


def test_too_many_close_candidates_keep_the_score_order_and_say_so(client, assessed, monkeypatch):
    monkeypatch.setattr(selectors, "RANK_LIMIT", 1)
    client.force_login(assessed.admin)
    response = client.get("/assessments/candidates/?scheme=qh_tech_enterprise")
    # Two close ones are more than the limit: by name, as the database orders equal scores.
    assert listed(response) == ["外园企业有限公司", "企业乙有限公司", "企业甲有限公司"]
    assert "仅差一项条件的企业超过 1 家，按得分排序" in response.content.decode()
    assert [row.gap.text for row in response.context["page"]][1:] == ["差 科技人员 6 人", "差 科技人员 2 人"]
