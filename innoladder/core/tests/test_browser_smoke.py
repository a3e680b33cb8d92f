import pytest

from innoladder.core.testing.browser import login
from innoladder.core.testing.cast import PASSWORD


@pytest.mark.browser
def test_officer_logs_in_and_sees_the_chinese_home_page(page, cast):
    login(page, "officer", PASSWORD)
    assert page.url.rstrip("/") == page.base_url
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert "您好" in page.inner_text("main")
    assert "园区工作人员" in page.inner_text("main")
    assert page.locator("nav a", has_text="企业档案").count() == 1
    # Local static assets load (no CDN): htmx defines its global.
    assert page.evaluate("typeof htmx") == "object"


@pytest.mark.browser
def test_wrong_password_shows_a_chinese_error(page, cast):
    login(page, "officer", "wrong-password")
    assert "用户名或密码错误" in page.inner_text("main")


@pytest.mark.browser
def test_pages_load_without_a_missing_resource(page, cast):
    """Every resource a page asks for exists (the browser used to ask for /favicon.ico and get a 404)."""
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    login(page, "officer", PASSWORD)
    for path in ("/", "/enterprises/"):
        page.goto(f"{page.base_url}{path}")
        page.wait_for_load_state("networkidle")
    assert errors == []
