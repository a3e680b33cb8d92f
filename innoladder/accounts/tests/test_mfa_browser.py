"""Real-browser journey: an auditor enrols a phone authenticator at the first login (offline QR code), keeps
the recovery codes, then logs in with password and code; the seed is not shown again."""

import base64

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from innoladder.accounts.testing import totp_now
from innoladder.core.testing.browser import login
from innoladder.core.testing.cast import PASSWORD


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_auditor_enrols_then_logs_in_with_the_code(page, cast):
    login(page, "auditor", PASSWORD)
    assert page.url.endswith("/accounts/mfa/setup/")
    assert page.locator("main svg").count() == 1  # the QR code, drawn inline: no network needed
    key = page.inner_text("#totp-key").replace(" ", "")
    device = TOTPDevice.objects.get(user=cast.auditor, confirmed=False)
    assert base64.b32encode(device.bin_key).decode().rstrip("=") == key
    page.fill("#id_code", totp_now(device))
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("#recovery-codes li").count() == 10
    page.click("text=我已保存，继续")
    page.wait_for_load_state("networkidle")
    assert page.url.rstrip("/") == page.base_url and "您好" in page.inner_text("main")
    page.goto(f"{page.base_url}/accounts/mfa/setup/")
    assert page.locator("#totp-key").count() == 0 and "已绑定手机验证器" in page.inner_text("main")
    page.click("[data-user-menu]")
    page.click("nav button:has-text('退出')")
    page.wait_for_load_state("networkidle")
    device.refresh_from_db()
    device.last_t -= 1  # the next test step may fall in the same 30-second window; the phone shows a new code
    device.save()
    login(page, "auditor", PASSWORD, device=device)
    assert page.url.rstrip("/") == page.base_url and "您好" in page.inner_text("main")
