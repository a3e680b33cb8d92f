"""The committed OpenAPI schema (docs/api/openapi.yaml) is the one the code generates, and is served."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

COMMITTED = Path(__file__).resolve().parents[3] / "docs" / "api" / "openapi.yaml"
REGENERATE = "manage.py spectacular --validate --fail-on-warn --file docs/api/openapi.yaml"


def _generated() -> str:
    out = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    return out.getvalue()


def test_the_committed_schema_is_the_generated_one():
    assert COMMITTED.read_text("utf-8") == _generated(), f"the API changed: regenerate with `{REGENERATE}`"


@pytest.mark.django_db
def test_the_schema_is_served_without_a_token_and_describes_the_token(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "bearerFormat: il_<prefix>_<secret>" in text and "/api/v1/enterprises/" in text
    assert "企业名单 / Enterprises" in text
