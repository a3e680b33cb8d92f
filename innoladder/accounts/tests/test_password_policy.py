"""Periodic password change, forced change of administrator-set passwords, dormant accounts (等保)."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from innoladder.accounts.models import User
from innoladder.core.models import AuditEntry
from innoladder.core.testing.cast import PASSWORD

from .passwords import CHANGE, change_password

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
NEW = "Neu3s!Kennwort"


def _age_password(user, days):
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - dt.timedelta(days=days))


def test_set_password_records_when(cast):
    before = timezone.now()
    cast.officer.set_password(NEW)
    assert cast.officer.password_changed_at >= before
    created = User.objects.create_user("created", password=NEW, role="officer")
    assert created.password_changed_at >= before and created.must_change_password is False


def test_staff_password_older_than_90_days_allows_only_change_and_logout(client, cast):
    _age_password(cast.officer, 91)
    client.force_login(cast.officer)
    for url in ("/", f"/enterprises/{cast.ent_a.pk}/", "/enterprises/export/", "/jobs/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == CHANGE, url
    page = client.get(CHANGE)
    assert page.status_code == 200 and "密码已超过 90 天未修改" in page.content.decode()
    response = change_password(client, PASSWORD, NEW)
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert AuditEntry.objects.filter(event_type="password_change", actor=cast.officer).count() == 1


def test_password_of_89_days_and_enterprise_users_are_not_forced(client, cast):
    _age_password(cast.officer, 89)
    _age_password(cast.user_a, 400)  # enterprise users change only a password an administrator set
    for user in (cast.officer, cast.user_a):
        client.force_login(user)
        assert client.get("/").status_code == 200


def test_administrator_set_password_must_be_changed_by_any_role(client, cast):
    User.objects.filter(pk=cast.user_a.pk).update(must_change_password=True)
    client.force_login(cast.user_a)
    response = client.get(f"/enterprises/{cast.ent_a.pk}/")
    assert response.status_code == 302 and response["Location"] == CHANGE
    assert "由管理员设置或重置" in client.get(CHANGE).content.decode()
    change_password(client, PASSWORD, NEW)
    cast.user_a.refresh_from_db()
    assert cast.user_a.must_change_password is False
    assert client.get(f"/enterprises/{cast.ent_a.pk}/").status_code == 200


def test_logout_stays_possible_with_a_due_password(client, cast):
    _age_password(cast.auditor, 120)
    client.force_login(cast.auditor)
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/")["Location"].startswith(LOGIN)


def test_administrator_reset_and_creation_force_a_change(client, cast):
    client.force_login(cast.secadmin)
    response = client.post(
        f"/accounts/manage/users/{cast.officer.pk}/password/",
        {"password1": "Zur3set!Pass", "password2": "Zur3set!Pass", "reason": "用户遗忘密码"},
    )
    assert response.status_code == 302
    cast.officer.refresh_from_db()
    assert cast.officer.must_change_password is True and cast.officer.check_password("Zur3set!Pass")
    response = client.post(
        "/accounts/manage/users/new/",
        {
            "username": "newofficer",
            "password1": "Erst3s!Pass",
            "password2": "Erst3s!Pass",
            "role": "officer",
            "parks": [cast.park.pk],  # an officer always works in a park
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.get(username="newofficer").must_change_password is True


def test_login_after_more_than_90_days_without_one_disables_the_account(client, cast):
    start = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
    User.objects.filter(pk=cast.officer.pk).update(last_login=start, password_changed_at=start)
    with freeze_time(start + dt.timedelta(days=91)):
        response = client.post(LOGIN, {"username": "officer", "password": PASSWORD})
    assert response.status_code == 200 and "超过 90 天未登录，已停用" in response.content.decode()
    cast.officer.refresh_from_db()
    assert cast.officer.is_active is False
    entry = AuditEntry.objects.get(event_type="account_disabled")
    assert entry.object_id == str(cast.officer.pk)


def test_login_within_90_days_works(client, cast):
    start = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
    User.objects.filter(pk=cast.officer.pk).update(last_login=start, password_changed_at=start)
    with freeze_time(start + dt.timedelta(days=89)):
        response = client.post(LOGIN, {"username": "officer", "password": PASSWORD})
    assert response.status_code == 302
    cast.officer.refresh_from_db()
    assert cast.officer.is_active is True


def test_daily_command_disables_dormant_accounts_once_and_audits_each(cast):
    now = timezone.now()
    User.objects.filter(pk=cast.officer.pk).update(last_login=now - dt.timedelta(days=91))
    User.objects.filter(pk=cast.user_b.pk).update(last_login=None, date_joined=now - dt.timedelta(days=120))
    User.objects.filter(pk=cast.agency.pk).update(last_login=now - dt.timedelta(days=30))
    call_command("disable_dormant_accounts")
    call_command("disable_dormant_accounts")
    inactive = set(User.objects.filter(is_active=False).values_list("username", flat=True))
    assert inactive == {"officer", "user_b"}
    assert AuditEntry.objects.filter(event_type="account_disabled").count() == 2
