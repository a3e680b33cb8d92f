"""An officer (园区工作人员) or auditor (审计员) sees only their parks: never stored without one."""

import pytest
from django.core.exceptions import ValidationError

from innoladder.accounts import user_services
from innoladder.accounts.choices import RequestKind, Role
from innoladder.accounts.models import CredentialRequest, User
from innoladder.core.testing.access import signed_in

pytestmark = pytest.mark.django_db

NEW = {"password1": "Erst3s!Pass", "password2": "Erst3s!Pass", "display_name": "新同事"}


@pytest.mark.parametrize(("role", "label"), [(Role.OFFICER, "园区工作人员"), (Role.AUDITOR, "审计员")])
def test_an_account_of_a_park_role_without_a_park_is_refused_on_the_page(cast, role, label):
    client = signed_in(cast.secadmin)
    response = client.post("/accounts/manage/users/new/", {"username": "new_staff", "role": role, **NEW})
    assert response.status_code == 200
    page = response.content.decode()
    assert f"{label}账户须选择至少一个所属园区。" in page
    assert 'value="new_staff"' in page and 'value="新同事"' in page
    assert not User.objects.filter(username="new_staff").exists()
    response = client.post(
        "/accounts/manage/users/new/",
        {"username": "new_staff", "role": role, "parks": [cast.park.pk], **NEW},
    )
    assert response.status_code == 302
    assert list(User.objects.get(username="new_staff").parks.all()) == [cast.park]


def test_the_service_refuses_an_officer_without_a_park(cast):
    with pytest.raises(ValidationError) as refused:
        user_services.user_create(
            by=cast.secadmin,
            username="new_officer",
            display_name="",
            role=Role.OFFICER,
            parks=[],
            agency=None,
            enterprise=None,
            password="Erst3s!Pass",
        )
    assert refused.value.message_dict == {"parks": ["园区工作人员账户须选择至少一个所属园区。"]}
    assert not User.objects.filter(username="new_officer").exists()
    with pytest.raises(ValidationError):
        user_services.user_update(
            by=cast.secadmin,
            user=cast.officer,
            display_name="",
            role=Role.OFFICER,
            parks=[],
            agency=None,
            enterprise=None,
            is_active=True,
            reason="",
        )
    assert list(cast.officer.parks.all()) == [cast.park]


def test_the_edit_page_refuses_to_make_an_officer_without_a_park(cast):
    client = signed_in(cast.secadmin)
    response = client.post(
        f"/accounts/manage/users/{cast.user_a.pk}/",
        {"role": Role.OFFICER, "display_name": "甲", "is_active": "on"},
    )
    assert response.status_code == 200
    assert "园区工作人员账户须选择至少一个所属园区。" in response.content.decode()
    assert User.objects.get(pk=cast.user_a.pk).role == Role.ENTERPRISE


def test_an_approved_role_grant_needs_the_park_of_the_new_role(cast):
    req = CredentialRequest.objects.create(
        kind=RequestKind.ROLE_GRANT,
        target=cast.user_a,
        new_role=Role.AUDITOR,
        reason="转为审计员",
        requested_by=cast.secadmin,
    )
    with pytest.raises(ValidationError) as refused:
        user_services.request_decide(by=cast.secadmin2, request_id=req.pk, approve=True)
    assert "审计员账户须选择至少一个所属园区。" in refused.value.messages
    assert User.objects.get(pk=cast.user_a.pk).role == Role.ENTERPRISE
    cast.user_a.parks.add(cast.park)
    user_services.request_decide(by=cast.secadmin2, request_id=req.pk, approve=True)
    assert User.objects.get(pk=cast.user_a.pk).role == Role.AUDITOR


def test_an_officer_without_a_park_can_still_be_disabled(cast):
    cast.officer.parks.clear()
    client = signed_in(cast.secadmin)
    response = client.post(f"/accounts/manage/users/{cast.officer.pk}/", {"role": Role.OFFICER})
    assert response.status_code == 302
    assert User.objects.get(pk=cast.officer.pk).is_active is False
    reopened = client.post(
        f"/accounts/manage/users/{cast.officer.pk}/", {"role": Role.OFFICER, "is_active": "on"}
    )
    assert "园区工作人员账户须选择至少一个所属园区。" in reopened.content.decode()
    assert User.objects.get(pk=cast.officer.pk).is_active is False
