"""The author a write records: the signed-in user, never an anonymous one."""

from django.contrib.auth.models import AnonymousUser

from innoladder.core.services import acting_user
from innoladder.core.testing.factories import UserFactory


def test_acting_user_is_the_signed_in_user():
    user = UserFactory.build()
    assert acting_user(user) is user


def test_acting_user_is_none_for_nobody_or_an_anonymous_visitor():
    assert acting_user(None) is None
    assert acting_user(AnonymousUser()) is None
