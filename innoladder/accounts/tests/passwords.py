"""The password-change page as the password tests post to it."""

CHANGE = "/accounts/password/"


def change_password(client, old: str, new: str):
    """The signed-in user of `client` changes their password from `old` to `new` (typed twice)."""
    return client.post(CHANGE, {"old_password": old, "new_password1": new, "new_password2": new})
