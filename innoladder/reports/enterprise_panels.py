"""The enterprise page (一企一档) panel: revenue, R&D expense and the R&D ratio against the 高新技术企业
threshold over the years, as charts with the same figures as a table and an xlsx download."""

from decimal import Decimal

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from innoladder.core.enterprise_page import Panel
from innoladder.core.scoping import for_user
from innoladder.enterprises.models import AnnualData

from .charts import Chart, table_chart, wan

ORDER = 40  # place of this section on the enterprise page
TITLE = _("经营与研发趋势")  # its entry in the page's section index

WAN = Decimal(10000)
YI = Decimal(100_000_000)


def hnte_rd_threshold(sales: Decimal) -> Decimal:
    """The 高企 R&D-ratio threshold by sales revenue (国科发火〔2016〕32号 K5): ≤5000万 5%, ≤2亿 4%, else 3%.
    Taken from the rules engine when it provides it."""
    try:
        from innoladder.eligibility.rulesets.hnte_2016 import rd_threshold
    except ImportError:
        if sales <= 5000 * WAN:
            return Decimal("0.05")
        if sales <= 2 * YI:
            return Decimal("0.04")
        return Decimal("0.03")
    return rd_threshold(sales)


def enterprise_charts(user, enterprise) -> list[Chart]:
    rows = list(
        for_user(AnnualData.objects.all(), user)
        .filter(enterprise=enterprise)
        .order_by("year")
        .only("year", "sales_revenue", "rd_expense")
    )
    if not rows:
        return []
    revenue = [wan(r.sales_revenue) if r.sales_revenue is not None else None for r in rows]
    rd = [wan(r.rd_expense) if r.rd_expense is not None else None for r in rows]
    money = table_chart(
        "enterprise_money",
        gettext("销售收入与研发费用（万元）"),
        "bar",
        [gettext("年度"), gettext("销售收入(万元)"), gettext("研发费用(万元)")],
        [[r.year, revenue[i], rd[i]] for i, r in enumerate(rows)],
        [{"column": 1, "name": gettext("销售收入")}, {"column": 2, "name": gettext("研发费用")}],
        unit=gettext("万元"),
    )
    ratio_rows = []
    met, not_met = gettext("达到"), gettext("未达到")
    for r in rows:
        ratio = None
        if r.rd_expense is not None and r.sales_revenue:
            ratio = (Decimal(r.rd_expense) / Decimal(r.sales_revenue) * 100).quantize(Decimal("0.01"))
        threshold = hnte_rd_threshold(Decimal(r.sales_revenue)) * 100 if r.sales_revenue is not None else None
        ratio_rows.append(
            [
                r.year,
                ratio,
                threshold,
                "" if ratio is None or threshold is None else (met if ratio >= threshold else not_met),
            ]
        )
    ratio_chart = table_chart(
        "enterprise_ratio",
        gettext("研发投入强度与高企门槛（%）"),
        "line",
        [gettext("年度"), gettext("研发费用/销售收入(%)"), gettext("高企门槛(%)"), gettext("是否达到")],
        ratio_rows,
        [
            {"column": 1, "name": gettext("研发投入强度")},
            {"column": 2, "name": gettext("高企门槛"), "dashed": True},
        ],
        unit="%",
        note=gettext(
            "门槛按当年销售收入分档（≤5000万元 5%，≤2亿元 4%，其上 3%）；"
            "高企认定按近三年合计计算，此处逐年对照供参考。"
        ),
    )
    return [money, ratio_chart]


def panels(request, enterprise) -> list[Panel]:
    charts = enterprise_charts(request.user, enterprise)
    if not charts:
        return []
    html = render_to_string(
        "reports/enterprise_panel.html",
        {
            "charts": charts,
            "chart_data": {c.key: c.echarts() for c in charts},
            "xlsx_url": reverse("reports_enterprise_xlsx", args=[enterprise.pk]),
        },
        request=request,
    )
    return [Panel(title=TITLE, html=html, order=ORDER)]
