"""Every registry screen, export and edit checked against the whole cast (anyone not listed gets 404)."""

import pytest

from innoladder.core.testing.access import EVERYONE, OK, assert_access
from innoladder.core.testing.factories import AnnualDataFactory, IPRecordFactory
from innoladder.enterprises.models import Award, Incident, IPRecord, Person, RDInstitution, StandardWork

EDITORS_OF_A = {"admin": OK, "officer": OK, "agency": OK, "user_a": OK}
STAFF_OF_A = {"admin": OK, "officer": OK}


def test_list_and_exports_open_to_every_signed_in_user(client, cast):
    for url in (
        "/enterprises/",
        "/enterprises/export/",
        "/enterprises/export/annual-data/",
        "/enterprises/export/ip/",
    ):
        assert_access(client, cast, url, EVERYONE)


def test_create_page_only_for_park_staff(client, cast):
    assert_access(client, cast, "/enterprises/new/", {"admin": OK, "officer": OK, "other_officer": OK})


def test_edit_pages_of_enterprise_a(client, cast):
    a = cast.ent_a.pk
    AnnualDataFactory(enterprise=cast.ent_a, year=2024)
    assert_access(client, cast, f"/enterprises/{a}/edit/", EDITORS_OF_A)
    assert_access(client, cast, f"/enterprises/{a}/annual-data/new/", EDITORS_OF_A)
    assert_access(client, cast, f"/enterprises/{a}/annual-data/2024/", EDITORS_OF_A)
    assert_access(client, cast, f"/enterprises/{a}/status/", STAFF_OF_A)
    assert_access(
        client, cast, f"/enterprises/{cast.ent_other_park.pk}/edit/", {"admin": OK, "other_officer": OK}
    )


@pytest.mark.parametrize(
    ("kind", "model", "data"),
    [
        ("ip", IPRecord, {"kind": "invention_patent", "number": "ZL1", "title": "一种方法"}),
        ("award", Award, {"name": "青海省科学技术进步奖", "level": "provincial", "year": 2022}),
        ("standard", StandardWork, {"title": "氯化钾", "level": "national", "year": 2023}),
        (
            "institution",
            RDInstitution,
            {"name": "技术中心", "kind": "enterprise_tech_center", "level": "provincial"},
        ),
        ("incident", Incident, {"kind": "abnormal_operation_list", "occurred_on": "2021-05-10"}),
        ("person", Person, {"name": "张三", "phone": "13812345678"}),
    ],
)
def test_child_record_pages(client, cast, kind, model, data):
    record = model.objects.create(enterprise=cast.ent_a, **data)
    assert_access(client, cast, f"/enterprises/{cast.ent_a.pk}/{kind}/new/", EDITORS_OF_A)
    assert_access(client, cast, f"/enterprises/{kind}/{record.pk}/edit/", EDITORS_OF_A)
    assert_access(client, cast, f"/enterprises/{kind}/{record.pk}/delete/", STAFF_OF_A)


def test_writes_out_of_scope_are_404_and_change_nothing(client, cast):
    rec = IPRecordFactory(enterprise=cast.ent_a)
    # Agencies and enterprise users may not delete; auditors may not change; other parks see nothing.
    for user in (cast.agency, cast.user_a, cast.auditor, cast.other_officer, cast.user_b):
        client.force_login(user)
        assert client.post(f"/enterprises/ip/{rec.pk}/delete/").status_code == 404
    for user in (cast.auditor, cast.user_b, cast.expired_agency):
        client.force_login(user)
        response = client.post(
            f"/enterprises/ip/{rec.pk}/edit/", {"kind": "utility_model", "number": "X", "title": "y"}
        )
        assert response.status_code == 404
        assert (
            client.post(f"/enterprises/{cast.ent_a.pk}/status/", {"status": "deregistered"}).status_code
            == 404
        )
    client.force_login(cast.user_a)
    assert client.post(f"/enterprises/{cast.ent_a.pk}/status/", {"status": "deregistered"}).status_code == 404
    rec.refresh_from_db()
    cast.ent_a.refresh_from_db()
    assert rec.kind == "invention_patent" and cast.ent_a.status == "active"


def test_officer_deletes_child_record_with_post(client, cast):
    rec = IPRecordFactory(enterprise=cast.ent_a)
    client.force_login(cast.officer)
    response = client.post(f"/enterprises/ip/{rec.pk}/delete/")
    assert response.status_code == 302
    assert not IPRecord.objects.filter(pk=rec.pk).exists()


def test_agency_adds_annual_data_through_the_form(client, cast):
    client.force_login(cast.agency)
    response = client.post(
        f"/enterprises/{cast.ent_a.pk}/annual-data/new/",
        {"year": 2024, "employees": 50, "rd_staff": 60, "source": "manual", "expected_version": 0},
    )
    assert response.status_code == 200
    assert "研发人员人数不能多于职工总数" in response.content.decode()
    response = client.post(
        f"/enterprises/{cast.ent_a.pk}/annual-data/new/",
        {
            "year": 2024,
            "employees": 50,
            "rd_staff": 6,
            "rd_expense": "150",  # 万元
            "source": "manual",
            "expected_version": 0,
        },
    )
    assert response.status_code == 302
    row = cast.ent_a.annual_data.get(year=2024)
    assert (row.employees, row.rd_expense, row.confirmed_by) == (50, 1500000, cast.agency)


def test_enterprise_user_form_hides_staff_only_fields(client, cast):
    client.force_login(cast.user_a)
    body = client.get(f"/enterprises/{cast.ent_a.pk}/edit/").content.decode()
    for name in ("park", "pool", "assigned_officer", "override_reason"):
        assert f'name="{name}"' not in body
    client.force_login(cast.officer)
    body = client.get(f"/enterprises/{cast.ent_a.pk}/edit/").content.decode()
    assert 'name="pool"' in body and 'name="park"' in body
