"""Real-browser journeys: Playwright driving Debian's Chromium (no browser download happens here)."""

import os
import shutil

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


@pytest.fixture
def page(live_server):
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: `make test` installs Debian's chromium package")
        pytest.skip("Chromium not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(locale="zh-CN", accept_downloads=True)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.base_url = live_server.url
        page.csp_violations = []
        page.on("console", lambda message: _note_csp_violation(page, message))
        yield page
        violations = list(page.csp_violations)
        context.close()
        browser.close()
    # Every journey doubles as a Content-Security-Policy check: a blocked script, style or handler is a
    # broken page for the user, so it fails the test that met it.
    assert not violations, "blocked by the Content-Security-Policy:\n" + "\n".join(violations)


def _note_csp_violation(page, message) -> None:
    if message.type == "error" and "Content Security Policy" in message.text:
        page.csp_violations.append(f"{page.url}: {message.text}")


def login(page, username: str, password: str, device=None) -> None:
    """Log in through the login page; `device` (a confirmed TOTP device) answers the second-factor step
    as the user's phone would, for roles that must use one."""
    page.goto(f"{page.base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    if device is not None and page.url.endswith("/accounts/mfa/verify/"):
        from innoladder.accounts.testing import totp_now

        page.fill("#id_code", totp_now(device))
        page.click("main button[type=submit]")
        page.wait_for_load_state("networkidle")
