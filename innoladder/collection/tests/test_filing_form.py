"""The filing form as the enterprise sees it: this year's fields empty with last year's figure beside each,
amounts in 万元, the 变化 column computed on real numbers, and the notice that submitted figures count for
assessments only once the park adopts them."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from freezegun import freeze_time

from innoladder.collection import presenters, services
from innoladder.collection.tests.helpers import open_campaign, submission
from innoladder.core.testing.factories import AnnualDataFactory

FIELDS = ["employees", "operating_revenue", "net_profit", "rd_expense"]


@pytest.mark.parametrize(
    ("field", "current", "previous", "text", "trend"),
    [
        # 787,820 元 last year, 850,000 元 this year: +62,180 元 = +6.218 万元, +7.89…%.
        ("operating_revenue", Decimal("850000.00"), Decimal("787820.00"), "+6.218 万元（+7.9%）", "up"),
        ("operating_revenue", Decimal("1200000.00"), Decimal("1520000.00"), "-32 万元（-21.1%）", "down"),
        (
            "operating_revenue",
            Decimal("123456789.00"),
            Decimal("100000000.00"),
            "+2,345.6789 万元（+23.5%）",
            "up",
        ),
        # A smaller loss is a rise: -50万元 → -20万元 is +30万元, +60% of the loss.
        ("net_profit", Decimal("-200000.00"), Decimal("-500000.00"), "+30 万元（+60.0%）", "up"),
        ("rd_expense", Decimal("50000.00"), Decimal("0.00"), "+5 万元", "up"),
        ("rd_expense", Decimal("50000.00"), Decimal("50000.00"), "0 万元（0.0%）", "same"),
        ("employees", 135, 120, "+15 人（+12.5%）", "up"),
        ("tech_conversions", 2, 3, "-1 项（-33.3%）", "down"),
    ],
)
def test_change_has_the_right_sign_unit_and_figure(field, current, previous, text, trend):
    change = presenters.change(field, current, previous)
    assert (change.text, change.trend) == (text, trend)


def test_no_change_without_both_years():
    assert presenters.change("employees", None, 120) is None
    assert presenters.change("employees", 120, None) is None


def _open_today(cast):
    """Last year's campaign, opened today for 30 days."""
    today = timezone.localdate()
    return open_campaign(
        cast, FIELDS, year=today.year - 1, opens_on=today, deadline=today + dt.timedelta(days=30)
    )


@pytest.fixture
def campaign(cast):
    year = timezone.localdate().year - 1
    AnnualDataFactory(
        enterprise=cast.ent_a,
        year=year - 1,
        employees=120,
        operating_revenue=Decimal("787820.00"),
        net_profit=Decimal("-500000.00"),
        rd_expense=None,
    )
    return _open_today(cast)


def _cells(body: str, field: str) -> tuple[str, str, str]:
    """The input, the 上年 cell and the 变化 cell of a field's row."""
    row = re.search(rf'<tr><td><label for="f-{field}">.*?</tr>', body, re.S).group(0)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    return cells[1], re.sub(r"\s+", " ", cells[2]).strip(), cells[3].strip()


def test_fields_start_empty_with_last_years_figure_beside_them(client, cast, campaign):
    sub = submission(campaign, cast.ent_a)
    client.force_login(cast.user_a)
    body = client.get(sub.get_absolute_url()).content.decode()
    field, previous, change = _cells(body, "operating_revenue")
    assert 'value=""' in field and 'aria-describedby="p-operating_revenue"' in field
    assert previous == "上年 78.782 万元"
    assert change == ""
    assert _cells(body, "employees")[1] == "上年 120 人"
    assert _cells(body, "rd_expense")[1] == "—"
    assert "营业收入（万元）" in body and "职工总数（人）" in body


def test_the_change_column_after_saving_a_draft(client, cast, campaign):
    sub = submission(campaign, cast.ent_a)
    client.force_login(cast.user_a)
    data = {"employees": "135", "operating_revenue": "85", "net_profit": "-20", "rd_expense": "5"}
    response = client.post(sub.get_absolute_url(), {**data, "version": sub.version, "save": "1"})
    assert response.status_code == 302
    sub.refresh_from_db()
    assert sub.data == {
        "employees": "135",
        "operating_revenue": "850000.00",
        "net_profit": "-200000.00",
        "rd_expense": "50000.00",
    }
    body = client.get(sub.get_absolute_url()).content.decode()
    assert _cells(body, "operating_revenue")[0].count('value="85"') == 1
    assert _cells(body, "operating_revenue")[2] == "+6.218 万元（+7.9%）"
    assert _cells(body, "net_profit")[2] == "+30 万元（+60.0%）"
    assert _cells(body, "employees")[2] == "+15 人（+12.5%）"
    assert _cells(body, "rd_expense")[2] == ""  # no figure last year


def test_a_field_with_an_error_shows_no_change(client, cast, campaign):
    sub = submission(campaign, cast.ent_a)
    client.force_login(cast.user_a)
    response = client.post(
        sub.get_absolute_url(), {"operating_revenue": "85.0000001", "version": sub.version, "save": "1"}
    )
    body = response.content.decode()
    assert "营业收入以万元填写，最多保留六位小数（即精确到分）" in body
    assert _cells(body, "operating_revenue")[2] == ""


@pytest.mark.parametrize("today", ["2026-12-05", "2028-03-15"])
def test_submitted_figures_are_plainly_pending_until_adopted(client, cast, today):
    with freeze_time(today):
        year = dt.date.fromisoformat(today).year - 1
        campaign = _open_today(cast)
        assert campaign.fiscal_year == year
        sub = submission(campaign, cast.ent_a)
        client.force_login(cast.user_a)
        form_page = client.get(sub.get_absolute_url()).content.decode()
        assert f"提交后须经园区审核采纳，{year}年度数据才写入企业档案并用于评估。" in form_page
        assessment_url = f"/assessments/enterprise/{cast.ent_a.pk}/"
        assert "adoption-notice" not in client.get(assessment_url).content.decode()

        services.submission_save(
            user=cast.user_a, submission=sub, raw={"employees": "50"}, submit=True, declaration=True
        )
        pending = f"您提交的{year}年度数据待园区审核采纳后才用于评估"
        assert pending in client.get(sub.get_absolute_url()).content.decode()
        own_view = client.get(assessment_url).content.decode()
        assert pending in own_view and sub.get_absolute_url() in own_view
        # Staff passwords expire after 90 days; the cast's were set on the real date, not the frozen one.
        type(cast.officer).objects.filter(pk=cast.officer.pk).update(password_changed_at=timezone.now())
        client.force_login(cast.officer)
        staff_view = client.get(assessment_url).content.decode()
        assert f"该企业提交的{year}年度数据待园区审核采纳后才用于评估" in staff_view
        client.force_login(cast.user_b)  # another enterprise's user never sees A's forms
        assert client.get(assessment_url).status_code == 404

        sub.refresh_from_db()
        services.submission_accept(user=cast.officer, submission=sub)
        client.force_login(cast.user_a)
        assert "adoption-notice" not in client.get(assessment_url).content.decode()
        adopted = client.get(sub.get_absolute_url()).content.decode()
        assert f"{year}年度数据已由园区采纳，已写入企业档案并用于评估。" in adopted


def test_an_imported_sheet_fills_the_form_in_wan(cast, campaign, media):
    from innoladder.imports.tests.helpers import commit, preview, xlsx

    rows = [["填报任务编号", "统一社会信用代码", "营业收入(元)"], [campaign.pk, cast.ent_a.uscc, 787820]]
    batch, job = commit(
        preview(cast.officer, "collection_returns", xlsx(rows, title="年度填报数据")), cast.officer
    )
    assert job.status == "succeeded", batch.errors
    assert services.campaign_apply_import(user=cast.officer, campaign=campaign) == 1
    sub = submission(campaign, cast.ent_a)
    assert sub.data["operating_revenue"] == "787820.00"
    assert services.prefill(sub)["operating_revenue"] == "78.782"
