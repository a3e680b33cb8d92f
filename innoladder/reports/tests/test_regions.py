"""Regions (issue 22): a regional officer reads every park of their region and changes nothing; a region's
dashboard, statistics and work report are its parks' figures added up, each still traced to its rows.

The rollup is checked against the two demo parks of 海西州, each computed on its own."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction

from innoladder.core.models import Job
from innoladder.core.scoping import CHANGE, DELETE, VIEW, for_user
from innoladder.core.testing.factories import EnterpriseFactory, ParkFactory
from innoladder.enterprises.models import Enterprise
from innoladder.reports.facts import Fact
from innoladder.reports.models import WorkReport

START, END = dt.date(2023, 1, 1), dt.date(2023, 6, 30)


# --- Scoping, on the test cast: 格尔木 in 海西州, 德令哈 (the cast's other park) in 海东市 ----------


def test_regional_officer_reads_the_parks_of_the_region_and_nothing_else(cast):
    seen = set(for_user(Enterprise.objects.all(), cast.regional, VIEW))
    assert seen == set(Enterprise.objects.filter(park=cast.park))
    assert cast.ent_other_park not in seen
    second = ParkFactory(name="大柴旦工业园", region=cast.region)
    far = EnterpriseFactory(park=second, name="大柴旦企业有限公司")
    regional = type(cast.regional).objects.get(pk=cast.regional.pk)  # a new request reads the parks again
    seen = set(for_user(Enterprise.objects.all(), regional, VIEW))
    assert far in seen and {cast.ent_a, cast.ent_b} <= seen and cast.ent_other_park not in seen


def test_a_province_officer_reads_the_parks_of_its_prefectures(cast):
    from innoladder.core.testing.factories import UserFactory

    province = cast.region.parent
    provincial = UserFactory(username="province", role="regional", region=province)
    seen = set(for_user(Enterprise.objects.all(), provincial, VIEW))
    assert seen == {cast.ent_a, cast.ent_b, cast.ent_other_park}


def test_regional_officer_changes_and_deletes_nothing(cast):
    for action in (CHANGE, DELETE):
        assert not for_user(Enterprise.objects.all(), cast.regional, action).exists()


def test_regional_officer_gets_404_on_edits_and_pages_of_another_region(client, cast):
    client.force_login(cast.regional)
    assert client.get(f"/enterprises/{cast.ent_a.pk}/").status_code == 200
    assert client.get(f"/enterprises/{cast.ent_a.pk}/edit/").status_code in (403, 404)
    response = client.post(f"/enterprises/{cast.ent_a.pk}/edit/", {"name": "改名有限公司"})
    assert response.status_code in (403, 404)
    cast.ent_a.refresh_from_db()
    assert cast.ent_a.name == "企业甲有限公司"
    assert client.get(f"/enterprises/{cast.ent_other_park.pk}/").status_code == 404
    assert client.get(f"/reports/dashboard/?park={cast.other_park.pk}").status_code == 404
    assert client.get(f"/reports/dashboard/?region={cast.other_park.region_id}").status_code == 404


def test_only_admins_and_the_region_s_officers_read_a_region_s_pages(client, cast):
    from innoladder.core.testing.access import OK, assert_access

    region = cast.region.pk
    readers = {"admin": OK, "regional": OK}
    for url in (f"/reports/dashboard/?region={region}", f"/reports/statistics/?region={region}&year=2023"):
        # A park's officers and auditor read their park: a region's figures name other parks' enterprises.
        assert_access(client, cast, url, {**readers, "auditor": 404})


def test_regional_officer_generates_the_region_s_report_but_no_park_s(client, cast):
    client.force_login(cast.regional)
    data = {"start": "2023-01-01", "end": "2023-06-30"}
    response = client.post("/reports/generate/", {**data, "scope": f"region:{cast.region.pk}"})
    job = Job.objects.get(kind="reports.generate")
    assert response["Location"] == f"/jobs/{job.pk}/"
    report = WorkReport.objects.get()
    assert report.region == cast.region and report.park is None and report.created_by == cast.regional
    assert report.title == "海西蒙古族藏族自治州2023年上半年科技创新工作总结"
    assert client.get(report.get_absolute_url()).status_code == 200
    assert client.get(f"/reports/{report.pk}/edit/cultivation/").status_code == 200
    # A park's report is the park's: the regional officer reads it but may not write one.
    assert client.post("/reports/generate/", {**data, "park": cast.park.pk}).status_code == 404
    assert WorkReport.objects.count() == 1
    # The park's officer does not read the region's report.
    client.force_login(cast.officer)
    assert client.get(report.get_absolute_url()).status_code == 404
    response = client.post("/reports/generate/", {**data, "scope": f"region:{cast.region.pk}"})
    assert response.status_code == 302 and WorkReport.objects.count() == 1


def test_the_system_administrator_keeps_the_regions_audited(client, cast):
    from innoladder.core.models import AuditEntry
    from innoladder.enterprises.models import Region

    client.force_login(cast.sysadmin)
    response = client.post(
        "/sysadmin/enterprises/region/add/",
        {
            "name": "西宁市",
            "short_name": "西宁",
            "level": "prefecture",
            "division_code": "630100",
            "parent": cast.region.parent_id,
        },
    )
    assert response.status_code == 302, response.content.decode()[:800]
    made = Region.objects.get(division_code="630100")
    assert made.parent == cast.region.parent
    assert AuditEntry.objects.filter(
        event_type="create", object_type="enterprises.Region", actor=cast.sysadmin
    ).exists()
    # A 市州 without its province is refused by the database constraint's form check.
    response = client.post(
        "/sysadmin/enterprises/region/add/",
        {"name": "无上级", "level": "prefecture", "division_code": "639900"},
    )
    assert response.status_code == 200 and not Region.objects.filter(division_code="639900").exists()
    client.force_login(cast.regional)
    assert client.get("/sysadmin/enterprises/region/").status_code in (302, 403, 404)


# --- The rollup, on the demo: 海西州 = 格尔木工业园 + 德令哈工业园 ------------------------------


@pytest.fixture(scope="module")
def haixi(django_db_setup, django_db_blocker):
    """The demo loaded once for the module; everything is rolled back afterwards."""
    from innoladder.accounts.models import User
    from innoladder.enterprises.models import Park, Region

    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("load_demo", stdout=io.StringIO())
            yield {
                "region": Region.objects.get(division_code="632800"),
                "golmud": Park.objects.get(name="格尔木工业园"),
                "delingha": Park.objects.get(name="德令哈工业园"),
                "regional": User.objects.get(username="regional"),
                "admin": User.objects.get(username="admin"),
            }
            transaction.set_rollback(True)


def _cells(headers: list[str], rows: list[list]) -> dict:
    """{(row label, column header): number} of a chart's or table's additive cells. Ratios are left out: a
    region's intensity is its totals' ratio, not the parks' ratios added up."""
    found = {}
    for row in rows:
        for header, value in zip(headers[1:], row[1:], strict=True):
            ratio = any(word in header for word in ("强度", "率", "占比", "%"))
            if isinstance(value, (int, Decimal)) and not isinstance(value, bool) and not ratio:
                # Two columns of one label (one fact per park's batch, say) count together.
                found[(row[0], header)] = found.get((row[0], header), 0) + value
    return found


def _assert_sum(region: dict, parks: list[dict], what: str) -> int:
    """Each cell of the region = the same cell of the parks added up (a park without it counts 0)."""
    keys = set(region).union(*parks)
    for key in keys:
        assert region.get(key, 0) == sum(p.get(key, 0) for p in parks), (what, key)
    return len(keys)


def test_both_demo_parks_lie_in_haixi(haixi, db):
    assert set(haixi["region"].park_ids) == {haixi["golmud"].pk, haixi["delingha"].pk}
    assert haixi["regional"].region == haixi["region"]
    delingha = Enterprise.objects.filter(park=haixi["delingha"])
    assert 6 <= delingha.count() <= 10
    assert set(for_user(Enterprise.objects.all(), haixi["regional"])) == set(
        Enterprise.objects.filter(park__in=(haixi["golmud"], haixi["delingha"]))
    )


@pytest.mark.parametrize("on", [dt.date(2023, 6, 30), None])
def test_region_dashboard_is_the_sum_of_the_parks_dashboards(haixi, db, on):
    from innoladder.reports import dashboards

    on = on or dt.date.today()
    user = haixi["regional"]
    region = {c.key: c for c in dashboards.build_all(user, haixi["region"], on)}
    parks = [{c.key: c for c in dashboards.build_all(user, haixi[p], on)} for p in ("golmud", "delingha")]
    assert region and set(region) == set(parks[0]) | set(parks[1])
    checked = 0
    for key, chart in region.items():
        own = [_cells(p[key].headers, p[key].rows) for p in parks if key in p]
        got = _cells(chart.headers, chart.rows)
        if key == "trends":  # the last six years of either park: compare the region's years only
            years = {label for label, _header in got}
            own = [{k: v for k, v in cells.items() if k[0] in years} for cells in own]
        checked += _assert_sum(got, own, key)
    assert checked > 20


def test_region_statistics_are_the_sum_of_the_parks(haixi, db):
    from innoladder.reports import statistics

    user = haixi["regional"]
    region = {t.key: t for t in statistics.all_tables(user, haixi["region"], 2023)}
    parks = [{t.key: t for t in statistics.all_tables(user, haixi[p], 2023)} for p in ("golmud", "delingha")]
    assert region and set(region) == set(parks[0]) | set(parks[1])
    for key, table in region.items():
        own = [_cells(p[key].headers, p[key].rows) for p in parks if key in p]
        assert _assert_sum(_cells(table.headers, table.rows), own, key) > 0


def test_region_report_for_h1_2023_holds_golmud_s_figures_plus_delingha_s(haixi, db):
    from innoladder.reports.services import report_generate

    admin = haixi["admin"]
    golmud = report_generate(user=admin, park=haixi["golmud"], start=START, end=END)
    delingha = report_generate(user=admin, park=haixi["delingha"], start=START, end=END)
    region = report_generate(user=haixi["regional"], park=haixi["region"], start=START, end=END)
    assert region.title == "海西蒙古族藏族自治州2023年上半年科技创新工作总结"
    parks = [{f["key"]: f for f in r.facts} for r in (golmud, delingha)]
    facts = {f["key"]: f for f in region.facts}
    assert set(facts) == set(parks[0]) | set(parks[1])
    assert set(parks[1]), "德令哈 has records in H1 2023"
    for key, fact in facts.items():
        own = [p[key] for p in parks if key in p]
        assert fact["count"] == sum(f["count"] for f in own), key
        assert sorted(fact["row_ids"]) == sorted(i for f in own for i in f["row_ids"]), key
        if fact["amount"] is not None:
            assert Decimal(fact["amount"]) == sum(Decimal(f["amount"] or 0) for f in own), key
    # Every Golmud figure is in the region's report, Delingha's added to it where both have one.
    both = set(parks[0]) & set(parks[1])
    assert both and all(facts[k]["count"] > parks[0][k]["count"] for k in both if parks[1][k]["count"])


def test_region_report_figures_link_to_both_parks_rows(client, haixi, db):
    from innoladder.reports.selectors import fact_rows
    from innoladder.reports.services import report_generate

    report = report_generate(user=haixi["regional"], park=haixi["region"], start=START, end=END)
    client.force_login(haixi["regional"])
    both = {haixi["golmud"].pk, haixi["delingha"].pk}
    mixed = 0
    for data in report.facts:
        assert client.get(f"/reports/{report.pk}/facts/{data['key']}/").status_code == 200
        fact = Fact.from_json(data)
        rows = fact_rows(haixi["regional"], fact)
        assert len(rows) == len(fact.row_ids)  # the regional officer sees every row counted
        parks = {
            getattr(row, "park_id", None) or getattr(getattr(row, "enterprise", None), "park_id", None)
            for row in rows
        }
        mixed += both <= parks
    assert mixed >= 3


@pytest.mark.parametrize("today", [END, None])
def test_region_pipeline_and_candidates_are_the_sums_of_the_parks(haixi, db, today):
    from innoladder.assessments.selectors import candidate_counts
    from innoladder.recognitions import pipeline

    user = haixi["regional"]
    today = today or dt.date.today()
    period = pipeline.Period(today=today, start=dt.date(today.year, 1, 1), end=today)

    def counts(rows) -> dict:
        return {(r.get("scheme") or r["pool"], m): n for r in rows for m, n in r["counts"].items()}

    for rows_of in (pipeline.tier_rows, pipeline.pool_rows):
        region = counts(rows_of(user, period, list(haixi["region"].park_ids)))
        parks = [counts(rows_of(user, period, haixi[p].pk)) for p in ("golmud", "delingha")]
        assert any(parks[1].values()), "德令哈 counts in the pipeline"
        _assert_sum(region, parks, rows_of.__name__)
    region = candidate_counts(user, on=today, park=haixi["region"])
    parks = [candidate_counts(user, on=today, park=haixi[p]) for p in ("golmud", "delingha")]
    assert any(parks[1].values()), "德令哈 has assessed enterprises"
    _assert_sum(region, parks, "candidates")


def test_region_pages_of_the_pipeline_candidates_and_exports_answer_the_regional_officer(client, haixi, db):
    region = haixi["region"].pk
    client.force_login(haixi["regional"])
    for url in (
        f"/recognitions/pipeline/?region={region}",
        f"/recognitions/pipeline/list/?region={region}&measure=held&scheme=hnte",
        f"/assessments/candidates/?region={region}&scheme=hnte",
        f"/reports/?region={region}",
        f"/reports/dashboard/?scope=region:{region}",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    held = client.get(
        f"/recognitions/pipeline/list/?region={region}&measure=held&scheme=hnte"
    ).content.decode()
    assert "德令哈纯碱" in held and "蓝科锂业" in held
    for url in (
        f"/reports/dashboard/pools.xlsx?region={region}",
        f"/reports/statistics/?region={region}&format=xlsx",
    ):
        response = client.get(url)
        assert response.status_code == 200 and "spreadsheetml" in response["Content-Type"], url
