import pytest

from innoladder.collection import services
from innoladder.collection.tests.helpers import open_campaign, submission
from innoladder.core.testing.access import OK, assert_access

FIELDS = ["employees", "tech_staff", "sales_revenue", "rd_expense"]


@pytest.fixture
def campaign(cast):
    return open_campaign(cast, FIELDS)


def test_campaign_pages_are_scoped(client, cast, campaign):
    staff = {"admin": OK, "officer": OK, "auditor": OK}
    assert_access(
        client,
        cast,
        "/collection/",
        {**staff, "other_officer": OK, "agency": OK, "expired_agency": OK, "user_a": OK, "user_b": OK},
    )
    assert_access(
        client, cast, f"/collection/{campaign.pk}/", {**staff, "agency": OK, "user_a": OK, "user_b": OK}
    )
    assert_access(
        client,
        cast,
        f"/collection/{campaign.pk}/export/",
        {**staff, "agency": OK, "user_a": OK, "user_b": OK},
    )
    assert_access(client, cast, "/collection/new/", {"admin": OK, "officer": OK, "other_officer": OK})


def test_each_enterprise_sees_only_its_own_form(client, cast, campaign):
    form_a = submission(campaign, cast.ent_a)
    assert_access(
        client,
        cast,
        f"/collection/forms/{form_a.pk}/",
        {"admin": OK, "officer": OK, "auditor": OK, "agency": OK, "user_a": OK},
    )
    client.force_login(cast.user_b)
    body = client.get(f"/collection/{campaign.pk}/").content.decode()
    assert "企业乙有限公司" in body and "企业甲有限公司" not in body


def test_enterprise_fills_and_submits_through_the_page(client, cast, campaign):
    form_a = submission(campaign, cast.ent_a)
    client.force_login(cast.user_a)
    data = {
        "employees": "50",
        "tech_staff": "8",
        "sales_revenue": "800",  # 万元
        "rd_expense": "40",
        "version": form_a.version,
        "declaration": "1",
        "submit": "1",
    }
    response = client.post(f"/collection/forms/{form_a.pk}/", data)
    assert response.status_code == 302
    form_a.refresh_from_db()
    assert form_a.status == "submitted" and form_a.data["employees"] == "50"


def test_stale_version_is_refused_on_the_page(client, cast, campaign):
    form_a = submission(campaign, cast.ent_a)
    client.force_login(cast.user_a)
    data = {"employees": "50", "version": form_a.version, "save": "1"}
    assert client.post(f"/collection/forms/{form_a.pk}/", data).status_code == 302
    response = client.post(f"/collection/forms/{form_a.pk}/", {**data, "employees": "60"})
    assert response.status_code == 200 and "已被他人修改" in response.content.decode()
    form_a.refresh_from_db()
    assert form_a.data["employees"] == "50"


def test_review_actions_are_for_bureau_staff_only(client, cast, campaign):
    form_a = submission(campaign, cast.ent_a)
    services.submission_save(
        user=cast.user_a, submission=form_a, raw={"employees": "5"}, submit=True, declaration=True
    )
    for user in (cast.user_a, cast.agency, cast.auditor):
        client.force_login(user)
        assert client.post(f"/collection/forms/{form_a.pk}/accept/").status_code == 404
    client.force_login(cast.officer)
    response = client.post(f"/collection/forms/{form_a.pk}/accept/")
    assert response.status_code == 302 and "/jobs/" in response["Location"]
    form_a.refresh_from_db()
    assert form_a.status == "accepted"


def test_evidence_upload_checks_content_and_download_is_scoped(client, cast, campaign, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    form_a = submission(campaign, cast.ent_a)
    client.force_login(cast.user_a)
    fake = SimpleUploadedFile("报表.pdf", b"MZ not a pdf", content_type="application/pdf")
    client.post(f"/collection/forms/{form_a.pk}/evidence/", {"file": fake})
    assert form_a.evidence.count() == 0
    good = SimpleUploadedFile("审计报告.pdf", b"%PDF-1.4 demo", content_type="application/pdf")
    client.post(f"/collection/forms/{form_a.pk}/evidence/", {"file": good})
    evidence = form_a.evidence.get()
    assert evidence.original_name == "审计报告.pdf" and not evidence.file.name.endswith("审计报告.pdf")
    assert_access(
        client,
        cast,
        f"/collection/evidence/{evidence.pk}/",
        {"admin": OK, "officer": OK, "auditor": OK, "agency": OK, "user_a": OK},
    )
