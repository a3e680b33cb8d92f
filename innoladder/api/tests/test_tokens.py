"""Personal API tokens: shown once, hashed at rest, expiring, revocable, audited; 401 for every bad token."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.utils import timezone
from freezegun import freeze_time
from rest_framework.test import APIClient

from innoladder.api import services
from innoladder.api.models import ApiToken
from innoladder.core.models import AuditEntry, AuditEvent

from .helpers import client_for

pytestmark = pytest.mark.django_db
URL = "/api/v1/enterprises/"


def _client(text: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {text}")
    return client


def test_a_token_is_stored_only_as_a_hash_and_works(cast):
    token, text = services.token_issue(
        user=cast.officer, name="统计对接", days=30, second_factor_verified=False
    )
    secret = text.split("_")[2]
    row = ApiToken.objects.get(pk=token.pk)
    assert text.startswith(f"il_{row.prefix}_")
    assert row.digest == services.digest_of(secret) and secret not in row.digest
    assert _client(text).get(URL).status_code == 200


@pytest.mark.parametrize(
    "header",
    ["", "Bearer", "Bearer il_x", "Bearer il_abc_def", "Basic dXNlcjpwYXNz", "Bearer il_{prefix}_wrong"],
)
def test_a_missing_or_wrong_token_gets_401(cast, header):
    _, text = services.token_issue(user=cast.officer, name="t", days=30, second_factor_verified=False)
    client = APIClient()
    if header:
        client.credentials(HTTP_AUTHORIZATION=header.format(prefix=text.split("_")[1]))
    response = client.get(URL)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_an_expired_token_gets_401(cast):
    with freeze_time("2028-03-01 10:00:00"):
        _, text = services.token_issue(user=cast.officer, name="t", days=30, second_factor_verified=False)
        assert _client(text).get(URL).status_code == 200
    with freeze_time("2028-03-31 10:00:01"):
        assert _client(text).get(URL).status_code == 401


def test_a_revoked_token_gets_401_and_the_revocation_is_audited(cast):
    token, text = services.token_issue(user=cast.officer, name="t", days=30, second_factor_verified=False)
    services.token_revoke(user=cast.officer, token=token)
    assert _client(text).get(URL).status_code == 401
    events = AuditEntry.objects.filter(object_type="api.ApiToken", object_id=str(token.pk))
    assert [e.event_type for e in events.order_by("pk")] == [AuditEvent.CREATE, AuditEvent.UPDATE]
    assert all(token.digest not in str(e.changes) for e in events)


def test_nobody_revokes_another_users_token(cast):
    token, _ = services.token_issue(user=cast.officer, name="t", days=30, second_factor_verified=False)
    with pytest.raises(PermissionDenied):
        services.token_revoke(user=cast.other_officer, token=token)


def test_an_inactive_or_locked_account_gets_401(cast):
    client = client_for(cast.officer)
    assert client.get(URL).status_code == 200
    type(cast.officer).objects.filter(pk=cast.officer.pk).update(
        locked_until=timezone.now() + dt.timedelta(hours=1)
    )
    assert client.get(URL).status_code == 401
    type(cast.officer).objects.filter(pk=cast.officer.pk).update(locked_until=None, is_active=False)
    assert client.get(URL).status_code == 401


def test_issuing_follows_the_second_factor_policy_of_login(cast):
    with pytest.raises(PermissionDenied):
        services.token_issue(user=cast.auditor, name="t", days=30, second_factor_verified=False)
    token, _ = services.token_issue(user=cast.auditor, name="t", days=30, second_factor_verified=True)
    assert token.pk
    with override_settings(MFA_REQUIRED_FOR_OFFICERS=True), pytest.raises(PermissionDenied):
        services.token_issue(user=cast.officer, name="t", days=30, second_factor_verified=False)


@pytest.mark.parametrize("duty", ["sysadmin", "secadmin", "auditadmin"])
def test_duty_administrators_issue_no_token_and_get_no_business_api(cast, duty):
    user = getattr(cast, duty)
    with pytest.raises(PermissionDenied):
        services.token_issue(user=user, name="t", days=30, second_factor_verified=True)
    assert client_for(user).get(URL).status_code == 403


def test_the_expiry_is_bounded(cast, settings):
    settings.API_TOKEN_MAX_DAYS = 90
    with pytest.raises(services.ValidationError):
        services.token_issue(user=cast.officer, name="t", days=91, second_factor_verified=False)


def test_the_rate_limit_is_per_token_and_answers_429(cast, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"token": "3/min"}}
    with freeze_time("2028-05-01 10:00:05"):
        first, second = client_for(cast.officer), client_for(cast.officer)
        assert [first.get(URL).status_code for _ in range(4)] == [200, 200, 200, 429]
        assert second.get(URL).status_code == 200
        assert int(first.get(URL)["Retry-After"]) == 55
    with freeze_time("2028-05-01 10:01:00"):
        assert first.get(URL).status_code == 200


def test_the_tokens_page_issues_once_and_revokes(client, cast):
    client.force_login(cast.officer)
    response = client.post("/api/tokens/", {"name": "对接", "days": 90})
    assert response.status_code == 200
    text = response.context["issued"]
    assert text and text in response.content.decode()
    token = ApiToken.objects.get(user=cast.officer)
    page = client.get("/api/tokens/").content.decode()
    assert "对接" in page and text not in page
    assert _client(text).get(URL).status_code == 200
    client.post(f"/api/tokens/{token.pk}/revoke/")
    assert _client(text).get(URL).status_code == 401


def test_the_tokens_page_is_closed_to_duty_administrators_and_other_users_tokens(client, cast):
    token, _ = services.token_issue(user=cast.officer, name="t", days=30, second_factor_verified=False)
    client.force_login(cast.auditadmin)
    assert client.get("/api/tokens/").status_code == 403
    client.force_login(cast.other_officer)
    assert client.post(f"/api/tokens/{token.pk}/revoke/").status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
