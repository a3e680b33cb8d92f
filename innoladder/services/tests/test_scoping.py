import datetime as dt

import pytest

from innoladder.core.models import AuditEntry, AuditEvent
from innoladder.core.testing.access import EVERYONE, READ_A, WRITE_A, assert_access
from innoladder.core.testing.sheets import sheet_rows

from .factories import make_request, make_visit

pytestmark = pytest.mark.django_db


def _rows(response) -> list[tuple]:
    return sheet_rows(response)[1:]


def test_services_home_and_lists_open_to_every_signed_in_user(client, cast):
    for url in (
        "/services/",
        "/services/visits/",
        "/services/requests/",
        "/services/visits/export/",
        "/services/requests/export/",
    ):
        assert_access(client, cast, url, EVERYONE)


def test_create_pages_for_writers(client, cast):
    # other_officer writes on the enterprises of the other park
    assert_access(client, cast, "/services/visits/new/", {**WRITE_A, "other_officer": 200})
    assert_access(
        client,
        cast,
        "/services/requests/new/",
        {**WRITE_A, "other_officer": 200, "user_a": 200, "user_b": 200},
    )


def test_visit_pages_scoped_through_its_enterprise(client, cast):
    visit = make_visit(cast.officer, [cast.ent_a])
    assert_access(client, cast, f"/services/visits/{visit.pk}/", READ_A)
    assert_access(client, cast, f"/services/visits/{visit.pk}/edit/", WRITE_A)
    assert_access(client, cast, f"/services/visits/enterprise/{cast.ent_a.pk}/", READ_A)


def test_visit_of_several_enterprises_visible_if_any_is_visible(client, cast):
    visit = make_visit(cast.officer, [cast.ent_a, cast.ent_b])
    assert_access(client, cast, f"/services/visits/{visit.pk}/", {**READ_A, "user_b": 200})
    # the agency is assigned only to ent_a: it may read the visit but not rewrite ent_b's record
    assert_access(client, cast, f"/services/visits/{visit.pk}/edit/", {"admin": 200, "officer": 200})


def test_enterprise_user_sees_only_own_enterprise_on_a_shared_visit(client, cast):
    visit = make_visit(cast.officer, [cast.ent_a, cast.ent_b])
    client.force_login(cast.user_b)
    page = client.get(f"/services/visits/{visit.pk}/").content.decode()
    assert cast.ent_b.name in page
    assert cast.ent_a.name not in page
    listing = client.get("/services/visits/").content.decode()
    assert cast.ent_b.name in listing and cast.ent_a.name not in listing
    rows = _rows(client.get("/services/visits/export/"))
    assert [r[1] for r in rows] == [cast.ent_b.name]


def test_visit_export_counts_only_visible_rows_and_is_audited(client, cast):
    make_visit(cast.officer, [cast.ent_a], on=dt.date(2023, 2, 1))
    make_visit(cast.officer, [cast.ent_b], on=dt.date(2023, 2, 2))
    make_visit(cast.admin, [cast.ent_other_park], on=dt.date(2023, 2, 3))
    expected = {
        "admin": 3,
        "officer": 2,
        "other_officer": 1,
        "agency": 1,
        "expired_agency": 0,
        "user_a": 1,
        "user_b": 1,
        "auditor": 2,
    }
    for name, count in expected.items():
        client.force_login(getattr(cast, name))
        assert len(_rows(client.get("/services/visits/export/"))) == count, name
    client.force_login(cast.officer)
    rows = _rows(client.get("/services/visits/export/?start=2023-02-02"))
    assert len(rows) == 1
    entry = AuditEntry.objects.filter(event_type=AuditEvent.EXPORT, actor=cast.officer).first()
    assert entry.changes == {"filters": {"start": "2023-02-02"}, "rows": 1}


def test_request_pages_scoped(client, cast):
    req = make_request(cast.officer, cast.ent_a)
    assert_access(client, cast, f"/services/requests/{req.pk}/", READ_A)
    assert_access(client, cast, f"/services/requests/{req.pk}/edit/", WRITE_A)
    # an empty form is re-shown with an error to those who may handle it; the rest get 404
    assert_access(client, cast, f"/services/requests/{req.pk}/transition/", WRITE_A, method="post")
    assert_access(client, cast, f"/services/requests/{req.pk}/rate/", READ_A, method="post")


def test_request_export_scoped(client, cast):
    make_request(cast.officer, cast.ent_a)
    make_request(cast.officer, cast.ent_b)
    for name, count in {"officer": 2, "agency": 1, "user_a": 1, "user_b": 1, "other_officer": 0}.items():
        client.force_login(getattr(cast, name))
        assert len(_rows(client.get("/services/requests/export/"))) == count, name


def test_agency_cannot_create_visit_for_unassigned_enterprise(client, cast):
    client.force_login(cast.agency)
    response = client.post(
        "/services/visits/new/",
        {"visited_on": "2023-03-01", "enterprises": [cast.ent_b.pk], "topics": ["policy"]},
    )
    assert response.status_code == 200
    assert "enterprises" in response.context["form"].errors


def test_visit_create_through_the_page_is_audited(client, cast):
    client.force_login(cast.officer)
    response = client.post(
        "/services/visits/new/",
        {
            "visited_on": "2023-03-01",
            "enterprises": [cast.ent_a.pk, cast.ent_b.pk],
            "staff": [cast.officer.pk],
            "topics": ["policy", "funding"],
            "department": "科技局",
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(event_type=AuditEvent.CREATE, object_type="services.Visit")
    assert entry.changes["after"]["enterprises"] == sorted([cast.ent_a.pk, cast.ent_b.pk])
    assert entry.changes["after"]["topics"] == ["policy", "funding"]


def test_visit_log_flags_repeat_visits_by_several_departments(client, cast):
    make_visit(cast.officer, [cast.ent_a], on=dt.date(2023, 3, 1), department="科技局")
    make_visit(cast.officer, [cast.ent_a], on=dt.date(2023, 3, 20), department="工信局")
    make_visit(cast.officer, [cast.ent_a], on=dt.date(2023, 6, 1), department="税务局")
    client.force_login(cast.officer)
    response = client.get(f"/services/visits/enterprise/{cast.ent_a.pk}/")
    flags = [(row["visit"].department, row["repeated"]) for row in response.context["log"]]
    assert flags == [("科技局", False), ("工信局", True), ("税务局", False)]
    assert response.context["repeats"] == 1


def test_list_pages_query_count_does_not_grow(client, cast, django_assert_max_num_queries):
    for i in range(30):
        make_visit(
            cast.officer,
            [cast.ent_a, cast.ent_b],
            on=dt.date(2023, 1, 1) + dt.timedelta(days=i),
            staff=[cast.officer],
        )
        make_request(cast.officer, cast.ent_a if i % 2 else cast.ent_b)
    client.force_login(cast.officer)
    with django_assert_max_num_queries(14):
        assert client.get("/services/visits/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/services/requests/").status_code == 200


def test_agency_does_not_see_names_of_unassigned_enterprises_on_a_joint_visit(client, cast):
    make_visit(cast.officer, [cast.ent_a, cast.ent_b])
    client.force_login(cast.agency)
    listing = client.get("/services/visits/").content.decode()
    assert cast.ent_a.name in listing and cast.ent_b.name not in listing
    client.force_login(cast.officer)
    listing = client.get("/services/visits/").content.decode()
    assert cast.ent_a.name in listing and cast.ent_b.name in listing


def test_services_home_links_every_module_that_exists(client, cast):
    from django.urls import NoReverseMatch, reverse

    client.force_login(cast.officer)
    page = client.get("/services/").content.decode()
    for name in (
        "visit_list",
        "request_list",
        "project_list",
        "cooperation_list",
        "patent_list",
        "talent_list",
    ):
        assert f'href="{reverse(name)}"' in page
    for name in ("fund_list", "contract_list", "policy_list", "event_list"):
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        assert f'href="{url}"' in page
