"""The next-step advice as the enterprise page shows it: ordered targets with reasons, and the tiers
the enterprise should not aim for with the reason instead of gaps."""

import datetime as dt
import re
from decimal import Decimal

from django.utils import timezone
from freezegun import freeze_time

from innoladder.assessments import services
from innoladder.recognitions.models import Recognition

from .factories import add_ip, add_years

YI = Decimal(100000000)


def test_a_large_hnte_is_not_advised_to_aim_for_the_sme_tier(client, cast):
    """Issue 20: 735 staff, ¥50亿 revenue, already 高新技术企业, was told to aim for 科技型中小企业."""
    ent = cast.ent_a
    ent.tech_field = "4"
    ent.industry_code = "C2613"
    ent.save()
    for row in add_years(ent, years=(2023, 2024, 2025)):
        row.employees, row.tech_staff = 735, 90
        row.sales_revenue = row.operating_revenue = row.main_revenue = row.total_income = 50 * YI
        row.hitech_revenue, row.rd_expense, row.rd_domestic = (
            40 * YI,
            Decimal("1.6") * YI,
            Decimal("1.6") * YI,
        )
        row.total_assets, row.total_liabilities = 80 * YI, 30 * YI
        row.save()
    add_ip(ent)
    Recognition.objects.create(
        enterprise=ent, scheme="hnte", level="national", issued_on=dt.date(2025, 11, 20)
    )
    with freeze_time("2026-12-05 10:00"):
        type(cast.officer).objects.filter(pk=cast.officer.pk).update(password_changed_at=timezone.now())
        client.force_login(cast.officer)
        services.assess_enterprise(user=cast.officer, enterprise=ent)
        html = client.get(f"/assessments/enterprise/{ent.pk}/").content.decode()
    plan = html[html.index('id="plan"') : html.index("</div>", html.index('id="plan-excluded"'))]
    targets = re.findall(r'<li data-scheme="([a-z_]+)" data-reach="([a-z]+)">', plan)
    assert targets and "tsme" not in {scheme for scheme, _ in targets}
    assert "下一步目标「科技型中小企业」" not in plan and "名科技人员" not in plan
    excluded = plan[plan.index('id="plan-excluded"') :]
    assert re.search(
        r'<li data-scheme="tsme"><strong>科技型中小企业</strong>：已持有更高层级的「高新技术企业」', excluded
    )
    assert "排序依据" in plan
