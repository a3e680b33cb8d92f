"""Schema-driven fuzzing (schemathesis) of every operation of the committed schema, against a live server,
with every business role's token: no 5xx and no response outside the schema (status code, content type,
headers and body).

Numbers: 17 operations × one token per role (park administrator, officer, agency, enterprise user,
auditor, and the regional officer when the cast has one: 5–6) × MAX_EXAMPLES = 5 generated cases each,
positive data only (values the schema allows, so that the checks judge the server, not the generator):
about 450–510 requests per database.
"""

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from .helpers import build_world, token_text

SCHEMA = Path(__file__).resolve().parents[3] / "docs" / "api" / "openapi.yaml"
MAX_EXAMPLES = 5
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def _fuzz(operation, base_url: str, headers: dict, failures: list) -> None:
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case):
        case.call_and_validate(base_url=base_url, headers=headers, checks=CHECKS, timeout=30)

    try:
        run()
    except Exception as exc:  # noqa: BLE001 - every failure of every operation is collected and reported
        failures.append(f"{operation.label} [{headers['X-Role']}]: {exc}")


@pytest.mark.django_db(transaction=True)
def test_no_server_error_and_no_schema_violation_for_any_roles_token(live_server, cast, settings_override):
    build_world(cast)
    schema = schemathesis.openapi.from_path(str(SCHEMA))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 17
    failures: list[str] = []
    one_per_role = {}
    for name, user in cast.users().items():
        if user is not None:
            one_per_role.setdefault(user.role, (name, user))
    for name, user in one_per_role.values():
        headers = {"Authorization": f"Bearer {token_text(user)}", "X-Role": name}
        for operation in operations:
            _fuzz(operation, live_server.url, headers, failures)
    assert not failures, "\n\n".join(failures)


@pytest.fixture
def settings_override(settings):
    # Thousands of calls a minute per token: the rate limit is tested on its own (test_tokens.py).
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"token": "100000/min"}}
