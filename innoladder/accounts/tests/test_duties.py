"""三权分立 (issue 21 finding 3, 等保 DB-AC-4, DB-MC-1): three administrator duties, never held together,
each reaching only its own screens and no business data."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from innoladder.accounts.choices import Role
from innoladder.accounts.models import CredentialRequest, User
from innoladder.core.models import AuditEntry
from innoladder.core.scoping import CHANGE, VIEW, for_user
from innoladder.core.testing.access import signed_in
from innoladder.enterprises.models import Enterprise

pytestmark = pytest.mark.django_db

# What each duty may open (URL names; Django admin's are "admin:…"), besides its own account's pages.
OWN = {"login", "logout", "password_change", "mfa_setup", "mfa_verify", "set_language", "home"}
DUTY = {
    "sysadmin": lambda name: name.startswith("admin:"),
    "secadmin": lambda name: name.startswith("account_"),
    "auditadmin": lambda name: name.startswith("audit_") or name == "job_detail",
}
SAMPLE = {"int": "1", "str": "x", "slug": "x", "uuid": "00000000-0000-0000-0000-000000000001", "path": "x"}


def _patterns(resolver=None, prefix="", namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from _patterns(
                entry, prefix + str(entry.pattern), f"{ns}:" if entry.namespace else namespace
            )
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", prefix + str(entry.pattern)


def _sample_path(route: str) -> str | None:
    if route.startswith("^") or "(?P" in route:  # regex routes of Django admin: filled in below
        route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route).lstrip("^").rstrip("$")
        route = route.replace("\\", "")
    path = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE.get(m.group(1) or "str", "x"), route)
    return "/" + path


def every_url():
    seen = set()
    for name, route in _patterns():
        path = _sample_path(route)
        if path and name not in seen:
            seen.add(name)
            yield name, path


def test_no_account_is_a_superuser(cast):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_superuser("root", password="Zxcv#2026root", role=Role.SECADMIN)
    cast.secadmin.is_superuser = True
    with pytest.raises(ValidationError):
        cast.secadmin.full_clean(exclude=["password"])


def test_an_account_holds_one_duty_and_no_business_link(cast):
    # the role is one column: giving a second duty replaces nothing silently, it is refused as a request
    cast.secadmin.enterprise = cast.ent_a
    with pytest.raises(IntegrityError), transaction.atomic():
        cast.secadmin.save()
    cast.secadmin.refresh_from_db()
    client = signed_in(cast.secadmin2)
    response = client.post(
        f"/accounts/manage/users/{cast.sysadmin.pk}/",
        {"role": Role.AUDITADMIN, "display_name": "", "reason": "兼任审计", "is_active": "on"},
    )
    assert response.status_code == 302
    cast.sysadmin.refresh_from_db()
    assert cast.sysadmin.role == Role.SYSADMIN  # unchanged until a second security administrator approves
    assert CredentialRequest.objects.filter(
        target=cast.sysadmin, kind="role_grant", status="pending"
    ).exists()


@pytest.mark.parametrize("duty", ["sysadmin", "secadmin", "auditadmin"])
def test_each_duty_gets_403_on_every_page_outside_it(cast, duty):
    client = signed_in(getattr(cast, duty))
    allowed = DUTY[duty]
    wrong, checked = {}, 0
    for name, path in every_url():
        if name in OWN or allowed(name):
            continue
        checked += 1
        status = client.get(path).status_code
        if status != 403:
            wrong[name] = (path, status)
    assert checked > 150  # the whole site, not a sample
    assert not wrong, wrong


@pytest.mark.parametrize("duty", ["sysadmin", "secadmin", "auditadmin"])
def test_no_duty_sees_business_data(cast, duty):
    user = getattr(cast, duty)
    assert not for_user(Enterprise, user, VIEW).exists()
    assert not for_user(Enterprise, user, CHANGE).exists()


def test_each_duty_lands_on_its_own_screen(cast):
    landing = {"sysadmin": "/sysadmin/", "secadmin": "/accounts/manage/users/", "auditadmin": "/audit/"}
    for duty, url in landing.items():
        client = signed_in(getattr(cast, duty))
        assert client.get("/")["Location"] == url


def test_account_screens_belong_to_the_security_administrator_only(cast):
    urls = [
        "/accounts/manage/users/",
        f"/accounts/manage/users/{cast.officer.pk}/",
        f"/accounts/manage/users/{cast.officer.pk}/password/",
        "/accounts/manage/approvals/",
        "/accounts/manage/users/new/",
    ]
    for name, user in {**cast.users(), **cast.admins()}.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        for url in urls:
            status = client.get(url).status_code
            if name in ("secadmin", "secadmin2"):
                assert status == 200, (name, url)
            elif user is None:
                assert status == 302, (name, url)
            else:
                assert status in (403, 404), (name, url, status)


def test_audit_log_is_closed_to_the_system_and_security_administrators(cast):
    for duty in ("sysadmin", "secadmin"):
        client = signed_in(getattr(cast, duty))
        assert client.get("/audit/").status_code == 403


def test_the_security_administrator_cannot_reset_their_own_or_an_auditors_password_alone(cast):
    client = signed_in(cast.secadmin)
    for target in (cast.secadmin, cast.auditadmin, cast.auditor):
        old = User.objects.get(pk=target.pk).password
        response = client.post(
            f"/accounts/manage/users/{target.pk}/password/",
            {"password1": "Reset#2026pass", "password2": "Reset#2026pass", "reason": "遗忘密码"},
        )
        assert response.status_code == 302
        assert User.objects.get(pk=target.pk).password == old, target.username
        assert CredentialRequest.objects.filter(
            target=target, kind="password_reset", status="pending"
        ).exists()
    # the second security administrator approves the auditor's: now it applies, to be changed at login
    req = CredentialRequest.objects.get(target=cast.auditadmin, kind="password_reset")
    other = signed_in(cast.secadmin2)
    assert other.post(f"/accounts/manage/approvals/{req.pk}/approve/").status_code == 302
    target = User.objects.get(pk=cast.auditadmin.pk)
    assert target.check_password("Reset#2026pass") and target.must_change_password
    req.refresh_from_db()
    assert req.password_hash == ""  # not kept once decided
    assert (
        AuditEntry.objects.filter(
            event_type="password_change",
            object_id=str(target.pk),
            actor=cast.secadmin2,
            message__contains="经复核",
        ).count()
        == 1
    )


def test_a_business_account_is_managed_by_one_security_administrator_audited(cast):
    client = signed_in(cast.secadmin)
    response = client.post(
        "/accounts/manage/users/new/",
        {
            "username": "ent_c",
            "display_name": "企业丙",
            "role": Role.ENTERPRISE,
            "enterprise_uscc": cast.ent_b.uscc,
            "password1": "Erst3s!Pass",
            "password2": "Erst3s!Pass",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="ent_c")
    assert user.enterprise == cast.ent_b and user.is_active and user.must_change_password
    assert AuditEntry.objects.filter(
        event_type="create", object_id=str(user.pk), actor=cast.secadmin
    ).exists()


def test_a_new_administrator_account_waits_for_the_second_security_administrator(cast):
    client = signed_in(cast.secadmin)
    client.post(
        "/accounts/manage/users/new/",
        {
            "username": "secadmin3",
            "role": Role.SECADMIN,
            "password1": "Erst3s!Pass",
            "password2": "Erst3s!Pass",
        },
    )
    user = User.objects.get(username="secadmin3")
    assert user.is_active is False
    req = CredentialRequest.objects.get(target=user, kind="role_grant")
    client.post(f"/accounts/manage/approvals/{req.pk}/approve/")  # the requester: refused
    assert User.objects.get(pk=user.pk).is_active is False
    other = signed_in(cast.secadmin2)
    other.post(f"/accounts/manage/approvals/{req.pk}/approve/")
    assert User.objects.get(pk=user.pk).is_active is True


def test_the_first_security_administrators_come_from_the_shell(db, monkeypatch):
    import io

    from django.core.management import call_command

    monkeypatch.setattr("sys.stdin", io.StringIO("Erst3s!Pass\n"))
    out = io.StringIO()
    call_command("create_security_admin", "sec1", "--password-stdin", stdout=out)
    user = User.objects.get(username="sec1")
    assert user.role == Role.SECADMIN and user.must_change_password and not user.is_superuser
    assert "双人复核至少需要 2 名" in out.getvalue()
    assert AuditEntry.objects.filter(event_type="create", object_id=str(user.pk)).count() == 1


@pytest.mark.parametrize("duty", ["sysadmin", "secadmin", "auditadmin"])
def test_administrator_passwords_expire_like_staff_passwords(cast, duty):
    import datetime as dt

    from django.utils import timezone

    user = getattr(cast, duty)
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - dt.timedelta(days=91))
    client = signed_in(user)
    landing = client.get("/")["Location"]
    assert client.get(landing)["Location"] == "/accounts/password/"
