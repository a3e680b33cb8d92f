"""Browser journey: an officer generates the Golmud report for H1 2023, downloads the .docx and the figures
are in it (python-docx round trip)."""

import io

import pytest
from django.core.management import call_command
from docx import Document

from innoladder.accounts.demo import DEMO_PASSWORD
from innoladder.core.testing.browser import login
from innoladder.reports.models import WorkReport
from innoladder.reports.providers import requirement_met

# The scenario's figures, checked for every module that exists.
SCENARIO = (
    ("recognitions.Recognition", "9家企业"),
    ("recognitions.ApplicationTransition", "柏丽姿日化"),
    ("rnd.SubsidyAward", "775万元"),
    ("cooperation.PatentIntroduction", "引进专利5项"),
    ("cooperation.Talent", "11名"),
    ("cooperation.Cooperation", "武汉工程大学"),
)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_generates_the_golmud_report_and_downloads_word(page):
    call_command("load_demo", stdout=io.StringIO())
    login(page, "officer", DEMO_PASSWORD)
    page.goto(f"{page.base_url}/reports/")
    page.fill("#id_start", "2023-01-01")
    page.fill("#id_end", "2023-06-30")
    page.click("#period-form button[type=submit]")
    page.get_by_role("link", name="查看工作总结").click()
    page.wait_for_selector("#report-title")
    assert page.inner_text("#report-title") == "格尔木工业园2023年上半年科技创新工作总结"
    with page.expect_download() as info:
        page.click("#download-docx")
    download = info.value
    assert download.suggested_filename == "格尔木工业园2023年上半年科技创新工作总结.docx"
    document = Document(download.path())
    text = "\n".join(p.text for p in document.paragraphs)
    assert document.paragraphs[0].text == "格尔木工业园2023年上半年科技创新工作总结"
    report = WorkReport.objects.get(is_demo=False)
    for fact in report.facts:
        assert fact["sentence"] in text
    for model, figure in SCENARIO:
        if requirement_met(model):
            assert figure in text, figure
    if requirement_met("services.Visit"):
        visited = report.fact("services.visited_enterprises")
        assert visited["count"] > 30 and f"{visited['count']}家企业" in text
