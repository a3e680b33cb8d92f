"""Every page, action, file and export of the app against the whole cast."""

import datetime as dt

import pytest
from django.utils import timezone

from innoladder.core.notifications import notify
from innoladder.core.testing.access import EVERYONE, LOGIN, OK, READ_A, assert_access
from innoladder.core.testing.sheets import sheet_rows
from innoladder.recognitions import choices as c
from innoladder.recognitions import services

from .factories import ApplicationFactory, BatchFactory, RecognitionFactory

BUREAU = {"admin": OK, "officer": OK, "other_officer": OK, "auditor": OK}


@pytest.fixture
def data(cast):
    batch = BatchFactory(park=cast.park, closes_on=dt.date(2030, 3, 15), opens_on=dt.date(2030, 2, 1))
    rec = RecognitionFactory(enterprise=cast.ent_a, valid_until=dt.date(2030, 11, 30))
    rec_b = RecognitionFactory(enterprise=cast.ent_b, valid_until=dt.date(2030, 11, 30))
    app = services.application_create(user=cast.officer, enterprise=cast.ent_a, batch=batch)
    return {"batch": batch, "rec": rec, "rec_b": rec_b, "app": app}


def test_lists_are_open_to_every_login_and_show_only_scope(client, cast, data):
    for url in ("/recognitions/", "/recognitions/applications/", "/recognitions/batches/",
                "/recognitions/obligations/", "/recognitions/obligations/?view=month",
                "/recognitions/notifications/"):  # fmt: skip
        assert_access(client, cast, url, EVERYONE)
    client.force_login(cast.user_b)
    body = client.get("/recognitions/").content.decode()
    assert cast.ent_b.name in body and cast.ent_a.name not in body
    body = client.get("/recognitions/applications/").content.decode()
    assert cast.ent_a.name not in body


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("", True),
        ("?status=open", True),
        ("?status=passed", False),
        ("?scheme=hnte", "hnte"),
        ("?q=企业甲", True),
        ("?q=企业乙", False),
        ("?batch=x", True),  # a number the filter cannot read filters nothing
    ],
)
def test_the_application_list_filters(client, cast, data, query, shown):
    if shown == "hnte":
        shown = data["batch"].scheme == "hnte"
    client.force_login(cast.officer)
    body = client.get(f"/recognitions/applications/{query}").content.decode()
    assert (data["app"].get_absolute_url() in body) is shown


def test_the_recognition_list_filters_by_status_today_and_scheme(client, cast, data):
    client.force_login(cast.officer)
    rec = data["rec"]
    status = rec.status_on(timezone.localdate())

    def shown(query):
        return rec.get_absolute_url() in client.get(f"/recognitions/{query}").content.decode()

    assert shown("") and shown(f"?status={status}") and shown(f"?scheme={rec.scheme}")
    other = next(s for s in c.RecognitionStatus.values if s != status)
    assert not shown(f"?status={other}")
    assert not shown(f"?q={cast.ent_b.name}")


def test_the_batch_list_filters_by_year_and_exports_what_it_shows(client, cast, data):
    client.force_login(cast.officer)
    year = data["batch"].year
    assert data["batch"].name in client.get(f"/recognitions/batches/?year={year}").content.decode()
    assert data["batch"].name not in client.get(f"/recognitions/batches/?year={year + 1}").content.decode()
    rows = sheet_rows(client.get(f"/recognitions/batches/?year={year + 1}&export=xlsx"))
    assert all(data["batch"].name not in [str(v) for v in row] for row in rows)


def test_recognition_pages(client, cast, data):
    pk = data["rec"].pk
    assert_access(client, cast, f"/recognitions/{pk}/", READ_A)
    assert_access(client, cast, f"/recognitions/{pk}/edit/", {"admin": OK, "officer": OK})
    assert_access(client, cast, "/recognitions/new/", {"admin": OK, "officer": OK, "other_officer": OK})
    assert_access(
        client,
        cast,
        f"/recognitions/{pk}/annual-reports/",
        {"admin": 302, "officer": 302, "agency": 302, "user_a": 302},
        method="post",
        data={"year": 2030, "submitted_on": "2031-05-01"},
    )
    assert_access(
        client,
        cast,
        f"/recognitions/{pk}/end/",
        {"admin": 302, "officer": 302},
        method="post",
        data={"how": "revoked", "on": "2024-01-01", "reason": "测试"},
    )
    assert_access(client, cast, f"/recognitions/{pk}/certificate/", {})  # no file: 404 for all


def test_batch_pages(client, cast, data):
    pk = data["batch"].pk
    park_readers = {**READ_A, "user_b": OK}
    assert_access(client, cast, f"/recognitions/batches/{pk}/", park_readers)
    assert_access(client, cast, f"/recognitions/batches/{pk}/edit/", {"admin": OK, "officer": OK})
    assert_access(
        client, cast, "/recognitions/batches/new/", {"admin": OK, "officer": OK, "other_officer": OK}
    )


def test_application_pages_and_actions(client, cast, data):
    pk = data["app"].pk
    assert_access(client, cast, f"/recognitions/applications/{pk}/", READ_A)
    assert_access(
        client,
        cast,
        "/recognitions/applications/new/",
        {"admin": OK, "officer": OK, "other_officer": OK, "agency": OK, "user_a": OK, "user_b": OK},
    )
    assert_access(
        client,
        cast,
        f"/recognitions/applications/{pk}/transition/",
        {"admin": 302, "officer": 302, "agency": 302, "user_a": 302},
        method="post",
        data={"to_status": "preparing", "comment": "x"},
    )
    data["app"].refresh_from_db()
    assert data["app"].status == c.ApplicationStatus.PREPARING


def test_enterprise_user_creates_and_submits_own_application(client, cast, data):
    client.force_login(cast.user_a)
    response = client.post(
        "/recognitions/applications/new/",
        {"enterprise": cast.ent_a.pk, "batch": data["batch"].pk, "kind": "new"},
    )
    assert response.status_code == 302
    app = cast.ent_a.recognition_applications.latest("id")
    client.post(f"/recognitions/applications/{app.pk}/transition/", {"to_status": "preparing"})
    client.post(f"/recognitions/applications/{app.pk}/transition/", {"to_status": "submitted"})
    response = client.post(
        f"/recognitions/applications/{app.pk}/transition/", {"to_status": "reviewing"}, follow=True
    )
    assert "须由园区工作人员办理" in response.content.decode()
    app.refresh_from_db()
    assert app.status == c.ApplicationStatus.SUBMITTED
    # Another enterprise cannot be chosen.
    response = client.post(
        "/recognitions/applications/new/",
        {"enterprise": cast.ent_b.pk, "batch": data["batch"].pk, "kind": "new"},
    )
    assert response.status_code == 200 and not cast.ent_b.recognition_applications.exists()


def test_illegal_transition_message_is_chinese_on_the_page(client, cast, data):
    client.force_login(cast.officer)
    response = client.post(
        f"/recognitions/applications/{data['app'].pk}/transition/", {"to_status": "passed"}, follow=True
    )
    assert "不允许从“意向”变更为“通过”" in response.content.decode()


def test_pipeline_is_for_the_bureau(client, cast, data):
    assert_access(client, cast, "/recognitions/pipeline/", BUREAU)
    assert_access(client, cast, "/recognitions/pipeline/list/?measure=held&scheme=hnte", BUREAU)
    assert_access(
        client,
        cast,
        f"/recognitions/pipeline/?park={cast.park.pk}",
        {"admin": OK, "officer": OK, "auditor": OK},
    )


def test_notifications_are_private(client, cast, data):
    note = notify(cast.user_a, key="t:1", title="测试提醒", email=False)
    assert_access(
        client, cast, f"/recognitions/notifications/{note.pk}/read/", {"user_a": 302}, method="post"
    )
    note.refresh_from_db()
    assert note.read_at is not None
    client.force_login(cast.user_b)
    assert "测试提醒" not in client.get("/recognitions/notifications/").content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/recognitions/?export=xlsx",
        "/recognitions/applications/?export=xlsx",
        "/recognitions/batches/?export=xlsx",
        "/recognitions/obligations/?export=xlsx&start=2030-01-01&end=2030-12-31",
    ],
)
def test_exports_are_scoped(client, cast, data, url):
    assert_access(client, cast, url, EVERYONE)
    client.force_login(cast.user_b)
    rows = sheet_rows(client.get(url))
    assert all(cast.ent_a.name not in [str(v) for v in row] for row in rows)
    client.force_login(cast.user_a)
    rows = sheet_rows(client.get(url))
    if "batches" not in url:
        assert any(cast.ent_a.name in [str(v) for v in row] for row in rows[1:])


def test_pipeline_export_is_bureau_only(client, cast, data):
    url = "/recognitions/pipeline/list/?measure=held&scheme=hnte&today=2026-01-01&export=xlsx"
    assert_access(client, cast, url, BUREAU)
    client.force_login(cast.officer)
    names = [r[0] for r in sheet_rows(client.get(url))[1:]]
    assert sorted(names) == sorted([cast.ent_a.name, cast.ent_b.name])


def test_list_pages_query_counts(client, cast, django_assert_max_num_queries):
    for i in range(25):
        rec = RecognitionFactory(
            enterprise=cast.ent_a if i % 2 else cast.ent_b, valid_until=dt.date(2030, 1, 1)
        )
        ApplicationFactory(enterprise=rec.enterprise)
    client.force_login(cast.officer)
    for url in ("/recognitions/", "/recognitions/applications/", "/recognitions/batches/"):
        with django_assert_max_num_queries(14):
            assert client.get(url).status_code == 200


def test_anonymous_is_sent_to_login(client, data):
    assert_access(client, type("C", (), {"users": lambda self: {"anonymous": None}})(), "/recognitions/", {})
    assert client.get("/recognitions/pipeline/").status_code == 302
    assert LOGIN == "login"


def test_a_renewed_certificate_reads_as_renewed_not_only_expired(client, cast):
    """The demo renews certificates on schedule; the old one is expired but was not lost."""
    from django.utils import timezone

    from innoladder.core.testing.cast import PASSWORD

    today = timezone.localdate()
    old = RecognitionFactory(
        enterprise=cast.ent_a,
        number="GR-OLD-1",
        issued_on=today - dt.timedelta(days=3 * 365 + 30),
        valid_until=today - dt.timedelta(days=30),
    )
    RecognitionFactory(
        enterprise=cast.ent_a,
        number="GR-NEW-1",
        issued_on=today - dt.timedelta(days=40),
        valid_until=today + dt.timedelta(days=3 * 365),
        renews=old,
    )
    # Renewed ahead of its expiry (the new certificate starts before the old one ends): still 即将到期,
    # and the list says no action is needed.
    ending = RecognitionFactory(
        enterprise=cast.ent_b,
        number="GR-ENDING-1",
        issued_on=today - dt.timedelta(days=3 * 365 - 10),
        valid_until=today + dt.timedelta(days=10),
    )
    RecognitionFactory(
        enterprise=cast.ent_b,
        number="GR-ENDING-2",
        issued_on=today,
        valid_until=today + dt.timedelta(days=3 * 365),
        renews=ending,
    )
    RecognitionFactory(
        enterprise=cast.ent_b,
        number="GR-LAPSED-1",
        issued_on=today - dt.timedelta(days=3 * 365 + 30),
        valid_until=today - dt.timedelta(days=30),
    )
    client.login(username=cast.officer.username, password=PASSWORD)
    html = client.get("/recognitions/").content.decode()
    rows = {row.split("</tr>")[0] for row in html.split("<tr>")}
    renewed = next(r for r in rows if "GR-OLD-1" in r)
    lapsed = next(r for r in rows if "GR-LAPSED-1" in r)
    assert "已到期" in renewed and "已重新认定" in renewed
    assert "已到期" in lapsed and "已重新认定" not in lapsed
    ending_row = next(r for r in rows if "GR-ENDING-1" in r)
    assert "即将到期" in ending_row and "已重新认定" in ending_row
    new_row = next(r for r in rows if "GR-ENDING-2" in r)
    assert "已重新认定" not in new_row


def test_application_list_filters_open_applications_and_shows_only_its_filter_bar(client, cast):
    batch = BatchFactory(park=cast.park)
    ApplicationFactory(enterprise=cast.ent_a, batch=batch, status=c.ApplicationStatus.PREPARING)
    ApplicationFactory(enterprise=cast.ent_b, batch=batch, status=c.ApplicationStatus.PASSED)
    client.force_login(cast.officer)
    body = client.get("/recognitions/applications/?status=open").content.decode()
    assert "企业甲有限公司" in body and "企业乙有限公司" not in body
    assert '<option value="open" selected>' in body and 'name="kind"' not in body
    assert 'href="?status=open&amp;export=xlsx"' in body and 'href="/recognitions/applications/new/"' in body
    client.force_login(cast.auditor)
    assert (
        'href="/recognitions/applications/new/"'
        not in client.get("/recognitions/applications/").content.decode()
    )


def test_batch_page_offers_an_application_only_to_those_who_may_apply(client, cast):
    """The auditor and the regional officer read a batch; its 登记申报 button is for those who may apply."""
    batch = BatchFactory(park=cast.park)
    for name in ("auditor", "regional", "officer", "agency"):
        client.force_login(getattr(cast, name))
        page = client.get(f"/recognitions/batches/{batch.pk}/").content.decode()
        may_apply = client.get(f"/recognitions/applications/new/?batch={batch.pk}").status_code == 200
        assert ("登记申报" in page) is may_apply, name
        assert may_apply is (name in ("officer", "agency")), name
