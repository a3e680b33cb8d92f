"""The collection demo: last complete year's campaign open on the load date; three forms submitted with the
figures the registry holds for that year."""

import datetime as dt
from decimal import Decimal

import pytest
from freezegun import freeze_time

from innoladder.accounts import demo as accounts_demo
from innoladder.collection import demo
from innoladder.collection.models import Campaign, Submission
from innoladder.enterprises import demo as enterprise_demo
from innoladder.enterprises.models import AnnualData

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("today", [dt.date(2026, 12, 5), dt.date(2028, 1, 20)])
def test_demo_campaign_is_for_the_last_complete_year_and_open_on_the_load_date(today):
    with freeze_time(today):
        enterprise_demo.load()
        accounts_demo.load()
        demo.load()
        demo.load()
    [campaign] = Campaign.objects.all()
    assert campaign.fiscal_year == today.year - 1 and campaign.title.startswith(f"{today.year - 1}年度")
    assert campaign.opens_on <= today < campaign.deadline
    submitted = Submission.objects.filter(campaign=campaign, status="submitted")
    assert submitted.count() == 3
    for submission in submitted:
        registry = AnnualData.objects.get(enterprise=submission.enterprise, year=campaign.fiscal_year)
        for field in ("sales_revenue", "rd_expense", "total_assets"):
            assert Decimal(str(submission.data[field])) == getattr(registry, field), field
        assert int(submission.data["employees"]) == registry.employees
