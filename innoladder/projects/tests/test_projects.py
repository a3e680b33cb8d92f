import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from innoladder.core.models import AuditEntry, AuditEvent
from innoladder.core.testing.access import EVERYONE, READ_A, WRITE_A, assert_access
from innoladder.projects import files, obligations, selectors, services
from innoladder.projects.choices import ProjectStatus

from .factories import approve, make_project

pytestmark = pytest.mark.django_db

START, END = dt.date(2023, 1, 1), dt.date(2023, 6, 30)
PDF = b"%PDF-1.4\n%test\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20


def _office(kind: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml" if kind == "docx" else "xl/workbook.xml", "<x/>")
    return buffer.getvalue()


def test_full_path_records_dates_history_and_audit(cast):
    project = make_project(cast.officer, cast.ent_a)
    steps = [
        ("approved", dt.date(2023, 3, 1)),
        ("in_progress", dt.date(2023, 4, 1)),
        ("midterm", dt.date(2023, 9, 1)),
        ("in_progress", dt.date(2023, 9, 20)),
        ("acceptance", dt.date(2024, 3, 1)),
        ("closed", dt.date(2024, 4, 1)),
    ]
    for status, on in steps:
        services.project_transition(project=project, user=cast.officer, to_status=status, on=on)
    project.refresh_from_db()
    assert project.approved_on == dt.date(2023, 3, 1)
    assert project.finished_on == dt.date(2024, 4, 1)
    assert list(project.history.values_list("to_status", flat=True)) == ["applied"] + [s for s, _ in steps]
    assert AuditEntry.objects.filter(event_type=AuditEvent.TRANSITION, object_id=str(project.pk)).count() == 6


@pytest.mark.parametrize(
    ("path", "illegal"),
    [
        ([], "in_progress"),
        ([], "closed"),
        (["approved"], "acceptance"),
        (["approved", "in_progress"], "closed"),
        (["terminated"], "approved"),
    ],
)
def test_illegal_project_transitions_refused(cast, path, illegal):
    project = make_project(cast.officer, cast.ent_a)
    for step in path:
        services.project_transition(project=project, user=cast.officer, to_status=step, comment="原因")
    with pytest.raises(ValidationError, match="不能变更为"):
        services.project_transition(project=project, user=cast.officer, to_status=illegal, comment="x")


def test_termination_needs_a_reason(cast):
    project = make_project(cast.officer, cast.ent_a)
    with pytest.raises(ValidationError, match="原因"):
        services.project_transition(project=project, user=cast.officer, to_status="terminated")


def test_period_selectors(cast):
    before = make_project(cast.officer, cast.ent_a, title="早期项目")
    approve(cast.officer, before, dt.date(2021, 5, 1))
    services.project_transition(project=before, user=cast.officer, to_status="in_progress")
    just_before = make_project(cast.officer, cast.ent_a, title="年前立项")
    approve(cast.officer, just_before, dt.date(2022, 12, 31))
    first = make_project(cast.officer, cast.ent_a, title="首日立项")
    approve(cast.officer, first, START)
    last = make_project(cast.officer, cast.ent_b, title="末日立项")
    approve(cast.officer, last, END)
    after = make_project(cast.officer, cast.ent_a, title="期后立项")
    approve(cast.officer, after, dt.date(2023, 7, 1))
    finished = make_project(cast.officer, cast.ent_a, title="去年结束")
    approve(cast.officer, finished, dt.date(2020, 1, 1))
    services.project_transition(
        project=finished, user=cast.officer, to_status="terminated", on=dt.date(2022, 12, 31), comment="终止"
    )
    make_project(cast.officer, cast.ent_a, title="仅申报")
    approved = selectors.projects_approved_in_period(cast.officer, cast.park, START, END)
    assert sorted(p.title for p in approved) == sorted(["首日立项", "末日立项"])
    active = selectors.projects_active_in_period(cast.officer, cast.park, START, END)
    assert sorted(p.title for p in active) == sorted(["早期项目", "年前立项", "首日立项", "末日立项"])
    assert [p.title for p in selectors.projects_approved_in_period(cast.user_b, cast.park, START, END)] == [
        "末日立项"
    ]
    assert selectors.projects_active_in_period(cast.other_officer, cast.park, START, END).count() == 0


def test_milestones_appear_in_obligations_scoped(cast):
    project = make_project(cast.officer, cast.ent_a)
    m = services.milestone_create(
        user=cast.officer, project=project, title="中期报告", due_on=dt.date(2023, 9, 30)
    )
    services.milestone_create(user=cast.officer, project=project, title="年外", due_on=dt.date(2024, 1, 1))
    found = obligations.items(cast.user_a, dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert [(i.key, i.due_on, i.kind) for i in found] == [
        (f"project-milestone:{m.pk}", m.due_on, "project_milestone")
    ]
    assert obligations.items(cast.user_b, dt.date(2023, 1, 1), dt.date(2023, 12, 31)) == []
    services.milestone_complete(user=cast.officer, milestone=m, done_on=dt.date(2023, 9, 1))
    assert obligations.items(cast.user_a, dt.date(2023, 1, 1), dt.date(2023, 12, 31)) == []


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("a.pdf", PDF, "pdf"),
        ("a.PNG", PNG, "png"),
        ("photo.jpeg", b"\xff\xd8\xff\xe0" + b"0" * 10, "jpg"),
        ("a.docx", _office("docx"), "docx"),
        ("a.xlsx", _office("xlsx"), "xlsx"),
    ],
)
def test_allowed_attachments_detected_by_content(name, data, kind):
    assert files.check_upload(SimpleUploadedFile(name, data)) == kind


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.pdf", b"MZ\x90\x00 executable", "类型不允许"),
        ("a.docx", PDF, "不符"),
        ("a.xlsx", _office("docx"), "不符"),
        ("a.html", b"<html>", "类型不允许"),
        ("a.zip", b"PK\x03\x04garbage", "类型不允许"),
    ],
)
def test_disallowed_attachments_refused(name, data, message):
    with pytest.raises(ValidationError, match=message):
        files.check_upload(SimpleUploadedFile(name, data))


def test_oversized_attachment_refused():
    big = SimpleUploadedFile("a.pdf", PDF + b"0" * files.MAX_BYTES)
    with pytest.raises(ValidationError, match="10MB"):
        files.check_upload(big)


def test_pages_and_file_scoped(client, cast, media):
    project = make_project(cast.officer, cast.ent_a)
    report = services.report_create(
        user=cast.officer,
        project=project,
        reported_on=dt.date(2023, 5, 1),
        summary="完成中试",
        upload=SimpleUploadedFile("../../进展报告.pdf", PDF),
    )
    assert report.attachment.name.startswith("projects/reports/")
    assert ".." not in report.attachment.name and report.attachment.name.endswith(".pdf")
    assert_access(client, cast, f"/projects/{project.pk}/", READ_A)
    assert_access(client, cast, f"/projects/{project.pk}/edit/", WRITE_A)
    assert_access(client, cast, f"/projects/reports/{report.pk}/file/", READ_A)
    assert_access(client, cast, f"/projects/{project.pk}/transition/", WRITE_A, method="post")
    assert_access(client, cast, "/projects/", EVERYONE)
    assert_access(client, cast, "/projects/export/", EVERYONE)
    client.force_login(cast.user_a)
    response = client.get(f"/projects/reports/{report.pk}/file/")
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"


def test_report_upload_through_the_page(client, cast, media):
    project = make_project(cast.officer, cast.ent_a)
    client.force_login(cast.agency)
    bad = client.post(
        f"/projects/{project.pk}/reports/",
        {"reported_on": "2023-05-01", "summary": "x", "attachment": SimpleUploadedFile("x.pdf", b"MZ")},
    )
    assert bad.status_code == 200 and "类型不允许" in bad.content.decode()
    ok = client.post(
        f"/projects/{project.pk}/reports/",
        {"reported_on": "2023-05-01", "summary": "x", "attachment": SimpleUploadedFile("x.png", PNG)},
    )
    assert ok.status_code == 302
    assert project.reports.get().extension == "png"


def test_list_query_count(client, cast, django_assert_max_num_queries):
    for i in range(30):
        make_project(cast.officer, cast.ent_a if i % 2 else cast.ent_b, title=f"项目{i}")
    client.force_login(cast.officer)
    with django_assert_max_num_queries(10):
        assert client.get("/projects/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get("/projects/export/").status_code == 200


def test_status_field_not_editable_through_update(cast):
    project = make_project(cast.officer, cast.ent_a)
    services.project_update(project=project, user=cast.officer, status=ProjectStatus.CLOSED, title="新名称")
    project.refresh_from_db()
    assert (project.status, project.title) == (ProjectStatus.APPLIED, "新名称")
