import pytest

from innoladder.assessments.models import Assessment
from innoladder.core.testing.browser import login
from innoladder.core.testing.cast import PASSWORD
from innoladder.enterprises.models import AnnualData


def switch_user(page, username):
    page.context.clear_cookies()
    login(page, username, PASSWORD)


@pytest.mark.browser
def test_campaign_round_trip_from_opening_to_reassessment(page, cast):
    base = page.base_url
    login(page, "officer", PASSWORD)
    page.goto(f"{base}/collection/new/")
    page.select_option("#id_park", str(cast.park.pk))
    page.fill("#id_title", "2024年度企业科技创新数据填报")
    page.fill("#id_fiscal_year", "2024")
    page.fill("#id_opens_on", "2025-03-01")
    page.fill("#id_deadline", "2025-04-30")
    page.click("main button[type=submit]")
    assert "已发布填报任务，共 2 家企业" in page.inner_text("main")

    switch_user(page, "user_a")
    page.goto(f"{base}/collection/")
    page.click("text=2024年度企业科技创新数据填报")
    page.click("text=查看")
    for field, value in {
        "employees": "120",
        "tech_staff": "36",
        "sales_revenue": "1500",  # 万元
        "rd_expense": "90",
    }.items():
        page.fill(f"#f-{field}", value)
    page.check("#declaration")
    page.click("button[name=submit]")
    assert "已提交。数据待园区审核采纳后才用于评估" in page.inner_text("main")
    assert "您提交的2024年度数据待园区审核采纳后才用于评估" in page.inner_text("#adoption-notice")
    form_url = page.url

    switch_user(page, "officer")
    page.goto(form_url)
    page.fill("#id_comment", "请补充研发人员名单")
    page.click("button:has-text('退回')")
    assert page.inner_text("#submission-status") == "已退回"

    switch_user(page, "user_a")
    page.goto(form_url)
    assert "请补充研发人员名单" in page.inner_text("main")
    page.fill("#f-rd_expense", "95")
    page.check("#declaration")
    page.click("button[name=submit]")
    assert "已提交" in page.inner_text("#submission-status")

    switch_user(page, "officer")
    page.goto(form_url)
    page.click("button:has-text('采纳')")
    page.wait_for_selector("[data-status=succeeded]")
    page.goto(f"{base}/enterprises/{cast.ent_a.pk}/")
    page.wait_for_selector("#assessment-panel")  # the section loads as a fragment
    body = page.inner_text("main")
    row = AnnualData.objects.get(enterprise=cast.ent_a, year=2024)
    assert (row.employees, row.rd_expense, row.source) == (120, 950000, "collection")
    assert "2024" in body and "95.00" in body  # 950,000 元 shown as 95.00 万元
    assert Assessment.objects.filter(enterprise=cast.ent_a, is_latest=True).exists()
    assert "科技型中小企业" in body
