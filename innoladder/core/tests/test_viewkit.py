"""The view kit on one declared module (projects): list filter, sort, page and export; out of scope is a
404; a stale version is refused; a transition writes its history row; a delete (talents) is audited."""

import datetime as dt

import pytest

from innoladder.core.models import AuditEntry, AuditEvent
from innoladder.core.testing.sheets import sheet_rows
from innoladder.projects.models import Project
from innoladder.projects.tables import PROJECT_EXPORT
from innoladder.projects.tests.factories import make_project
from innoladder.projects.views import ProjectListView

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(cast):
    return [
        make_project(cast.officer, cast.ent_a, title="乙项目", year=2027),
        make_project(cast.officer, cast.ent_a, title="甲项目", year=2028),
        make_project(cast.officer, cast.ent_b, title="丙项目", year=2028, level="national"),
    ]


def _titles(response) -> list[str]:
    return [row[0]["text"] for row in response.context["rows"]]


def test_list_filters_sorts_and_pages(client, cast, projects, monkeypatch):
    client.force_login(cast.officer)
    assert _titles(client.get("/projects/", {"year": "2028", "sort": "title"})) == ["丙项目", "甲项目"]
    assert _titles(client.get("/projects/", {"level": "national"})) == ["丙项目"]
    assert _titles(client.get("/projects/", {"q": "丙", "sort": "-year"})) == ["丙项目"]
    assert _titles(client.get("/projects/", {"sort": "-year"}))[-1] == "乙项目"
    # a sort the module does not declare is ignored rather than passed to the database
    assert client.get("/projects/", {"sort": "enterprise__users__password"}).status_code == 200
    monkeypatch.setattr(ProjectListView, "page_size", 2)
    second = client.get("/projects/", {"sort": "title", "page": "2"})
    assert second.context["page"].number == 2
    assert len(second.context["rows"]) == 1
    assert second.context["query"] == "sort=title"


def test_list_shows_only_the_users_scope(client, cast, projects):
    client.force_login(cast.user_b)
    assert _titles(client.get("/projects/")) == ["丙项目"]


def test_export_has_the_declared_columns_and_the_filtered_rows_and_is_audited(client, cast, projects):
    client.force_login(cast.officer)
    response = client.get("/projects/export/", {"year": "2028", "q": ""})
    rows = sheet_rows(response)
    assert len(rows[0]) == len(PROJECT_EXPORT)
    assert [rows[0][0], rows[0][3]] == ["项目名称", "合作单位"]
    assert sorted(r[0] for r in rows[1:]) == ["丙项目", "甲项目"]
    entry = AuditEntry.objects.filter(event_type=AuditEvent.EXPORT).latest("pk")
    assert entry.object_type == "projects.Project"
    assert entry.changes == {"filters": {"year": 2028}, "rows": 2}


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", "/projects/{pk}/"), ("get", "/projects/{pk}/edit/"), ("post", "/projects/{pk}/transition/")],
)
def test_out_of_scope_is_a_404(client, cast, projects, method, path):
    client.force_login(cast.user_b)
    response = getattr(client, method)(path.format(pk=projects[0].pk), {"to_status": "approved"})
    assert response.status_code == 404


def test_read_only_users_cannot_open_the_edit_page(client, cast, projects):
    client.force_login(cast.auditor)
    assert client.get(f"/projects/{projects[0].pk}/").status_code == 200
    assert client.get(f"/projects/{projects[0].pk}/edit/").status_code == 404
    assert client.get("/projects/new/").status_code == 404


def _edit_post(project, **changes):
    return {
        "enterprise": project.enterprise_id,
        "programme": project.programme,
        "level": project.level,
        "year": project.year,
        "batch": project.batch,
        "title": project.title,
        "government_funding": "1000000",
        "self_raised": "500000",
        **changes,
    }


def test_a_stale_version_is_refused_and_the_current_one_saves(client, cast, projects):
    project = projects[0]
    client.force_login(cast.officer)
    refused = client.post(f"/projects/{project.pk}/edit/", _edit_post(project, title="新", version="999"))
    assert refused.status_code == 200
    assert "已被他人修改" in refused.content.decode()
    assert Project.objects.get(pk=project.pk).title == "乙项目"
    url = f"/projects/{project.pk}/edit/"
    saved = client.post(url, _edit_post(project, title="新", version=project.version))
    assert saved.status_code == 302
    assert Project.objects.get(pk=project.pk).title == "新"


def test_a_transition_writes_its_history_and_audit_and_a_missing_version_is_refused(client, cast, projects):
    project = projects[0]
    client.force_login(cast.officer)
    url = f"/projects/{project.pk}/transition/"
    today = dt.date.today()
    missing = client.post(url, {"to_status": "approved", "on": today})
    assert missing.status_code == 200
    assert "缺少版本号" in missing.content.decode()
    response = client.post(url, {"to_status": "approved", "on": today, "version": project.version})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == "approved"
    assert project.approved_on == today
    assert project.history.latest("pk").to_status == "approved"
    assert AuditEntry.objects.filter(event_type=AuditEvent.TRANSITION, object_id=str(project.pk)).exists()


def test_actions_refuse_get(client, cast, projects):
    client.force_login(cast.officer)
    assert client.get(f"/projects/{projects[0].pk}/transition/").status_code == 405


def test_a_delete_is_post_only_scoped_and_audited(client, cast):
    from innoladder.cooperation.models import Talent
    from innoladder.cooperation.tests.helpers import talent as make_talent

    talent = make_talent(cast.officer, cast.ent_a, on=dt.date.today())
    url = f"/cooperation/talents/{talent.pk}/delete/"
    client.force_login(cast.user_b)
    assert client.post(url).status_code == 404
    client.force_login(cast.officer)
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert not Talent.objects.filter(pk=talent.pk).exists()
    assert AuditEntry.objects.filter(event_type=AuditEvent.DELETE, object_id=str(talent.pk)).exists()


def test_object_urls_route_each_declared_role_to_the_kinds_view_under_its_name():
    """The list's sheet goes through as_view(exporting=True), the edit view serves new/ as well, and a
    role left out of `roles` has no route."""
    from types import SimpleNamespace

    from innoladder.core import viewkit as vk
    from innoladder.projects.views import ProjectDetailView, ProjectEditView

    views = SimpleNamespace(
        ThingListView=ProjectListView, ThingEditView=ProjectEditView, ThingDetailView=ProjectDetailView
    )
    routes = {
        p.name: (str(p.pattern), p.callback.view_class, p.callback.view_initkwargs)
        for p in vk.object_urls(views, "Thing", "thing", "things/", "list export edit detail")
    }
    assert routes == {
        "thing_list": ("things/", ProjectListView, {}),
        "thing_export": ("things/export/", ProjectListView, {"exporting": True}),
        "thing_create": ("things/new/", ProjectEditView, {}),
        "thing_edit": ("things/<int:pk>/edit/", ProjectEditView, {}),
        "thing_detail": ("things/<int:pk>/", ProjectDetailView, {}),
    }
