import datetime as dt
from decimal import Decimal

from innoladder.assessments.models import Assessment
from innoladder.assessments.services import assess_enterprise
from innoladder.collection import services
from innoladder.collection.tests.helpers import open_campaign, submission
from innoladder.core.testing.factories import AnnualDataFactory, IPRecordFactory

FIELDS = ["employees", "tech_staff", "sales_revenue", "rd_expense", "total_assets"]


def test_acceptance_reruns_the_assessment_and_records_what_changed(cast):
    """科技型中小企业: 5 of 100 科技人员 scores 0 on that indicator, which fails the tier whatever the total;
    the accepted figures (30 of 100 = 30% → 20 points, R&D 6% → 50, one invention patent → 30) qualify."""
    on = dt.date(2025, 5, 10)
    IPRecordFactory(enterprise=cast.ent_a, kind="invention_patent", granted_on=dt.date(2021, 6, 1))
    AnnualDataFactory(
        enterprise=cast.ent_a,
        year=2024,
        employees=100,
        tech_staff=5,
        sales_revenue=Decimal("10000000"),
        rd_expense=Decimal("600000"),
        total_assets=Decimal("30000000"),
    )
    before = assess_enterprise(user=cast.officer, enterprise=cast.ent_a, on=on)
    assert before.scheme_results.get(scheme="tsme").outcome == "not_eligible"

    campaign = open_campaign(cast, FIELDS)
    form = submission(campaign, cast.ent_a)
    raw = {
        "employees": "100",
        "tech_staff": "30",
        "sales_revenue": "1000",  # 万元
        "rd_expense": "60",
        "total_assets": "3000",
    }
    errors, _ = services.submission_save(
        user=cast.user_a, submission=form, raw=raw, submit=True, declaration=True
    )
    assert errors == []
    form.refresh_from_db()
    services.submission_accept(user=cast.officer, submission=form, on=on)

    latest = Assessment.objects.get(enterprise=cast.ent_a, is_latest=True)
    assert latest.pk != before.pk
    assert latest.scheme_results.get(scheme="tsme").outcome == "eligible"
    form.refresh_from_db()
    assert "现已符合「科技型中小企业」认定条件" in form.assessment_changes
