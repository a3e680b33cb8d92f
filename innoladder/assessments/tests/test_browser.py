import pytest
from django.utils import timezone

from innoladder.core.testing.browser import login
from innoladder.core.testing.cast import PASSWORD

from .factories import add_ip, add_years


@pytest.mark.browser
def test_officer_runs_an_assessment_and_sees_the_gap(page, cast):
    today = timezone.localdate()
    ent = cast.ent_b
    ent.tech_field = "4"
    ent.save()
    add_years(ent, years=(today.year - 3, today.year - 2, today.year - 1), tech_staff=9)
    add_ip(ent)
    login(page, "officer", PASSWORD)
    page.goto(f"{page.base_url}/enterprises/{ent.pk}/")
    assert ent.name in page.inner_text("main")
    page.wait_for_selector("#run-assessment")  # the section loads as a fragment
    assert "尚未评估" in page.inner_text("#assessment-panel")
    page.click("#run-assessment")
    page.wait_for_selector(".criteria-table")
    panel = page.inner_text("#assessment-panel")
    # 9 of 100 employees are tech staff: 10% needs 2 more when new hires also count as employees
    assert "还需新增 2 名科技人员" in panel
    assert "高新技术企业" in panel and "近三年研发费用占同期销售收入比例" in panel
    row = page.locator('#scheme-qh_tech_enterprise tr[data-code="Q3_tech_staff"]')
    assert "不满足" in row.inner_text() and "9.00%" in row.inner_text()
