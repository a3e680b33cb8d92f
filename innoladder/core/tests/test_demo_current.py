"""A fresh demo is current on the day it is loaded (issue 20): with the clock at two different dates, the
officer's home page, candidates, dashboard, recognitions and an enterprise's ladder show the demo's
enterprises as the rules judge them on that date — a mix, not zeros and not all 数据不足.

The demo is loaded once per date (module fixture, rolled back afterwards); every check reads a page
through the web client as the demo officer.
"""

import datetime as dt
import html
import io
import json
import re

import pytest
from django.core.management import call_command
from django.db import transaction
from freezegun import freeze_time

from innoladder.accounts.demo import DEMO_PASSWORD

UNKNOWN = "数据不足"
STANDINGS = ("已持有", "已符合条件", "接近", "差距较大", UNKNOWN)
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.fixture(scope="module", params=["2026-12-05", "2028-03-15"])
def demo_on(request, django_db_setup, django_db_blocker):
    """The demo loaded with the clock at the date; the clock stays there for the module's tests."""
    today = dt.date.fromisoformat(request.param)
    with freeze_time(today), django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        yield today
        transaction.set_rollback(True)


@pytest.fixture
def officer(client, demo_on, db):
    assert client.login(username="officer", password=DEMO_PASSWORD)
    return client


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def tbody(text: str) -> str:
    found = re.search(r"<tbody>(.*?)</tbody>", text, re.S)
    assert found is not None
    return found.group(1)


def chart_data(text: str) -> dict:
    found = re.search(r'<script id="chart-data" type="application/json">(.*?)</script>', text, re.S)
    assert found is not None
    return json.loads(html.unescape(found.group(1)))


def test_home_page_counts_candidates(officer):
    text = page(officer, "/")
    found = re.search(r"候选企业</h2>\s*<p[^>]*>(\d+)</p>", text)
    assert found is not None and int(found.group(1)) > 0


@pytest.mark.parametrize("query", ["", "?scheme=tsme", "?scheme=hnte", "?scheme=qh_tech_enterprise"])
def test_candidates_are_listed_and_not_all_insufficient(officer, query):
    rows = tbody(page(officer, f"/assessments/candidates/{query}"))
    assert rows.count("/assessments/enterprise/") >= 5
    labels = re.findall("|".join(STANDINGS), rows)
    assert labels and set(labels) != {UNKNOWN}


def test_candidates_hold_a_mix_across_the_tiers(officer):
    """Over the tiers the demo has enterprises that meet a tier, that are one condition short, and that are
    far from it."""
    seen = set()
    for scheme in ("tsme", "hnte", "srdi_sme", "qh_tech_enterprise"):
        seen.update(
            re.findall("|".join(STANDINGS), tbody(page(officer, f"/assessments/candidates/?scheme={scheme}")))
        )
    assert {"已符合条件", "接近", "差距较大"} <= seen


def test_dashboard_has_figures_for_the_current_year(officer, demo_on):
    charts = chart_data(page(officer, "/reports/dashboard/"))
    data_year = str(demo_on.year - 1)
    trends = charts["trends"]
    assert trends["categories"][-1] == data_year
    assert all(series["data"][-1] > 0 for series in trends["series"])
    visits = charts["visits"]
    assert str(demo_on.year) in visits["title"]
    assert sum(visits["series"][0]["data"]) > 0  # visits this year, by month
    tiers = charts["tiers"]
    assert sum(tiers["series"][0]["data"]) > 0  # certificates valid on the date
    standing = {series["name"]: sum(series["data"]) for series in charts["candidates"]["series"]}
    assert standing["已符合条件"] > 0 and standing["接近"] > 0 and standing["差距较大"] > 0
    funds = charts["funds"]
    assert funds["categories"][-2] == data_year
    assert sum(series["data"][-2] for series in funds["series"]) > 0


def test_recognitions_are_valid_expiring_and_a_few_lapsed(officer, demo_on):
    def days_left(status: str) -> list[int]:
        rows = tbody(page(officer, f"/recognitions/?status={status}"))
        left = []
        for row in rows.split("</tr>"):
            dates = DATE.findall(row)
            if len(dates) >= 2:  # issued, valid until
                left.append((dt.date.fromisoformat(dates[1]) - demo_on).days)
        return left

    assert any(days > 90 for days in days_left("valid"))
    assert any(0 <= days <= 90 for days in days_left("expiring"))
    expired = days_left("expired")
    assert expired and all(days < 0 for days in expired)
    # The calendar lists the expiries due within 90 days.
    calendar = tbody(page(officer, "/recognitions/obligations/"))
    expiries = [
        (dt.date.fromisoformat(DATE.search(row).group()) - demo_on).days
        for row in calendar.split("</tr>")
        if DATE.search(row) and re.search("高企到期|资质到期|复核", row)
    ]
    assert any(0 <= days <= 90 for days in expiries)


def test_an_enterprise_ladder_is_judged(officer):
    """Each of these enterprises is judged on most tiers, and between them some tiers are met, some held and
    some one condition short."""
    from innoladder.enterprises.models import Enterprise

    seen = set()
    for short in ("启迪清源新材料", "柴达木储能", "盐湖镁业"):
        pk = Enterprise.objects.get(name__contains=short).pk
        standings = re.findall(r'data-standing="(\w+)"', page(officer, f"/assessments/enterprise/{pk}/"))
        judged = [s for s in standings if s != "unknown"]
        assert len(judged) >= 3 and len(judged) * 2 > len(standings), (short, standings)
        seen.update(judged)
    assert {"eligible", "close", "held"} <= seen
