import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from innoladder.core.models import AuditEntry
from innoladder.core.testing.access import EVERYONE, OK, READ_A, assert_access
from innoladder.funding import choices as c
from innoladder.funding import services

from .factories import FundApplicationFactory, ProgrammeFactory

PARK_READERS = {"admin": OK, "officer": OK, "agency": OK, "user_a": OK, "user_b": OK, "auditor": OK}


@pytest.fixture
def rows(cast):
    programme = ProgrammeFactory(park=cast.park, kind=c.ProgrammeKind.VOUCHER, name="格尔木创新券专项")
    app = FundApplicationFactory(
        enterprise=cast.ent_a, programme=ProgrammeFactory(park=cast.park), title="甲的申请"
    )
    FundApplicationFactory(enterprise=cast.ent_b, title="乙的申请")
    use = services.voucher_use_create(
        user=cast.officer,
        enterprise=cast.ent_a,
        programme=programme,
        used_on=dt.date(2023, 2, 1),
        holder_type="hnte",
        service_type="testing",
        provider="检测中心",
        fee=Decimal("1000"),
    )
    return {"app": app, "programme": programme, "use": use}


def test_pages_and_exports_are_scoped_for_the_cast(client, cast, rows):
    for url in (
        "/funding/",
        "/funding/export/",
        "/funding/programmes/",
        "/funding/programmes/export/",
        "/funding/vouchers/",
        "/funding/vouchers/export/",
        "/funding/vouchers/balances/",
        "/funding/vouchers/balances/export/",
    ):
        assert_access(client, cast, url, EVERYONE)
    assert_access(client, cast, f"/funding/applications/{rows['app'].pk}/", READ_A)
    assert_access(client, cast, f"/funding/vouchers/{rows['use'].pk}/", READ_A)
    assert_access(client, cast, f"/funding/programmes/{rows['programme'].pk}/", PARK_READERS)
    writers_a = {"admin": OK, "officer": OK, "agency": OK, "user_a": OK}
    assert_access(client, cast, f"/funding/applications/{rows['app'].pk}/edit/", writers_a)
    assert_access(client, cast, f"/funding/vouchers/{rows['use'].pk}/edit/", writers_a)
    assert_access(
        client, cast, f"/funding/programmes/{rows['programme'].pk}/edit/", {"admin": OK, "officer": OK}
    )
    creators = {"admin": OK, "officer": OK, "other_officer": OK, "agency": OK, "user_a": OK, "user_b": OK}
    assert_access(client, cast, "/funding/applications/new/", creators)
    assert_access(client, cast, "/funding/vouchers/new/", creators)
    assert_access(client, cast, "/funding/programmes/new/", {"admin": OK, "officer": OK, "other_officer": OK})


def test_lists_and_exports_show_only_rows_in_scope(client, cast, rows):
    client.force_login(cast.user_b)
    body = client.get("/funding/").content.decode()
    assert "乙的申请" in body and "甲的申请" not in body
    response = client.get("/funding/export/")
    sheet = load_workbook(__import__("io").BytesIO(response.content)).active
    titles = [row[4] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert titles == ["乙的申请"]
    assert AuditEntry.objects.filter(event_type="export", actor=cast.user_b).count() == 1
    client.force_login(cast.other_officer)
    assert "格尔木创新券专项" not in client.get("/funding/programmes/").content.decode()


def test_list_filters_apply_to_the_export(client, cast, rows):
    client.force_login(cast.officer)
    response = client.get("/funding/export/?q=甲")
    sheet = load_workbook(__import__("io").BytesIO(response.content)).active
    assert [r[4] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["甲的申请"]


def test_list_pages_do_not_grow_queries_with_rows(client, cast, rows, django_assert_max_num_queries):
    for i in range(30):
        FundApplicationFactory(enterprise=cast.ent_a, programme=rows["app"].programme, title=f"批量{i}")
    client.force_login(cast.officer)
    for url in ("/funding/", "/funding/programmes/", "/funding/vouchers/", "/funding/vouchers/balances/"):
        with django_assert_max_num_queries(14):
            assert client.get(url).status_code == 200


def test_officer_creates_an_application_and_it_is_audited(client, cast):
    programme = ProgrammeFactory(park=cast.park)
    client.force_login(cast.officer)
    response = client.post(
        "/funding/applications/new/",
        {
            "enterprise": cast.ent_b.pk,
            "programme": programme.pk,
            "title": "转型升级项目",
            "requested_amount": "120000",
            "applied_on": "2023-05-01",
        },
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(event_type="create", object_type="funding.FundApplication").count() == 1


@pytest.mark.parametrize(
    "url, create, export",
    [
        ("/funding/", "/funding/applications/new/", "/funding/export/"),
        ("/funding/programmes/", "/funding/programmes/new/", "/funding/programmes/export/"),
        ("/funding/vouchers/", "/funding/vouchers/new/", "/funding/vouchers/export/"),
        ("/funding/vouchers/balances/", None, "/funding/vouchers/balances/export/"),
    ],
)
def test_list_pages_link_the_filtered_export_and_offer_create_only_to_creators(
    client, cast, rows, url, create, export
):
    client.force_login(cast.officer)
    body = client.get(f"{url}?year=2023").content.decode()
    assert f'href="{export}?year=2023"' in body and 'value="2023"' in body
    assert 'class="nav-link active"' in body
    if create:
        assert f'href="{create}"' in body
        client.force_login(cast.auditor)
        assert f'href="{create}"' not in client.get(url).content.decode()


def test_list_cells_show_amounts_in_wan_and_the_balance_filter_applies(client, cast, rows):
    client.force_login(cast.officer)
    body = client.get("/funding/vouchers/").content.decode()
    assert '<td class="text-end">0.10</td>' in body and "2023-02-01</a>" in body
    assert "企业甲有限公司" in client.get("/funding/vouchers/balances/?year=2023").content.decode()
    assert "企业甲有限公司" not in client.get("/funding/vouchers/balances/?year=2022").content.decode()
