import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from innoladder.accounts.models import User


@pytest.mark.parametrize(
    "password",
    ["Ab1!xyz", "abcdefgh12", "ABCDEFGH12", "12345678", "zhangwei2024X"],
    ids=["too-short", "two-classes-lower", "two-classes-upper", "digits-only", "similar-to-username"],
)
def test_weak_passwords_are_refused(db, password):
    user = User(username="zhangwei2024", display_name="张伟")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_common_password_is_refused(db):
    with pytest.raises(ValidationError) as exc:
        validate_password("Password1", User(username="someone"))
    assert any(e.code == "password_too_common" for e in exc.value.error_list)


def test_strong_password_passes(db):
    validate_password("Qinghai#2024salt", User(username="someone"))


def test_usernames_are_unique_ignoring_case(db):
    User.objects.create(username="Officer1", role="officer")
    with pytest.raises(IntegrityError):
        User.objects.create(username="officer1", role="officer")


def test_login_accepts_username_in_any_case(client, cast):
    response = client.post("/accounts/login/", {"username": "OFFICER", "password": "Passw0rd!x"})
    assert response.status_code == 302
    assert response["Location"] == "/"
