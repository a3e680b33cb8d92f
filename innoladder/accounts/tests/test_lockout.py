"""Lockout and throttling (issue 21 finding 12, 等保 DB-AU-2): a lock is not re-armed by attempts during it,
one address cannot spray many accounts, and a locked account looks like any failed login."""

import datetime as dt

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client
from freezegun import freeze_time

from innoladder.accounts.models import User
from innoladder.core.models import AuditEntry
from innoladder.core.testing.cast import PASSWORD
from innoladder.core.testing.factories import UserFactory

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def _active_at(user, when):
    """An account in use at `when` (not dormant, password not due), whatever year the test runs in."""
    User.objects.filter(pk=user.pk).update(last_login=when, password_changed_at=when)


def _login(client, username, password=PASSWORD, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.parametrize("year", [2026, 2031])
def test_attempts_during_a_lock_do_not_extend_it(cast, year):
    start = dt.datetime(year, 3, 2, 9, 0, tzinfo=dt.UTC)
    _active_at(cast.officer, start)
    client = Client()
    with freeze_time(start):
        for _ in range(5):
            _login(client, "officer", "wrong")
    # someone keeps trying the known user name every few minutes while it is locked
    for minutes in (5, 10, 15, 20, 25):
        with freeze_time(start + dt.timedelta(minutes=minutes)):
            _login(client, "officer", "wrong", ip=f"10.0.1.{minutes}")
    with freeze_time(start + dt.timedelta(minutes=31)):
        assert _login(client, "officer", ip="10.0.2.1").status_code == 302  # the owner gets in on time
    assert AuditEntry.objects.filter(event_type="lockout", object_repr="officer").count() == 1
    assert AuditEntry.objects.filter(message="账户锁定期间的登录尝试").count() == 5


def test_twenty_spray_attempts_from_one_address_are_throttled(cast):
    victims = [UserFactory(username=f"spray{i}") for i in range(20)]
    client = Client()
    statuses = [_login(client, u.username, "Summer#2026", ip="203.0.113.9").status_code for u in victims]
    assert statuses[:10] == [200] * 10
    assert statuses[10:] == [429] * 10
    # throttled attempts were not checked against the accounts at all
    assert User.objects.filter(username__startswith="spray", failed_login_count__gt=0).count() == 10
    # even the right password is refused from that address for now, not from another one
    assert _login(client, "officer", ip="203.0.113.9").status_code == 429
    assert _login(Client(), "officer", ip="198.51.100.7").status_code == 302
    assert AuditEntry.objects.filter(event_type="login_failed", message__contains="已限流").count() == 11


def test_the_address_limit_ends_after_its_window(cast):
    start = dt.datetime(2027, 8, 9, 14, 0, tzinfo=dt.UTC)
    _active_at(cast.officer, start)
    client = Client()
    with freeze_time(start):
        for i in range(10):
            _login(client, f"nobody{i}", "x", ip="203.0.113.10")
        assert _login(client, "officer", ip="203.0.113.10").status_code == 429
    with freeze_time(start + dt.timedelta(minutes=16)):
        assert _login(client, "officer", ip="203.0.113.10").status_code == 302


def test_unknown_wrong_and_locked_give_the_same_answer_after_the_same_work(cast, monkeypatch):
    User.objects.filter(pk=cast.other_officer.pk).update(
        locked_until=dt.datetime.now(dt.UTC) + dt.timedelta(minutes=20)
    )
    calls = []
    original = MD5PasswordHasher.encode

    def counting(self, password, salt):
        calls.append(1)
        return original(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", counting)
    answers, work = {}, {}
    for case, (username, password) in {
        "unknown": ("no_such_user", "Whatever#1x"),
        "wrong": ("officer", "Whatever#1x"),
        "locked": ("other_officer", PASSWORD),  # even with the right password
    }.items():
        calls.clear()
        response = _login(Client(), username, password, ip=f"10.9.0.{len(answers) + 1}")
        answers[case] = (response.status_code, response.context["form"].non_field_errors())
        work[case] = len(calls)
    assert answers["unknown"] == answers["wrong"] == answers["locked"]
    assert work["unknown"] == work["wrong"] == work["locked"] == 1
    assert "锁定" in answers["locked"][1][0]  # the one message says what may have happened
