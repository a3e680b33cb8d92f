"""What the endpoints return: the web lists' filters, pagination, audited reads, the writes' validation
and optimistic locking, the engine without storage, and bounded queries."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time

from innoladder.assessments.models import Assessment
from innoladder.core.models import AuditEntry, AuditEvent
from innoladder.core.testing.factories import EnterpriseFactory
from innoladder.eligibility import assess, next_step_plan
from innoladder.eligibility.jsonio import load_document, results_to_dict, to_jsonable

from .helpers import client_for

pytestmark = pytest.mark.django_db
EXAMPLE = Path(__file__).resolve().parents[2] / "eligibility" / "examples" / "golmud_example.json"


def test_the_enterprise_list_filters_as_the_web_list(cast):
    EnterpriseFactory(park=cast.park, name="盐湖锂业有限公司", pool="tier1", industry_code="C2613")
    client = client_for(cast.officer)

    def names(query):
        return [row["name"] for row in client.get(f"/api/v1/enterprises/?{query}").json()["results"]]

    assert names("q=盐湖") == ["盐湖锂业有限公司"]
    assert names("pool=tier1") == ["盐湖锂业有限公司"]
    assert names("industry=C26") == ["盐湖锂业有限公司"]
    assert set(names("pool=none")) == {"企业甲有限公司", "企业乙有限公司"}
    assert names("sort=-name") == sorted(names(""), reverse=True)
    assert len(names(f"park={cast.park.pk}")) == 3


@pytest.mark.parametrize("query", ["park=999999", "status=nonsense", "pool=x", "sort=password"])
def test_a_wrong_filter_is_a_400_naming_it_instead_of_being_ignored(cast, query):
    response = client_for(cast.officer).get(f"/api/v1/enterprises/?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()["errors"] and response.json()["detail"]


def test_pages_hold_100_rows_by_default_and_500_at_most(cast):
    EnterpriseFactory.create_batch(520, park=cast.park)
    client = client_for(cast.admin)
    first = client.get("/api/v1/enterprises/").json()
    assert first["count"] == 523 and len(first["results"]) == 100 and first["next"]
    assert len(client.get("/api/v1/enterprises/?page_size=1000").json()["results"]) == 500
    assert client.get("/api/v1/enterprises/?page=99").status_code == 404


def test_the_enterprise_list_costs_the_same_queries_for_1_or_100_rows(cast):
    client = client_for(cast.admin)
    client.get("/api/v1/enterprises/")  # the token's last-use write happens once a minute
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/enterprises/")
    EnterpriseFactory.create_batch(100, park=cast.park)
    with CaptureQueriesContext(connection) as many:
        client.get("/api/v1/enterprises/")
    assert len(many) == len(few)


def test_every_read_is_audited_with_its_filters_and_rows(cast):
    client = client_for(cast.officer)
    before = AuditEntry.objects.count()
    client.get("/api/v1/enterprises/?q=企业")
    client.get(f"/api/v1/enterprises/{cast.ent_a.pk}/")
    entries = list(AuditEntry.objects.order_by("pk")[before:])
    assert [e.event_type for e in entries] == [AuditEvent.EXPORT, AuditEvent.EXPORT]
    listing, detail = entries
    assert listing.actor_id == cast.officer.pk and listing.object_type == "enterprises.Enterprise"
    assert listing.changes == {"api": "/api/v1/enterprises/", "filters": {"q": "企业"}, "rows": 2}
    assert detail.object_id == str(cast.ent_a.pk) and detail.enterprise_id == cast.ent_a.pk
    assert detail.park_id == cast.park.pk  # so the park's auditor reads it


def test_an_assessment_gives_every_criterion_and_the_gap(cast, world):
    data = client_for(cast.user_a).get(f"/api/v1/assessments/{world.a.assessment.pk}/").json()
    hnte = next(r for r in data["results"] if r["scheme"] == "hnte")
    assert hnte["criteria"] and {"value", "threshold_text", "status", "reason", "clause", "gap"} <= set(
        hnte["criteria"][0]
    )
    assert hnte["gap"]["text"]


def test_candidates_carry_their_gap(cast, world):
    rows = client_for(cast.officer).get("/api/v1/candidates/?scheme=hnte").json()["results"]
    assert {row["enterprise"] for row in rows} == {cast.ent_a.pk}
    assert rows[0]["gap"]["text"]
    assert client_for(cast.officer).get("/api/v1/candidates/?scheme=nope").status_code == 400


def test_report_figures_list_only_the_rows_the_reader_sees(cast, world):
    figures = client_for(cast.admin).get(f"/api/v1/reports/{world.report.pk}/").json()["figures"]
    counted = [f for f in figures if f["row_ids"]]
    assert counted and all(f["hidden_rows"] == 0 for f in counted)
    stored = {f["key"]: f for f in world.report.facts}
    assert all(f["row_ids"] == stored[f["key"]]["row_ids"] for f in counted)


def test_statistics_are_the_reports_tables_with_decimal_strings(cast, world):
    data = client_for(cast.officer).get(f"/api/v1/statistics/?park={cast.park.pk}&year=2025").json()
    assert data["year"] == 2025 and {t["key"] for t in data["tables"]} >= {"pool", "industry"}
    total = next(t for t in data["tables"] if t["key"] == "pool")["rows"][-1]
    assert total[0] == "合计" and isinstance(total[3], str)
    assert client_for(cast.officer).get("/api/v1/statistics/?year=1999").status_code == 400


def test_a_submission_saves_with_the_forms_checks_and_refuses_a_stale_version(cast, world):
    client = client_for(cast.user_a)
    url = f"/api/v1/submissions/{world.a.submission.pk}/"
    version = world.a.submission.version
    bad = client.put(url, {"values": {"employees": "很多"}, "version": version}, format="json")
    assert bad.status_code == 400 and bad.json()["problems"][0]["field"] == "employees"
    saved = client.put(
        url, {"values": {"employees": "60", "sales_revenue": "900"}, "version": version}, format="json"
    )
    assert saved.status_code == 200
    assert saved.json()["submission"]["status"] == "draft"
    assert saved.json()["submission"]["data"] == {"employees": "60", "sales_revenue": "9000000.00"}
    stale = client.put(url, {"values": {"employees": "61"}, "version": version}, format="json")
    assert stale.status_code == 409
    undeclared = client.put(
        url, {"values": {"employees": "60"}, "version": version + 1, "submit": True}, format="json"
    )
    assert undeclared.status_code == 400
    assert AuditEntry.objects.filter(
        object_type="collection.Submission", event_type=AuditEvent.UPDATE
    ).exists()


def test_a_visit_and_a_request_are_written_through_the_services(cast, world):
    client = client_for(cast.officer)
    visit = client.post(
        "/api/v1/visits/",
        {"visited_on": "2026-11-02", "enterprises": [cast.ent_a.pk], "topics": ["policy", "funding"]},
        format="json",
    )
    assert visit.status_code == 201 and visit.json()["topics"] == ["policy", "funding"]
    assert AuditEntry.objects.filter(object_type="services.Visit", object_id=str(visit.json()["id"])).exists()
    wrong_topic = client.post(
        "/api/v1/visits/",
        {"visited_on": "2026-11-02", "enterprises": [cast.ent_a.pk], "topics": ["x"]},
        format="json",
    )
    assert wrong_topic.status_code == 400 and "topics" in wrong_topic.json()["errors"]
    raised = client.post(
        "/api/v1/requests/",
        {
            "enterprise": cast.ent_a.pk,
            "category": world.category.pk,
            "title": "人才公寓",
            "raised_on": "2026-11-02",
        },
        format="json",
    )
    assert raised.status_code == 201
    assert raised.json()["history"][0]["to_status"] == "pending" and raised.json()["due_on"]


def test_the_visit_and_request_lists_filter_as_the_web_lists(cast, world):
    client = client_for(cast.officer)
    for topics, on in ((["policy"], "2019-11-02"), (["funding"], "2019-11-20")):
        created = client.post(
            "/api/v1/visits/",
            {"visited_on": on, "enterprises": [cast.ent_a.pk], "topics": topics},
            format="json",
        )
        assert created.status_code == 201

    def dates(query):
        # November 2019 only: the world's own visits are dated today.
        url = f"/api/v1/visits/?start=2019-11-01&end=2019-11-30&{query}"
        return sorted(v["visited_on"] for v in client.get(url).json()["results"])

    assert dates("") == ["2019-11-02", "2019-11-20"]
    assert dates("topic=policy") == ["2019-11-02"]
    assert dates("start=2019-11-10") == ["2019-11-20"]
    assert dates("topic=policy&start=2019-11-10") == []
    assert client.get("/api/v1/visits/?start=not-a-date").status_code == 400
    assert client.get("/api/v1/requests/?status=nonsense").status_code == 400


# The engine reads no clock: the date is the document's as_of or ?on= (no freezing needed, or wanted: the
# engine caches its classes' type hints, and freezegun swaps the date class under them).
@pytest.mark.parametrize("on", [None, dt.date(2026, 12, 6), dt.date(2028, 6, 15)])
def test_assess_is_the_command_line_engine_and_stores_nothing(cast, on):
    text = EXAMPLE.read_text("utf-8")
    facts, as_of, settings = load_document(text)
    on = on or as_of
    results = assess(facts, on, settings)
    expected = to_jsonable(results_to_dict(facts, on, results, next_step_plan(facts, results, on)))
    query = f"?on={on.isoformat()}" if on != as_of else "?"
    client = client_for(cast.user_a)
    response = client.post(f"/api/v1/assess{query}", text, content_type="application/json")
    assert response.status_code == 200, response.content.decode()
    assert response.json() == json.loads(json.dumps(expected))
    one = client.post(f"/api/v1/assess{query}&scheme=hnte", text, content_type="application/json")
    assert [r["ruleset_id"] for r in one.json()["results"]] == ["hnte"]
    assert not Assessment.objects.exists()


@pytest.mark.parametrize(
    ("body", "query", "field"),
    [
        ('{"name": "x"', "", "detail"),
        ('{"uscc": "1", "name": "x", "typo": 1}', "", "detail"),
        ('{"uscc": "1", "name": "x"}', "", "on"),
        ('{"uscc": "1", "name": "x"}', "?on=2028-13-01", "on"),
        ('{"uscc": "1", "name": "x"}', "?on=2028-01-01&scheme=nope", "scheme"),
    ],
)
def test_assess_answers_bad_facts_with_a_400_in_chinese(cast, body, query, field):
    response = client_for(cast.officer).post(f"/api/v1/assess{query}", body, content_type="application/json")
    assert response.status_code == 400 and response.json()["detail"]
    assert field == "detail" or field in response.json()["errors"]


def test_obligations_are_the_calendars_items_in_the_period(cast):
    from innoladder.recognitions.services import recognition_create

    with freeze_time("2028-02-01"):
        recognition_create(
            user=cast.admin,
            enterprise=cast.ent_a,
            scheme="hnte",
            level="national",
            issued_on=dt.date(2025, 11, 1),
        )
        items = client_for(cast.user_a).get("/api/v1/obligations/?end=2028-12-31").json()["results"]
        assert items and all("2028-02-01" <= item["due_on"] <= "2028-12-31" for item in items)
        assert {item["enterprise"] for item in items} == {cast.ent_a.pk}
        assert client_for(cast.user_b).get("/api/v1/obligations/?end=2028-12-31").json()["results"] == []
        assert client_for(cast.user_a).get("/api/v1/obligations/?end=2030-12-31").status_code == 400
