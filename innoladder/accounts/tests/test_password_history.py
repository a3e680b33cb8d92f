"""Password history (issue 21 finding 14, 等保 DB-AU-1): no "change" back to the administrator-set initial
password or to any of the last five; hashes only."""

import pytest

from innoladder.accounts.models import PasswordHistory, User
from innoladder.core.models import AuditEntry
from innoladder.core.testing.access import signed_in

from .passwords import CHANGE, change_password

pytestmark = pytest.mark.django_db


def test_the_administrator_set_password_cannot_be_kept_as_the_new_one(client, cast):
    secadmin = signed_in(cast.secadmin)
    secadmin.post(
        f"/accounts/manage/users/{cast.officer.pk}/password/",
        {"password1": "Start#2026pass", "password2": "Start#2026pass", "reason": "新入职"},
    )
    client.force_login(User.objects.get(pk=cast.officer.pk))
    response = change_password(client, "Start#2026pass", "Start#2026pass")
    assert response.status_code == 200 and "管理员设置的初始密码" in response.content.decode()
    assert User.objects.get(pk=cast.officer.pk).must_change_password is True
    assert client.get("/")["Location"] == CHANGE  # still due
    assert change_password(client, "Start#2026pass", "Kunlun#2026road").status_code == 302


def test_none_of_the_last_five_passwords_can_come_back(client, cast):
    client.force_login(cast.officer)
    passwords = ["Passw0rd!x", "Qaidam#2026a", "Qaidam#2026b", "Qaidam#2026c", "Qaidam#2026d", "Qaidam#2026e"]
    for old, new in zip(passwords, passwords[1:], strict=False):
        assert change_password(client, old, new).status_code == 302, new
    current = passwords[-1]
    for reused in passwords[1:]:  # the current one and the four before it
        response = change_password(client, current, reused)
        assert response.status_code == 200 and "最近 5 次" in response.content.decode(), reused
    # the sixth back is out of the window
    assert change_password(client, current, passwords[0]).status_code == 302
    assert AuditEntry.objects.filter(event_type="password_change", actor=cast.officer).count() == 6


def test_history_keeps_hashes_only(cast):
    hashes = list(PasswordHistory.objects.filter(user=cast.officer).values_list("password_hash", flat=True))
    assert hashes and all("Passw0rd!x" not in h for h in hashes)
    assert hashes[0] == User.objects.get(pk=cast.officer.pk).password
