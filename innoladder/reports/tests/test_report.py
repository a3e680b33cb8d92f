import datetime as dt
import io
import re

import pytest
from docx import Document
from openpyxl import load_workbook

from innoladder.core.models import AuditEntry, AuditEvent, Job, JobStatus
from innoladder.core.testing.access import OK, assert_access
from innoladder.enterprises.models import IPRecord
from innoladder.reports.models import WorkReport, WorkReportEdit
from innoladder.reports.services import compose, report_compare, report_edit_section, report_generate

from .conftest import H1_2023

pytestmark = pytest.mark.usefixtures("test_providers")


def _generate(cast, user=None):
    start, end = H1_2023
    return report_generate(user=user or cast.officer, park=cast.park, start=start, end=end)


def test_providers_count_only_rows_in_the_period_and_park(cast, patents):
    start, end = H1_2023
    composed = compose(user=cast.officer, park=cast.park, start=start, end=end)
    facts = {f.key: f for f in composed.facts}
    in_ids = {p.pk for p in patents["in"]}
    # Independent count with the ORM: invention patents of the park granted within [start, end].
    expected = set(
        IPRecord.objects.filter(
            enterprise__park=cast.park, granted_on__gte=start, granted_on__lte=end
        ).values_list("pk", flat=True)
    )
    assert expected == in_ids
    assert set(facts["test.granted"].row_ids) == in_ids
    assert facts["test.granted"].count == 3
    assert facts["test.granted"].sentence == "企业甲、企业乙获得发明专利授权3件"
    holders = facts["test.holders"]
    assert holders.count == 2
    assert set(holders.row_ids) == {cast.ent_a.pk, cast.ent_b.pk}
    assert holders.sentence == "先后协助企业甲、企业乙2家企业获得发明专利授权"


def test_a_period_with_no_rows_has_no_fact_and_no_placeholder(cast, patents):
    composed = compose(
        user=cast.officer, park=cast.park, start=dt.date(2021, 1, 1), end=dt.date(2021, 12, 31)
    )
    assert composed.facts == []
    assert all(section["text"] == "" for section in composed.sections)


def test_sections_in_order_with_generated_text(cast, patents):
    report = _generate(cast)
    assert report.title == "格尔木工业园2023年上半年科技创新工作总结"
    titles = [s["title"] for s in report.sections]
    assert titles == ["一、企业培育", "二、创新驱动项目", "三、服务机制", "四、政策落实", "五、下一步工作"]
    assert report.sections[0]["text"] == "先后协助企业甲、企业乙2家企业获得发明专利授权。"
    assert report.fact("test.granted")["row_ids"] == [p.pk for p in patents["in"]]
    assert AuditEntry.objects.filter(event_type=AuditEvent.REPORT, object_id=str(report.pk)).exists()


def _invention_patent(enterprise, number, title, granted_on):
    return IPRecord.objects.create(
        enterprise=enterprise, kind="invention_patent", number=number, title=title, granted_on=granted_on
    )


def test_past_period_is_reproducible_from_records_not_from_today(cast, patents):
    first = _generate(cast)
    # A patent granted later (after the period) changes nothing for the period.
    _invention_patent(cast.ent_b, "ZL-LATE", "晚到", dt.date(2024, 5, 1))
    comparison = report_compare(user=cast.officer, report=first)
    assert comparison.same
    # A record dated inside the period does show up as a change, and the stored report stays as it was.
    _invention_patent(cast.ent_b, "ZL-IN", "补录", dt.date(2023, 5, 1))
    comparison = report_compare(user=cast.officer, report=first)
    assert [c.key for c in comparison.changes] == ["test.granted"]
    assert comparison.changes[0].after.count == 4
    first.refresh_from_db()
    assert first.fact("test.granted")["count"] == 3


def test_generation_runs_as_a_background_job_with_progress(client, cast, patents):
    client.force_login(cast.officer)
    response = client.post(
        "/reports/generate/", {"park": cast.park.pk, "start": "2023-01-01", "end": "2023-06-30"}
    )
    job = Job.objects.get(kind="reports.generate")
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert job.status == JobStatus.SUCCEEDED
    assert job.total == 2 and job.progress == 2
    report = WorkReport.objects.get()
    assert job.result["url"] == f"/reports/{report.pk}/"
    assert report.created_by == cast.officer


def test_officer_of_another_park_cannot_generate_for_this_park(client, cast):
    client.force_login(cast.other_officer)
    response = client.post(
        "/reports/generate/", {"park": cast.park.pk, "start": "2023-01-01", "end": "2023-06-30"}
    )
    assert response.status_code == 302  # back to the form with an error: the park is not a choice
    assert not Job.objects.exists() and not WorkReport.objects.exists()


def test_auditor_reads_but_cannot_generate(client, cast):
    client.force_login(cast.auditor)
    response = client.post(
        "/reports/generate/", {"park": cast.park.pk, "start": "2023-01-01", "end": "2023-06-30"}
    )
    assert response.status_code == 404
    assert not WorkReport.objects.exists()


def test_report_pages_and_exports_are_scoped(client, cast, patents):
    report = _generate(cast)
    bureau = {"admin": OK, "officer": OK, "auditor": OK}
    assert_access(client, cast, "/reports/", {**bureau, "other_officer": OK})
    for url in (
        f"/reports/{report.pk}/",
        f"/reports/{report.pk}/report.docx",
        f"/reports/{report.pk}/tables.xlsx",
        f"/reports/{report.pk}/facts/test.granted/",
        f"/reports/{report.pk}/compare/",
        f"/reports/dashboard/?park={cast.park.pk}",
        f"/reports/statistics/?park={cast.park.pk}&year=2023",
        f"/reports/dashboard/pools.xlsx?park={cast.park.pk}",
    ):
        assert_access(client, cast, url, bureau)
    assert_access(client, cast, f"/reports/{report.pk}/edit/cultivation/", {"admin": OK, "officer": OK})


def test_period_form_labels_read_like_the_scope_label(client, cast):
    client.force_login(cast.officer)
    body = client.get("/reports/").content.decode()
    form = body[body.index('id="period-form"') :]
    form = form[: form.index("</form>")]
    labels = re.findall(r"<label([^>]*)>([^<]*)</label>", form)
    assert [text for _attrs, text in labels] == ["园区或区域", "开始日期", "结束日期"]
    assert all('class="form-label"' in attrs for attrs, _text in labels)


def test_officer_of_another_park_sees_nothing_of_this_park(client, cast, patents):
    report = _generate(cast)
    client.force_login(cast.other_officer)
    assert "格尔木工业园2023年上半年" not in client.get("/reports/").content.decode()
    assert client.get(f"/reports/dashboard/?park={cast.park.pk}").status_code == 404
    assert client.get(f"/reports/statistics/?park={cast.park.pk}").status_code == 404
    assert client.get(f"/reports/{report.pk}/facts/test.granted/").status_code == 404


def test_enterprise_user_cannot_reach_reports(client, cast, patents):
    report = _generate(cast)
    client.force_login(cast.user_a)
    for url in (
        "/reports/",
        f"/reports/{report.pk}/",
        f"/reports/{report.pk}/report.docx",
        "/reports/dashboard/",
    ):
        assert client.get(url).status_code == 404


def test_each_figure_links_to_the_rows_it_counts(client, cast, patents):
    report = _generate(cast)
    client.force_login(cast.officer)
    body = client.get(f"/reports/{report.pk}/").content.decode()
    assert f'href="/reports/{report.pk}/facts/test.granted/"' in body
    rows = client.get(f"/reports/{report.pk}/facts/test.granted/")
    listed = rows.context["rows"]
    assert [r["pk"] for r in listed] == [p.pk for p in patents["in"]]
    assert [r["date"] for r in listed] == [dt.date(2023, 1, 1), dt.date(2023, 3, 10), dt.date(2023, 6, 30)]
    holders = client.get(f"/reports/{report.pk}/facts/test.holders/").context["rows"]
    assert [r["enterprise"] for r in holders] == ["企业甲有限公司", "企业乙有限公司"]
    assert client.get(f"/reports/{report.pk}/facts/nope/").status_code == 404


def test_officer_edits_are_stored_apart_and_used_for_export(client, cast, patents):
    report = _generate(cast)
    generated = report.sections[0]["text"]
    client.force_login(cast.officer)
    response = client.post(
        f"/reports/{report.pk}/edit/cultivation/",
        {"text": "今年以来，园区协助两家企业获得授权。", "version": "0"},  # no edit of the section yet
    )
    assert response.status_code == 302
    edit = WorkReportEdit.objects.get(report=report, section="cultivation")
    assert edit.text == "今年以来，园区协助两家企业获得授权。" and edit.edited_by == cast.officer
    report.refresh_from_db()
    assert report.sections[0]["text"] == generated
    document = Document(io.BytesIO(client.get(f"/reports/{report.pk}/report.docx").content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "今年以来，园区协助两家企业获得授权。" in text and generated not in text
    # The original stays reproducible: re-generation still matches the stored generated text.
    assert report_compare(user=cast.officer, report=report).same
    assert AuditEntry.objects.filter(
        event_type=AuditEvent.CREATE, object_type="reports.WorkReportEdit"
    ).exists()
    # Restoring the generated text removes the edit.
    report_edit_section(user=cast.officer, report=report, section="cultivation", text=generated)
    assert not WorkReportEdit.objects.exists()


def test_stale_edit_is_refused(cast, patents):
    from innoladder.core.services import StaleEditError

    report = _generate(cast)
    edit = report_edit_section(user=cast.officer, report=report, section="projects", text="第一稿")
    report_edit_section(
        user=cast.officer, report=report, section="projects", text="第二稿", expected_version=edit.version
    )
    with pytest.raises(StaleEditError):
        report_edit_section(
            user=cast.officer, report=report, section="projects", text="第三稿", expected_version=edit.version
        )


def test_docx_round_trip_has_title_headings_figures_and_chinese_fonts(client, cast, patents):
    report = _generate(cast)
    client.force_login(cast.officer)
    response = client.get(f"/reports/{report.pk}/report.docx")
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    document = Document(io.BytesIO(response.content))
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    assert paragraphs[0].text == "格尔木工业园2023年上半年科技创新工作总结"
    headings = [p.text for p in paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["格尔木工业园2023年上半年科技创新工作总结", "一、企业培育", "二、创新驱动项目"]
    body = "\n".join(p.text for p in paragraphs)
    assert "2家企业" in body and "获得发明专利授权3件" in body
    east_asian = {
        run._element.rPr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
        for p in paragraphs
        for run in p.runs
    }
    assert east_asian == {"方正小标宋简体", "黑体", "仿宋_GB2312"}
    assert AuditEntry.objects.filter(event_type=AuditEvent.EXPORT, object_repr__endswith=".docx").exists()


def test_xlsx_tables_have_one_sheet_per_section_with_the_rows_counted(client, cast, patents):
    report = _generate(cast)
    client.force_login(cast.officer)
    workbook = load_workbook(io.BytesIO(client.get(f"/reports/{report.pk}/tables.xlsx").content))
    assert workbook.sheetnames == [
        "数据汇总",
        "企业培育",
        "创新驱动项目",
        "服务机制",
        "政策落实",
        "下一步工作",
    ]
    projects = list(workbook["创新驱动项目"].iter_rows(values_only=True))
    assert projects[0][:2] == ("数据项", "企业名称")
    assert sorted(r[5] for r in projects[1:]) == sorted(p.pk for p in patents["in"])
    cultivation = list(workbook["企业培育"].iter_rows(values_only=True))
    assert {r[1] for r in cultivation[1:]} == {"企业甲有限公司", "企业乙有限公司"}
    summary = list(workbook["数据汇总"].iter_rows(values_only=True))
    assert ("企业培育", "获得授权企业", 2) == summary[1][:3]
    assert AuditEntry.objects.filter(
        event_type=AuditEvent.EXPORT, object_repr__endswith="数据表.xlsx"
    ).exists()


def test_report_list_query_count_is_constant(client, cast, patents, django_assert_max_num_queries):
    for _ in range(5):
        _generate(cast)
    client.force_login(cast.officer)
    with django_assert_max_num_queries(12):
        assert client.get("/reports/").status_code == 200


def test_demo_report_is_generated_once(cast, patents):
    from django.contrib.auth import get_user_model

    from innoladder.reports import demo

    get_user_model().objects.filter(pk=cast.officer.pk).update(username="officer")
    demo.load()
    demo.load()
    report = WorkReport.objects.get(is_demo=True, park__isnull=False)
    assert report.title == "格尔木工业园2023年上半年科技创新工作总结"
    assert report.fact("test.granted")["count"] == 3
    # and the region's (the cast's 海西州 holds this park only), by its regional officer
    region = WorkReport.objects.get(is_demo=True, region__isnull=False)
    assert region.created_by == cast.regional and region.fact("test.granted")["count"] == 3
