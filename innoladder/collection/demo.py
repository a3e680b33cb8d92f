"""Demo: the 2025 annual collection of 格尔木工业园, open now, with a few forms already submitted."""

import datetime as dt
from decimal import Decimal

from innoladder.accounts.models import User
from innoladder.enterprises.models import AnnualData, Park

from . import services
from .fields import DEFAULT_FIELDS
from .models import Campaign, Submission

TITLE = "2025年度企业科技创新数据填报"


def load() -> None:
    park = Park.objects.filter(name="格尔木工业园").first()
    officer = User.objects.filter(username="officer").first()
    if park is None or officer is None or Campaign.objects.filter(title=TITLE, park=park).exists():
        return
    campaign = services.campaign_open(
        user=officer,
        park=park,
        title=TITLE,
        fiscal_year=2025,
        fields=list(DEFAULT_FIELDS),
        opens_on=dt.date(2026, 3, 1),
        deadline=dt.date(2026, 12, 15),
        instructions="请按2025年度经审计的财务报表填写，金额单位为元；研发费用按加计扣除口径归集。",
    )
    Campaign.objects.filter(pk=campaign.pk).update(is_demo=True)
    forms = list(
        Submission.objects.filter(campaign=campaign).select_related("enterprise").order_by("enterprise__name")
    )
    # Three enterprises with 2024 figures have submitted: this year's figures grow 8% on last year's.
    done = 0
    for submission in forms:
        last = AnnualData.objects.filter(enterprise=submission.enterprise, year=2024).first()
        if last is None or last.employees is None or done >= 3:
            continue
        raw = {}
        for field in campaign.fields:
            value = getattr(last, field)
            if value is None:
                raw[field] = ""
            elif isinstance(value, Decimal):
                raw[field] = str((value * Decimal("1.08")).quantize(Decimal("0.01")))
            else:
                raw[field] = str(value)
        errors, warnings = services.submission_save(
            user=officer,
            submission=submission,
            raw=raw,
            submit=True,
            confirmed_warnings=[w.key for w in services.evaluate(submission, raw)[2]],
            declaration=True,
        )
        if not errors:
            done += 1
