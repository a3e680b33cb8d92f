import datetime as dt

from django.contrib.sessions.models import Session
from django.test import Client
from freezegun import freeze_time

from innoladder.core.models import AuditEntry
from innoladder.core.testing.cast import PASSWORD

from .passwords import change_password

LOGIN = "/accounts/login/"


def _login(client, username="officer", password=PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password})


def test_five_failures_lock_the_account_for_thirty_minutes(client, cast):
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with freeze_time(start):
        for _ in range(5):
            assert _login(client, password="wrong").status_code == 200
        response = _login(client)
        assert response.status_code == 200
        assert "锁定" in response.content.decode()
    with freeze_time(start + dt.timedelta(minutes=29)):
        assert _login(client).status_code == 200
    with freeze_time(start + dt.timedelta(minutes=31)):
        assert _login(client).status_code == 302
    assert AuditEntry.objects.filter(event_type="lockout", object_repr="officer").count() == 1


def test_four_failures_do_not_lock(client, cast):
    for _ in range(4):
        _login(client, password="wrong")
    assert _login(client).status_code == 302


def test_login_and_failed_login_are_audited(client, cast):
    _login(client, password="wrong")
    _login(client)
    assert AuditEntry.objects.filter(event_type="login_failed", result="failure").count() == 1
    entry = AuditEntry.objects.get(event_type="login")
    assert entry.actor == cast.officer
    assert entry.source_ip == "127.0.0.1"


def test_unknown_username_with_newlines_is_logged_escaped(client, cast):
    _login(client, username="evil\r\nadmin", password="x")
    entry = AuditEntry.objects.get(event_type="login_failed")
    assert "\n" not in entry.message and "\\n" in entry.message


def test_idle_session_expires_after_thirty_minutes(client, cast):
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with freeze_time(start):
        _login(client)
        assert client.get("/").status_code == 200
    with freeze_time(start + dt.timedelta(minutes=20)):
        assert client.get("/").status_code == 200  # activity renews the idle window
    with freeze_time(start + dt.timedelta(minutes=51)):
        response = client.get("/")
        assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_activity_renews_the_session_at_most_once_a_minute(client, cast):
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with freeze_time(start):
        _login(client)
        client.get("/")
    session = Session.objects.get(session_key=client.cookies["sessionid"].value)
    assert session.expire_date == start + dt.timedelta(minutes=30)
    with freeze_time(start + dt.timedelta(seconds=30)):
        assert client.get("/").status_code == 200
    session.refresh_from_db()
    assert session.expire_date == start + dt.timedelta(minutes=30)  # not written again within the minute
    with freeze_time(start + dt.timedelta(minutes=2)):
        assert client.get("/").status_code == 200
    session.refresh_from_db()
    assert session.expire_date == start + dt.timedelta(minutes=32)


def test_absolute_session_lifetime_is_twelve_hours(client, cast):
    start = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
    step = dt.timedelta(minutes=25)
    now = start
    with freeze_time(now):
        _login(client)
        client.get("/")
    while now < start + dt.timedelta(hours=12):
        now += step
        with freeze_time(now):
            response = client.get("/")
    assert response.status_code == 302


def test_logout_invalidates_the_server_side_session(cast):
    client = Client()
    _login(client)
    cookie = client.cookies["sessionid"].value
    client.post("/accounts/logout/")
    replay = Client()
    replay.cookies["sessionid"] = cookie
    response = replay.get("/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert AuditEntry.objects.filter(event_type="logout").count() == 1


def test_logout_by_get_is_refused(client, cast):
    client.force_login(cast.officer)
    assert client.get("/accounts/logout/").status_code == 405


def test_csrf_is_enforced_on_login(cast):
    client = Client(enforce_csrf_checks=True)
    response = client.post(LOGIN, {"username": "officer", "password": PASSWORD})
    assert response.status_code == 403


def test_the_ui_is_chinese_whatever_the_browser_language(client, db):
    body = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "登录" in body and "Log in" not in body


def test_english_is_shown_once_the_user_switches_to_it(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": LOGIN})
    assert response.status_code == 302
    body = client.get(LOGIN).content.decode()
    assert "Log in" in body and 'lang="en"' in body


def test_password_change_is_audited(client, cast):
    client.force_login(cast.officer)
    response = change_password(client, PASSWORD, "Kunlun#2025road")
    assert response.status_code == 302
    assert AuditEntry.objects.filter(event_type="password_change", actor=cast.officer).count() == 1
