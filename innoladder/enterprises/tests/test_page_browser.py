"""In a real browser the enterprise page fills in every section and the timeline, charts included."""

import datetime as dt
from decimal import Decimal

import pytest

from innoladder.core.testing.browser import login
from innoladder.core.testing.cast import PASSWORD
from innoladder.core.testing.factories import AnnualDataFactory
from innoladder.services.tests.factories import make_visit

W = Decimal(10_000)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_sections_timeline_and_chart_load_into_the_page(page, cast):
    AnnualDataFactory(enterprise=cast.ent_a, year=2022, sales_revenue=3000 * W, rd_expense=120 * W)
    AnnualDataFactory(enterprise=cast.ent_a, year=2023, sales_revenue=4000 * W, rd_expense=180 * W)
    make_visit(cast.officer, [cast.ent_a], on=dt.date(2023, 3, 1), department="科技局")
    login(page, "officer", PASSWORD)
    page.goto(f"{page.base_url}/enterprises/{cast.ent_a.pk}/")
    page.wait_for_selector("#assessment-panel")
    # a function, not a bare expression: Playwright evals an expression, which the CSP refuses
    page.wait_for_function("() => document.querySelectorAll('[aria-busy=true]').length === 0")
    main = page.inner_text("main")
    assert "加载中" not in main and "加载失败" not in main
    assert "走访与诉求" in main and "科技局" in main
    assert "走访" in page.inner_text("#timeline") and "2023-03-01" in page.inner_text("#timeline")
    # ECharts is loaded by the section's own script and draws into the chart element
    page.wait_for_selector(".echart[data-rendered] canvas")
