"""One login path (issue 21 finding 1): the system configuration screens (/sysadmin/) have no login of
their own; a locked account cannot get in there by any route, and nobody gets in without the second factor."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from innoladder.accounts.models import User
from innoladder.core.models import AuditEntry
from innoladder.core.testing.cast import PASSWORD
from innoladder.enterprises.models import Park

from .mfa_helpers import VERIFY, full_login, password_step

pytestmark = pytest.mark.django_db


def _lock(user):
    User.objects.filter(pk=user.pk).update(locked_until=timezone.now() + dt.timedelta(minutes=25))


def test_the_admin_login_page_is_the_apps_login(client, cast):
    response = client.get("/sysadmin/login/?next=/sysadmin/enterprises/park/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/sysadmin/enterprises/park/"
    response = client.get("/sysadmin/")
    assert response.status_code == 302 and response["Location"].startswith("/sysadmin/login/")


@pytest.mark.parametrize("who", ["sysadmin", "admin"])
def test_a_locked_staff_account_cannot_get_in_through_sysadmin_by_any_route(cast, who):
    user = getattr(cast, who)
    User.objects.filter(pk=user.pk).update(is_staff=True)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    _lock(user)
    client = Client()
    # 1. the Django admin login form (this used to log a locked staff account in)
    response = client.post(
        "/sysadmin/login/?next=/sysadmin/",
        {"username": user.username, "password": PASSWORD, "next": "/sysadmin/"},
    )
    assert "_auth_user_id" not in client.session
    # 2. the app's login, sent on to /sysadmin/
    response = password_step(client, user.username, next_url="/sysadmin/")
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    # 3. nothing behind it answers
    for url in (
        "/sysadmin/",
        "/sysadmin/enterprises/park/",
        "/sysadmin/accounts/agencyassignment/",
        "/enterprises/",
        "/audit/",
        "/enterprises/export/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url
    # 4. a session opened before the lock does not open the configuration screens either
    User.objects.filter(pk=user.pk).update(locked_until=None)
    earlier = Client()
    full_login(earlier, user, device)
    _lock(user)
    assert earlier.get("/sysadmin/").status_code in (302, 403)


def test_the_configuration_screens_need_the_second_factor(client, cast):
    TOTPDevice.objects.create(user=cast.sysadmin, name="phone", confirmed=True)
    password_step(client, "sysadmin", next_url="/sysadmin/")
    assert client.get("/sysadmin/")["Location"] == VERIFY
    assert client.get("/sysadmin/enterprises/park/")["Location"] == VERIFY


def test_failed_logins_for_the_configuration_screens_count_and_are_audited(client, cast):
    for _ in range(5):
        password_step(client, "sysadmin", "wrong", next_url="/sysadmin/")
    cast.sysadmin.refresh_from_db()
    assert cast.sysadmin.locked_until is not None
    assert AuditEntry.objects.filter(event_type="login_failed", object_id=str(cast.sysadmin.pk)).count() == 5
    assert AuditEntry.objects.filter(event_type="lockout", object_id=str(cast.sysadmin.pk)).count() == 1


def test_the_system_administrator_edits_parks_audited_and_nothing_else(client, cast):
    client.force_login(cast.sysadmin)
    assert client.get("/sysadmin/").status_code == 200
    response = client.post(
        f"/sysadmin/enterprises/park/{cast.park.pk}/change/",
        {
            "name": "格尔木工业园",
            "short_name": "格园",
            "province": "青海省",
            "division_code": "632801",
            "sub_zones": "[]",
        },
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    assert Park.objects.get(pk=cast.park.pk).short_name == "格园"
    assert AuditEntry.objects.filter(
        event_type="update", object_type="enterprises.Park", actor=cast.sysadmin
    ).exists()
    # agency assignments are park business (园区管理员), the audit log is the 审计管理员's, there are no
    # account screens in Django admin at all
    assert client.get("/sysadmin/accounts/agencyassignment/").status_code == 403
    assert client.get("/sysadmin/core/auditentry/").status_code == 403
    assert client.get("/sysadmin/accounts/user/").status_code == 404


def test_who_reaches_the_configuration_screens(client, cast):
    expected = {"sysadmin": 200, "admin": 200}
    for name, user in {**cast.users(), **cast.admins()}.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.get("/sysadmin/")
        if name in expected:
            assert response.status_code == 200, name
        else:
            assert response.status_code in (302, 403), name
            if response.status_code == 302:
                follow = client.get(response["Location"])
                assert follow.status_code in (302, 403), name
                if user is not None:
                    assert follow.status_code == 403, name


def test_logging_out_of_the_configuration_screens_is_the_apps_audited_logout(client, cast):
    client.force_login(cast.sysadmin)
    response = client.post("/sysadmin/logout/")
    assert response.status_code == 302
    assert client.get("/sysadmin/").status_code == 302
    assert AuditEntry.objects.filter(event_type="logout", actor=cast.sysadmin).count() == 1
