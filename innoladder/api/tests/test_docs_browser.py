"""The API docs page (Swagger UI from local files) works offline under the site's CSP: every operation of
the schema is listed, no request leaves the server, no console error."""

from pathlib import Path

import pytest
import yaml

SCHEMA = Path(__file__).resolve().parents[3] / "docs" / "api" / "openapi.yaml"


@pytest.mark.browser
def test_the_docs_page_lists_every_operation_offline(page, cast):
    operations = sum(len(item) for item in yaml.safe_load(SCHEMA.read_text("utf-8"))["paths"].values())
    outside, errors = [], []
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(page.base_url)
            else (outside.append(route.request.url), route.abort())
        ),
    )
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{page.base_url}/api/v1/docs/")
    page.wait_for_selector(".opblock-summary-path")
    page.wait_for_load_state("networkidle")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert len(paths) == operations
    assert any("/api/v1/enterprises/" in p for p in paths)
    assert "企业名单 / Enterprises" in page.inner_text("#swagger-ui")
    assert outside == [] and errors == []
