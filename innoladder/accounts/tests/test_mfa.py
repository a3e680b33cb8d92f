"""Second factor (issue 21 finding 2, 等保 DB-AU-4): TOTP enrolment, verification, recovery codes, resets."""

import datetime as dt

import pytest
from django.db import IntegrityError
from django.test import Client, override_settings
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time

from innoladder.accounts import mfa
from innoladder.accounts.models import CredentialRequest, RecoveryCode, User
from innoladder.accounts.testing import totp_now
from innoladder.core.models import AuditEntry
from innoladder.core.testing.access import signed_in

from .mfa_helpers import SETUP, VERIFY, enrol, full_login, password_step

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role_user", ["admin", "auditor", "sysadmin", "secadmin", "auditadmin"])
def test_a_role_that_must_use_a_second_factor_reaches_only_the_enrolment_page(client, cast, role_user):
    user = getattr(cast, role_user)
    response = password_step(client, user.username)
    assert response.status_code == 302 and response["Location"] == SETUP
    for url in (
        "/",
        f"/enterprises/{cast.ent_a.pk}/",
        "/enterprises/",
        "/audit/",
        "/sysadmin/",
        "/accounts/manage/users/",
        "/accounts/password/",
        VERIFY,
        "/jobs/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == SETUP, url
    assert client.get(SETUP).status_code == 200
    assert client.post("/accounts/logout/").status_code == 302


def test_enrolment_shows_qr_and_key_once_then_verifies_the_session(client, cast):
    password_step(client, "auditor")
    device, codes = enrol(client, cast.auditor)
    assert device.confirmed and len(codes) == 10 and len(set(codes)) == 10
    # the codes are stored hashed only
    stored = list(RecoveryCode.objects.filter(device__user=cast.auditor).values_list("code_hash", flat=True))
    assert len(stored) == 10 and not any(code.replace("-", "") in h for code in codes for h in stored)
    assert all(mfa.recovery_code_hash(cast.auditor.pk, code) in stored for code in codes)
    # the session is verified: the auditor works normally
    assert client.get("/").status_code == 200
    # the seed is not shown again
    body = client.get(SETUP).content.decode()
    assert "<svg" not in body and 'id="totp-key"' not in body and "已绑定" in body
    assert (
        AuditEntry.objects.filter(
            event_type="update", object_id=str(cast.auditor.pk), message__contains="绑定手机验证器"
        ).count()
        == 1
    )


def test_login_with_a_second_factor_requires_the_code_before_anything(client, cast):
    device = TOTPDevice.objects.create(user=cast.auditor, name="phone", confirmed=True)
    response = password_step(client, "auditor", next_url="/enterprises/")
    assert response["Location"] == VERIFY
    for url in ("/", "/enterprises/", SETUP, "/accounts/password/"):
        assert client.get(url)["Location"] == VERIFY, url
    assert not AuditEntry.objects.filter(event_type="login").exists()  # not logged in until both steps
    response = client.post(VERIFY, {"code": totp_now(device)})
    assert response.status_code == 302 and response["Location"] == "/enterprises/"
    assert client.get("/enterprises/").status_code == 200
    entry = AuditEntry.objects.get(event_type="login")
    assert entry.actor == cast.auditor and "动态验证码" in entry.message


def test_a_code_cannot_be_used_twice_in_the_same_window(cast):
    device = TOTPDevice.objects.create(user=cast.auditor, name="phone", confirmed=True)
    start = dt.datetime(2026, 5, 4, 9, 0, 5, tzinfo=dt.UTC)
    with freeze_time(start):
        code = totp_now(device)
        first = Client()
        password_step(first, "auditor")
        assert first.post(VERIFY, {"code": code})["Location"] == "/"
    with freeze_time(start + dt.timedelta(seconds=10)):  # same 30-second step, same code
        second = Client()
        password_step(second, "auditor")
        response = second.post(VERIFY, {"code": code})
        assert response.status_code == 200 and "已使用过" in response.content.decode()
        assert second.get("/")["Location"] == VERIFY
    with freeze_time(start + dt.timedelta(seconds=40)):  # the next step's code works
        device.refresh_from_db()
        device.throttle_reset()
        assert second.post(VERIFY, {"code": totp_now(device)})["Location"] == "/"


def test_recovery_code_works_once(client, cast):
    password_step(client, "auditor")
    device, codes = enrol(client, cast.auditor)
    client.post("/accounts/logout/")
    password_step(client, "auditor")
    assert client.post(VERIFY, {"code": codes[0].lower()})["Location"] == "/"
    client.post("/accounts/logout/")
    password_step(client, "auditor")
    assert client.post(VERIFY, {"code": codes[0]}).status_code == 200
    assert client.get("/")["Location"] == VERIFY
    assert mfa.recovery_codes_left(cast.auditor) == 9


def test_five_wrong_codes_lock_the_account_and_end_the_half_login(client, cast):
    TOTPDevice.objects.create(user=cast.auditor, name="phone", confirmed=True)
    password_step(client, "auditor")
    for _ in range(4):
        assert client.post(VERIFY, {"code": "000000"}).status_code == 200
    response = client.post(VERIFY, {"code": "000000"})
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    cast.auditor.refresh_from_db()
    assert cast.auditor.locked_until is not None
    assert client.get("/").status_code == 302 and client.get("/")["Location"].startswith("/accounts/login/")
    assert AuditEntry.objects.filter(event_type="lockout", object_id=str(cast.auditor.pk)).count() == 1


def test_officers_choose_unless_the_operator_requires_it(client, cast):
    assert password_step(client, "officer")["Location"] == "/"
    assert client.get("/").status_code == 200
    client.post("/accounts/logout/")
    with override_settings(MFA_REQUIRED_FOR_OFFICERS=True):
        assert password_step(client, "officer")["Location"] == SETUP
        assert client.get("/")["Location"] == SETUP


def test_an_officer_who_enrolled_must_verify_at_every_login(client, cast):
    password_step(client, "officer")
    assert client.get(SETUP).status_code == 200  # available to everyone
    device, _codes = enrol(client, cast.officer)
    client.post("/accounts/logout/")
    with freeze_time(timezone.now() + dt.timedelta(seconds=31)):
        assert password_step(client, "officer")["Location"] == VERIFY
        assert client.get("/")["Location"] == VERIFY
        assert client.post(VERIFY, {"code": totp_now(device)})["Location"] == "/"


def test_second_factor_reset_needs_a_second_security_administrator(client, cast):
    device = TOTPDevice.objects.create(user=cast.auditadmin, name="phone", confirmed=True)
    client.force_login(cast.secadmin)
    url = f"/accounts/manage/users/{cast.auditadmin.pk}/mfa-reset/"
    assert client.post(url, {"reason": "手机丢失，已当面核实"}).status_code == 302
    req = CredentialRequest.objects.get(target=cast.auditadmin, kind="mfa_reset", status="pending")
    assert TOTPDevice.objects.filter(pk=device.pk).exists()  # nothing happens on one person's word
    # the requester cannot approve it
    client.post(f"/accounts/manage/approvals/{req.pk}/approve/")
    req.refresh_from_db()
    assert req.status == "pending" and TOTPDevice.objects.filter(pk=device.pk).exists()
    # a second security administrator can
    other = signed_in(cast.secadmin2)
    assert other.post(f"/accounts/manage/approvals/{req.pk}/approve/").status_code == 302
    req.refresh_from_db()
    assert req.status == "approved" and req.decided_by == cast.secadmin2
    assert not TOTPDevice.objects.filter(user=cast.auditadmin).exists()
    events = AuditEntry.objects.filter(actor__in=[cast.secadmin, cast.secadmin2]).values_list(
        "event_type", "object_type", "actor__username"
    )
    assert ("create", "accounts.CredentialRequest", "secadmin") in events
    assert ("transition", "accounts.CredentialRequest", "secadmin2") in events
    assert ("update", "accounts.User", "secadmin2") in events
    # the user enrols again at the next login
    fresh = Client()
    assert password_step(fresh, "auditadmin")["Location"] == SETUP


def test_the_database_refuses_a_request_decided_by_its_requester(cast):
    req = CredentialRequest.objects.create(
        kind="mfa_reset", target=cast.officer, reason="x", requested_by=cast.secadmin
    )
    req.decided_by = cast.secadmin
    with pytest.raises(IntegrityError):
        req.save()


def test_the_target_cannot_approve_a_reset_of_their_own_account(client, cast):
    req = CredentialRequest.objects.create(
        kind="mfa_reset", target=cast.secadmin2, reason="x", requested_by=cast.secadmin
    )
    client.force_login(cast.secadmin2)
    client.post(f"/accounts/manage/approvals/{req.pk}/approve/")
    req.refresh_from_db()
    assert req.status == "pending"


def test_full_login_through_the_pages_for_an_enrolled_administrator(client, cast):
    device = TOTPDevice.objects.create(user=cast.sysadmin, name="phone", confirmed=True)
    assert full_login(client, cast.sysadmin, device)["Location"] == "/"
    assert client.get("/")["Location"] == "/sysadmin/"
    assert client.get("/sysadmin/").status_code == 200
    assert User.objects.get(pk=cast.sysadmin.pk).failed_login_count == 0
