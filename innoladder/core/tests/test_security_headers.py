"""Content-Security-Policy and Permissions-Policy on every response, `Cache-Control: no-store` on every
response to a signed-in user (finding 13; DB-RI-2, ASVS 3.4.3 and 14.3.2)."""

import re
from pathlib import Path

import pytest

from innoladder.core.middleware import CONTENT_SECURITY_POLICY
from innoladder.core.testing.factories import AnnualDataFactory

PACKAGE = Path(__file__).resolve().parents[2]


def _directives(header: str) -> dict[str, list[str]]:
    parts = (d.strip().split() for d in header.split(";") if d.strip())
    return {p[0]: p[1:] for p in parts}


def test_the_policy_allows_this_site_only():
    policy = _directives(CONTENT_SECURITY_POLICY)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"] and policy["base-uri"] == ["'self'"]
    everything = " ".join(v for values in policy.values() for v in values)
    assert "unsafe-inline" not in everything and "unsafe-eval" not in everything
    assert "http" not in everything and "*" not in everything


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/enterprises/",
        "/enterprises/{a}/",
        "/enterprises/{a}/sections/policies/",
        "/enterprises/{a}/timeline/",
        "/enterprises/export/",
        "/imports/annual_data/template.xlsx",
        "/reports/dashboard/",
    ],
)
def test_signed_in_pages_files_and_fragments_are_never_stored(client, cast, url):
    AnnualDataFactory(enterprise=cast.ent_a, year=2024)
    client.force_login(cast.officer)
    response = client.get(url.format(a=cast.ent_a.pk), HTTP_HX_REQUEST="true" if "sections" in url else "")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions


def test_a_refused_request_of_a_signed_in_user_is_not_stored_either(client, cast):
    client.force_login(cast.user_a)
    response = client.get(f"/enterprises/{cast.ent_b.pk}/")
    assert response.status_code == 404 and response["Cache-Control"] == "no-store"


def test_anonymous_pages_carry_the_policies(client, db):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "camera=()" in response["Permissions-Policy"]


# What a 'self'-only policy blocks when it is written in a template: inline scripts, inline event handlers,
# style attributes and <style> elements. (json_script's <script type="application/json"> is data, not
# code, and is written by a filter, not in the template source.)
INLINE = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "event handler": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE),
    "style attribute": re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE),
    "style element": re.compile(r"<style\b", re.IGNORECASE),
    "javascript: URL": re.compile(r"""(href|src|action)\s*=\s*["']\s*javascript:""", re.IGNORECASE),
}


def test_no_template_writes_what_the_policy_blocks():
    found = []
    for path in sorted(PACKAGE.rglob("templates/**/*.html")):
        text = path.read_text(encoding="utf-8")
        for kind, pattern in INLINE.items():
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(PACKAGE)}:{line}: {kind}")
    assert not found, "\n".join(found)
