import re
from pathlib import Path

import pytest

from innoladder.core.testing.access import OK, assert_access


def test_home_page_is_in_chinese_for_every_role(client, cast):
    assert_access(client, cast, "/", {name: OK for name in cast.users() if name != "anonymous"})
    client.force_login(cast.officer)
    body = client.get("/").content.decode()
    assert "科创企业梯度培育平台" in body and "园区工作人员" in body


def test_error_pages_are_in_chinese(client, cast):
    client.force_login(cast.officer)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_pages_link_no_external_assets(client, cast):
    client.force_login(cast.officer)
    body = client.get("/").content.decode()
    assert not re.search(r'(src|href)="https?://', body)


def test_security_headers(client, cast):
    client.force_login(cast.officer)
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_rules_engine_imports_no_django():
    package = Path(__file__).resolve().parents[2] / "eligibility"
    offenders = [
        str(path)
        for path in package.rglob("*.py")
        if re.search(r"^\s*(from|import)\s+django", path.read_text(encoding="utf-8"), re.MULTILINE)
    ]
    assert offenders == []


@pytest.mark.parametrize("url", ["/", "/enterprises/", "/audit/", "/accounts/password/"])
def test_anonymous_users_are_sent_to_login(client, db, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
