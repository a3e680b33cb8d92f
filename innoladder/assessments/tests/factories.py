"""Registry rows for assessment tests: an enterprise close to 高新技术企业 with 3 years of data."""

import datetime as dt
from decimal import Decimal

from innoladder.core.testing.factories import AnnualDataFactory, IPRecordFactory

WAN = Decimal(10000)


def add_years(enterprise, years=(2020, 2021, 2022), tech_staff=15, rd_wan=300, sales_wan=5000):
    """Figures that meet every objective HNTE condition: R&D 6% of 5000万 sales, 15% tech staff."""
    rows = []
    for year in years:
        rows.append(
            AnnualDataFactory(
                enterprise=enterprise,
                year=year,
                employees=100,
                tech_staff=tech_staff,
                rd_staff=10,
                sales_revenue=sales_wan * WAN,
                main_revenue=sales_wan * WAN,
                operating_revenue=sales_wan * WAN,
                total_income=sales_wan * WAN,
                non_taxable_income=Decimal(0),
                hitech_revenue=sales_wan * WAN * Decimal("0.7"),
                rd_expense=rd_wan * WAN,
                rd_domestic=rd_wan * WAN,
                total_cost=sales_wan * WAN * Decimal("0.8"),
                total_assets=8000 * WAN,
                total_liabilities=3000 * WAN,
                net_profit=400 * WAN,
                tech_conversions=2,
            )
        )
    return rows


def add_ip(enterprise, kind="invention_patent", granted_on=dt.date(2021, 6, 1), **kwargs):
    return IPRecordFactory(
        enterprise=enterprise, kind=kind, granted_on=granted_on, core_to_main_product=True, **kwargs
    )


def assess_cast(cast, tech_staff: tuple[int, int, int], on: dt.date):
    """The cast's ent_a, ent_b and other park's enterprise in 新材料 with three years of figures (the given
    科技人员 of 100 employees each) and a core invention patent, assessed by the admin on `on`."""
    from innoladder.assessments import services
    from innoladder.enterprises.models import Enterprise

    for ent, staff in zip((cast.ent_a, cast.ent_b, cast.ent_other_park), tech_staff, strict=True):
        ent.tech_field = "4"
        ent.save()
        add_years(ent, tech_staff=staff)
        add_ip(ent, number=f"ZL-{ent.pk}")
    services.assess_many(user=cast.admin, queryset=Enterprise.objects.all(), on=on)
    return cast


def listed(response) -> list[str]:
    """The enterprise names of a candidate list page's rows, in order."""
    return [row.enterprise.name for row in response.context["page"]]
