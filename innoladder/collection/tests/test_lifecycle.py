import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from innoladder.accounts.choices import Role
from innoladder.collection import services
from innoladder.collection.tests.helpers import open_campaign, submission
from innoladder.core.models import AuditEntry, Notification
from innoladder.core.testing.factories import AnnualDataFactory, UserFactory
from innoladder.enterprises.models import AnnualData

FIELDS = ["employees", "tech_staff", "sales_revenue", "rd_expense"]
GOOD = {"employees": "100", "tech_staff": "15", "sales_revenue": "2000", "rd_expense": "90"}  # 万元


@pytest.fixture
def campaign(cast):
    return open_campaign(cast, FIELDS, title="2024年度企业科技创新数据填报")


def test_opening_creates_a_form_for_each_active_enterprise_of_the_park(cast, campaign):
    assert set(campaign.submissions.values_list("enterprise__name", flat=True)) == {
        "企业甲有限公司",
        "企业乙有限公司",
    }
    assert campaign.submissions.filter(status="not_started").count() == 2


def test_only_bureau_staff_open_campaigns(cast):
    with pytest.raises(PermissionDenied):
        open_campaign(cast, FIELDS, user=cast.user_a)
    with pytest.raises(PermissionDenied):
        open_campaign(cast, FIELDS, user=cast.other_officer)


def test_this_years_fields_start_empty_even_when_last_year_is_known(cast, campaign):
    AnnualDataFactory(enterprise=cast.ent_a, year=2023, employees=90, sales_revenue=Decimal("18000000.00"))
    AnnualDataFactory(enterprise=cast.ent_a, year=2024, employees=95)
    assert services.prefill(submission(campaign, cast.ent_a)) == {f: "" for f in FIELDS}


def test_a_saved_draft_shows_again_in_wan_as_typed(cast, campaign):
    sub = submission(campaign, cast.ent_a)
    services.submission_save(
        user=cast.user_a, submission=sub, raw={**GOOD, "sales_revenue": "78.782"}, submit=False
    )
    sub.refresh_from_db()
    assert sub.data["sales_revenue"] == "787820.00"  # stored in yuan, exactly
    assert services.prefill(sub) == {**GOOD, "sales_revenue": "78.782"}


def test_submit_needs_declaration_and_confirmed_warnings(cast, campaign):
    sub = submission(campaign, cast.ent_a)
    odd = {**GOOD, "tech_staff": "120"}
    errors, warnings = services.submission_save(
        user=cast.user_a, submission=sub, raw=odd, submit=True, declaration=True
    )
    assert [w.key for w in warnings] == ["tech_staff_gt_employees"]
    assert errors and "确认" in errors[0].message
    sub.refresh_from_db()
    assert sub.status == "not_started"
    errors, _ = services.submission_save(
        user=cast.user_a, submission=sub, raw=odd, submit=True, confirmed_warnings=["tech_staff_gt_employees"]
    )
    assert "承诺" in errors[0].message
    errors, _ = services.submission_save(
        user=cast.user_a,
        submission=sub,
        raw=odd,
        submit=True,
        confirmed_warnings=["tech_staff_gt_employees"],
        declaration=True,
    )
    assert errors == []
    sub.refresh_from_db()
    assert sub.status == "submitted" and sub.submitted_by == cast.user_a and not sub.on_behalf


def test_field_errors_save_nothing(cast, campaign):
    sub = submission(campaign, cast.ent_a)
    errors, _ = services.submission_save(
        user=cast.user_a, submission=sub, raw={**GOOD, "employees": "abc"}, submit=False
    )
    assert [e.field for e in errors] == ["employees"]
    sub.refresh_from_db()
    assert sub.data == {} and sub.status == "not_started"


def test_return_then_accept_writes_annual_data_with_source_and_history(cast, campaign):
    old = AnnualDataFactory(enterprise=cast.ent_a, year=2024, employees=80, source="manual")
    sub = submission(campaign, cast.ent_a)
    services.submission_save(user=cast.user_a, submission=sub, raw=GOOD, submit=True, declaration=True)
    services.submission_return(user=cast.officer, submission=sub, comment="研发费用请附审计报告")
    sub.refresh_from_db()
    assert sub.status == "returned"
    assert Notification.objects.filter(user=cast.user_a, title__contains="退回").count() == 1
    services.submission_save(
        user=cast.user_a, submission=sub, raw={**GOOD, "rd_expense": "95"}, submit=True, declaration=True
    )
    sub.refresh_from_db()
    row, job = services.submission_accept(user=cast.officer, submission=sub, on=dt.date(2025, 5, 10))
    row.refresh_from_db()
    assert row.pk == old.pk
    assert (row.employees, row.tech_staff, row.rd_expense) == (100, 15, Decimal("950000.00"))
    assert row.source == "collection" and row.source_note.startswith("2024年度填报，officer于")
    assert row.confirmed_by == cast.officer
    change = AuditEntry.objects.filter(event_type="update", object_type="enterprises.AnnualData").get()
    assert change.changes["employees"] == [80, 100]
    statuses = list(sub.events.values_list("to_status", flat=True))
    assert statuses == ["submitted", "returned", "submitted", "accepted"]
    job.refresh_from_db()
    assert job.kind == "collection_reassess" and job.status == "succeeded"


def test_illegal_transitions_are_refused(cast, campaign):
    sub = submission(campaign, cast.ent_a)
    with pytest.raises(services.CollectionError):
        services.submission_accept(user=cast.officer, submission=sub)
    services.submission_save(user=cast.user_a, submission=sub, raw=GOOD, submit=True, declaration=True)
    sub.refresh_from_db()
    with pytest.raises(services.CollectionError):
        services.submission_save(user=cast.user_a, submission=sub, raw=GOOD, submit=False)


def test_enterprise_cannot_fill_another_enterprise_or_review(cast, campaign):
    with pytest.raises(PermissionDenied):
        services.submission_save(
            user=cast.user_b, submission=submission(campaign, cast.ent_a), raw=GOOD, submit=False
        )
    sub = submission(campaign, cast.ent_a)
    services.submission_save(user=cast.user_a, submission=sub, raw=GOOD, submit=True, declaration=True)
    with pytest.raises(PermissionDenied):
        services.submission_accept(user=cast.user_a, submission=sub)


def test_officer_filling_on_behalf_is_recorded(cast, campaign):
    sub = submission(campaign, cast.ent_b)
    services.submission_save(user=cast.officer, submission=sub, raw=GOOD, submit=True, declaration=True)
    sub.refresh_from_db()
    assert sub.on_behalf and sub.events.last().comment == "工作人员代为填报并提交"


@pytest.mark.parametrize(
    "today,stage",
    [
        ((2025, 4, 20), None),
        ((2025, 4, 23), "7d"),
        ((2025, 4, 29), "1d"),
        ((2025, 4, 30), "due"),
        ((2025, 5, 1), "overdue"),
    ],
)
def test_reminder_stage_by_days_to_deadline(today, stage):
    assert services.reminder_stage(dt.date(2025, 4, 30), dt.date(*today)) == stage


def test_reminders_go_to_those_not_submitted_and_never_twice(cast, campaign):
    UserFactory(username="user_a2", role=Role.ENTERPRISE, enterprise=cast.ent_a)
    services.submission_save(
        user=cast.user_b, submission=submission(campaign, cast.ent_b), raw=GOOD, submit=True, declaration=True
    )
    sent = services.campaign_remind(user=cast.officer, campaign=campaign, today=dt.date(2025, 4, 25))
    assert sent == 2  # both users of enterprise A, none for B which submitted
    assert services.campaign_remind(user=cast.officer, campaign=campaign, today=dt.date(2025, 4, 26)) == 0
    assert services.campaign_remind(user=cast.officer, campaign=campaign, today=dt.date(2025, 5, 2)) == 2
    assert Notification.objects.filter(user=cast.user_b).count() == 0
    assert AnnualData.objects.count() == 0
