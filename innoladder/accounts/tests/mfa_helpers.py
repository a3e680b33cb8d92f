"""Logging in through the real pages, second factor included (no force_login shortcut)."""

import re

from django_otp.plugins.otp_totp.models import TOTPDevice

from innoladder.accounts.testing import totp_now
from innoladder.core.testing.cast import PASSWORD

LOGIN = "/accounts/login/"
VERIFY = "/accounts/mfa/verify/"
SETUP = "/accounts/mfa/setup/"


def password_step(client, username, password=PASSWORD, next_url=""):
    url = f"{LOGIN}?next={next_url}" if next_url else LOGIN
    return client.post(url, {"username": username, "password": password})


def enrol(client, user):
    """Complete the enrolment page as a user with a phone would; returns (device, recovery codes)."""
    page = client.get(SETUP)
    assert page.status_code == 200
    body = page.content.decode()
    assert "<svg" in body
    key = re.search(r'id="totp-key">([A-Z2-7 ]+)<', body).group(1)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert key.replace(" ", "") in _b32(device)
    response = client.post(SETUP, {"code": totp_now(device)})
    assert response.status_code == 200
    codes = re.findall(r"<li>([A-Z2-9]{5}-[A-Z2-9]{5})</li>", response.content.decode())
    device.refresh_from_db()
    return device, codes


def _b32(device) -> str:
    import base64

    return base64.b32encode(device.bin_key).decode()


def full_login(client, user, device, password=PASSWORD):
    response = password_step(client, user.username, password)
    assert response.status_code == 302 and response["Location"] == VERIFY
    return client.post(VERIFY, {"code": totp_now(device)})
