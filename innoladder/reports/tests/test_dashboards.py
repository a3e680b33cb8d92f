import datetime as dt
import io
from decimal import Decimal

from openpyxl import load_workbook

from innoladder.core.models import AuditEntry, AuditEvent
from innoladder.core.testing.access import OK, assert_access
from innoladder.core.testing.factories import AnnualDataFactory, EnterpriseFactory
from innoladder.reports import dashboards, statistics
from innoladder.reports.enterprise_panels import enterprise_charts, hnte_rd_threshold

W = Decimal(10000)


def _figures(cast):
    """ent_a: 4.5% in 2023 (sales 4000万), ent_b: 0.5% (sales 1亿); a third enterprise without data."""
    cast.ent_a.pool = "tier1"
    cast.ent_a.industry_name = "锂电池制造"
    cast.ent_a.tech_field = "4"
    cast.ent_a.save()
    cast.ent_b.pool = "reserve"
    cast.ent_b.industry_name = "锂电池制造"
    cast.ent_b.save()
    EnterpriseFactory(park=cast.park, name="企业丙有限公司", industry_name="钾肥制造")
    AnnualDataFactory(
        enterprise=cast.ent_a, year=2022, sales_revenue=3000 * W, rd_expense=120 * W, tech_staff=10
    )
    AnnualDataFactory(
        enterprise=cast.ent_a, year=2023, sales_revenue=4000 * W, rd_expense=180 * W, tech_staff=12
    )
    AnnualDataFactory(
        enterprise=cast.ent_b, year=2023, sales_revenue=10000 * W, rd_expense=50 * W, tech_staff=5
    )
    AnnualDataFactory(enterprise=cast.ent_other_park, year=2023, sales_revenue=999 * W, rd_expense=99 * W)


def _chart(cast, key):
    return dashboards.build_one(cast.officer, cast.park, dt.date(2024, 6, 30), key)


def test_pools_ladder_and_intensity_from_the_registry(cast):
    _figures(cast)
    pools = dict(map(tuple, _chart(cast, "pools").rows))
    assert pools["储备/潜力库"] == 1 and pools["科技型/创新型培育库"] == 1 and pools["未入库"] == 1
    ladder = _chart(cast, "ladder").rows
    assert ladder[0] == ["全部在园企业", 3] and ladder[1] == ["储备/潜力库", 2] and ladder[2][1] == 1
    bands = dict(map(tuple, _chart(cast, "rd_intensity").rows))
    # Latest year for each: ent_a 180/4000 = 4.5%, ent_b 50/10000 = 0.5%, 企业丙 has no data.
    assert bands["4%–5%"] == 1 and bands["<1%"] == 1 and bands["无数据"] == 1
    assert sum(bands.values()) == 3


def test_trends_sum_the_park_by_year(cast):
    _figures(cast)
    rows = _chart(cast, "trends").rows
    assert rows == [
        [2022, 1, Decimal("3000.00"), Decimal("120.00"), 10],
        [2023, 2, Decimal("14000.00"), Decimal("230.00"), 17],
    ]


def test_dashboard_page_serves_echarts_locally_with_data_and_tables(client, cast):
    _figures(cast)
    client.force_login(cast.officer)
    body = client.get(f"/reports/dashboard/?park={cast.park.pk}&on=2024-06-30").content.decode()
    assert (
        "/static/vendor/echarts/echarts.min.js" in body
        and "http" not in body.split("echarts.min.js")[0][-80:]
    )
    assert 'id="chart-data"' in body
    assert 'data-chart="rd_intensity"' in body and "chart-table" in body


def test_chart_xlsx_download_is_audited(client, cast):
    _figures(cast)
    client.force_login(cast.officer)
    response = client.get(f"/reports/dashboard/rd_intensity.xlsx?park={cast.park.pk}&on=2024-06-30")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == ("研发投入强度", "企业数")
    assert ("4%–5%", 1) in rows and ("无数据", 1) in rows
    assert AuditEntry.objects.filter(event_type=AuditEvent.EXPORT, changes__chart="rd_intensity").exists()
    assert client.get(f"/reports/dashboard/nope.xlsx?park={cast.park.pk}").status_code == 404


def test_statistics_by_industry_tech_field_and_pool(cast):
    _figures(cast)
    industry = statistics.by_industry(cast.officer, cast.park, 2023)
    rows = {r[0]: r for r in industry.rows}
    assert rows["锂电池制造"][1:6] == [2, 2, Decimal("14000.00"), Decimal("230.00"), Decimal("0.0164")]
    assert rows["钾肥制造"][1:3] == [1, 0]
    assert rows["合计"][1:5] == [3, 2, Decimal("14000.00"), Decimal("230.00")]
    fields = {r[0]: r for r in statistics.by_tech_field(cast.officer, cast.park, 2023).rows}
    assert fields["新材料"][1] == 1 and fields["未填领域"][1] == 2
    pools = [r[0] for r in statistics.by_pool(cast.officer, cast.park, 2023).rows]
    assert pools == ["未入库", "储备/潜力库", "科技型/创新型培育库", "合计"]


def test_statistics_export_has_one_sheet_per_table(client, cast):
    _figures(cast)
    client.force_login(cast.officer)
    response = client.get(f"/reports/statistics/?park={cast.park.pk}&year=2023&format=xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    assert "2023年度分行业统计" in workbook.sheetnames and "2023年分月工作量统计" in workbook.sheetnames
    sheet = workbook["2023年度分行业统计"]
    assert sheet["A1"].value == "行业" and sheet["D1"].value == "销售收入(万元)"


def test_statistics_show_rd_intensity_as_a_percentage(client, cast):
    _figures(cast)
    client.force_login(cast.officer)
    url = f"/reports/statistics/?park={cast.park.pk}&year=2023"
    body = client.get(url).content.decode()
    # 锂电池制造: 230 ÷ 14000 = 1.64%, on the page and as a percentage cell of the export.
    assert "<td>1.64%</td>" in body and "0.0164" not in body
    sheet = load_workbook(io.BytesIO(client.get(url + "&format=xlsx").content))["2023年度分行业统计"]
    header = [c.value for c in sheet[1]].index("研发投入强度") + 1
    cell = next(row[header - 1] for row in sheet.iter_rows(min_row=2) if row[0].value == "锂电池制造")
    assert cell.value == 0.0164 and cell.number_format == "0.00%"


def test_other_park_figures_never_leak(cast):
    _figures(cast)
    total = statistics.by_industry(cast.officer, cast.park, 2023).rows[-1]
    assert total[3] == Decimal("14000.00")  # the other park's 999万 is not in


def test_hnte_threshold_bands():
    assert hnte_rd_threshold(5000 * W) == Decimal("0.05")
    assert hnte_rd_threshold(5000 * W + 1) == Decimal("0.04")
    assert hnte_rd_threshold(20000 * W) == Decimal("0.04")
    assert hnte_rd_threshold(20000 * W + 1) == Decimal("0.03")


def test_enterprise_panel_charts_ratio_against_threshold(client, cast):
    _figures(cast)
    money, ratio = enterprise_charts(cast.officer, cast.ent_a)
    assert money.rows == [
        [2022, Decimal("3000.00"), Decimal("120.00")],
        [2023, Decimal("4000.00"), Decimal("180.00")],
    ]
    assert ratio.rows == [
        [2022, Decimal("4.00"), Decimal("5.00"), "未达到"],
        [2023, Decimal("4.50"), Decimal("5.00"), "未达到"],
    ]
    client.force_login(cast.user_a)
    body = client.get(f"/enterprises/{cast.ent_a.pk}/sections/reports/").content.decode()
    assert "经营与研发趋势" in body and 'id="enterprise-chart-data"' in body
    assert "研发投入强度与高企门槛" in body and "/static/vendor/echarts/echarts.min.js" in body


def test_enterprise_chart_xlsx_follows_enterprise_scope(client, cast):
    _figures(cast)
    assert_access(
        client,
        cast,
        f"/reports/enterprise/{cast.ent_a.pk}/charts.xlsx",
        {"admin": OK, "officer": OK, "agency": OK, "user_a": OK, "auditor": OK},
    )
