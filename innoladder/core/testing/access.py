"""One helper that checks a URL against the whole cast: who gets the page, who gets 404, who must log in."""

from django.test import Client

OK = 200
NOT_FOUND = 404
LOGIN = "login"
FORBIDDEN = 403


def status_for(client: Client, user, url: str, method: str = "get", data=None) -> int | str:
    client.logout()
    if user is not None:
        client.force_login(user)
    response = getattr(client, method)(url, data or {})
    if response.status_code == 302 and "/accounts/login/" in response.get("Location", ""):
        return LOGIN
    return response.status_code


def assert_access(
    client: Client, cast, url: str, expected: dict, method: str = "get", data=None, default=NOT_FOUND
) -> None:
    """`expected` maps cast names to a status (200, 302, 404, 403 or LOGIN); the rest must get `default`.

    Anonymous users must always be sent to the login page unless stated otherwise.
    """
    expected = {"anonymous": LOGIN, **expected}
    wrong = {}
    for name, user in cast.users().items():
        want = expected.get(name, default)
        got = status_for(client, user, url, method, data)
        if got != want:
            wrong[name] = (want, got)
    client.logout()
    assert not wrong, f"{method.upper()} {url}: unexpected statuses (want, got): {wrong}"
