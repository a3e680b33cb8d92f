"""Demo: the annual collection of 格尔木工业园 for the last complete year, open on the load date, with a
few forms already submitted (those enterprises report the figures the registry holds for that year)."""

import datetime as dt

from django.utils import timezone

from innoladder.accounts.models import User
from innoladder.enterprises.models import AnnualData, Park

from . import services
from .fields import DEFAULT_FIELDS
from .models import Campaign, Submission


def load() -> None:
    today = timezone.localdate()
    year = today.year - 1
    title = f"{year}年度企业科技创新数据填报"
    park = Park.objects.filter(name="格尔木工业园").first()
    officer = User.objects.filter(username="officer").first()
    if park is None or officer is None or Campaign.objects.filter(title=title, park=park).exists():
        return
    campaign = services.campaign_open(
        user=officer,
        park=park,
        title=title,
        fiscal_year=year,
        fields=list(DEFAULT_FIELDS),
        # Opens on 1 March (on the load date before then); open at least six more weeks.
        opens_on=min(dt.date(today.year, 3, 1), today),
        deadline=max(dt.date(today.year, 6, 30), today + dt.timedelta(days=45)),
        instructions=f"请按{year}年度经审计的财务报表填写，金额单位为万元；研发费用按加计扣除口径归集。",
    )
    Campaign.objects.filter(pk=campaign.pk).update(is_demo=True)
    forms = list(
        Submission.objects.filter(campaign=campaign).select_related("enterprise").order_by("enterprise__name")
    )
    # Three enterprises have submitted: the figures the registry holds for the year.
    done = 0
    for submission in forms:
        figures = AnnualData.objects.filter(enterprise=submission.enterprise, year=year).first()
        if figures is None or figures.employees is None or done >= 3:
            continue
        if not services.submission_submit_figures(user=officer, submission=submission, figures=figures):
            done += 1
