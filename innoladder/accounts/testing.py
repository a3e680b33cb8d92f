"""pytest plugin (loaded from pyproject's addopts): test logins that skip the login form skip both steps.

`client.force_login(user)` and `client.login(...)` stand for a completed login. For an account that must
use a second factor, that includes the second step: the account gets a real, confirmed TOTP authenticator
(enrolled as a user would, unless it has one) and the session is verified with it, exactly as the verify page
does. Production code has no bypass; tests of the second factor itself log in through the pages.
"""

import pytest


def enrolled_device(user):
    """The user's confirmed authenticator, enrolling one (as the setup page does) when there is none."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="手机验证器", confirmed=True)
    type(user).objects.filter(pk=user.pk).update(mfa_enrolled=True)
    user.mfa_enrolled = True
    return device


def totp_now(device) -> str:
    """The code the user's phone shows now for this device."""
    import time

    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


@pytest.hookimpl(trylast=True)
def pytest_configure(config):
    from django.test.client import ClientMixin

    original = ClientMixin._login
    if getattr(original, "_with_second_factor", False):
        return

    def _login(self, user, backend=None):
        from django_otp import DEVICE_ID_SESSION_KEY

        from innoladder.accounts import roles

        original(self, user, backend)
        if roles.mfa_required(user) or user.mfa_enrolled:
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = enrolled_device(user).persistent_id  # as the verify page does
            session.save()

    _login._with_second_factor = True
    ClientMixin._login = _login
