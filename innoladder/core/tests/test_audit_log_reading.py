"""Reading the audit log (findings 3 and 8): who reads which entries, reads are audited, filters, Chinese
labels, field-level changes, paging and the xlsx export."""

import datetime as dt

import pytest
from freezegun import freeze_time

from innoladder.accounts.choices import Role
from innoladder.core import audit, auditlog, selectors, services
from innoladder.core.models import AuditEntry
from innoladder.core.testing.access import OK, assert_access
from innoladder.core.testing.factories import EnterpriseFactory, UserFactory
from innoladder.core.testing.sheets import sheet_rows
from innoladder.enterprises.models import Enterprise


def _rename(enterprise, name, user):
    enterprise = Enterprise.objects.get(pk=enterprise.pk)
    enterprise.name = name
    services.object_update(enterprise, user=user, expected_version=enterprise.version)


@pytest.fixture
def two_parks(cast):
    """A change in each park, and a login without a park by an officer of each."""
    _rename(cast.ent_a, "本园改名后", cast.officer)
    _rename(cast.ent_other_park, "外园机密新名", cast.other_officer)
    audit.record("login", user=cast.officer, message="登录成功")
    audit.record("login", user=cast.other_officer, message="外园登录")
    return cast


def _visible(user):
    return set(selectors.audit_entries_for(user).values_list("message", "object_repr"))


# --- finding 8: per-park scope -------------------------------------------------------------------------


def test_a_park_auditor_reads_only_their_parks_entries_and_their_peoples_logins(two_parks):
    cast = two_parks
    rows = list(selectors.audit_entries_for(cast.auditor))
    assert {(r.object_repr or r.message) for r in rows} == {"本园改名后", "登录成功"}
    assert all(r.park_id in (cast.park.pk, None) for r in rows)
    assert not selectors.audit_entries_for(cast.auditor).filter(enterprise_id=cast.ent_other_park.pk).exists()


def test_the_park_auditors_page_never_shows_another_parks_before_and_after_values(client, two_parks):
    client.force_login(two_parks.auditor)
    page = client.get("/audit/").content.decode()
    assert "本园改名后" in page
    assert "外园机密新名" not in page and "外园企业有限公司" not in page and "外园登录" not in page
    client.force_login(two_parks.auditor)
    other = AuditEntry.objects.get(object_repr="外园机密新名")
    response = client.get("/audit/", {"object_id": other.object_id, "object_type": "enterprises.Enterprise"})
    assert "外园机密新名" not in response.content.decode()


def test_an_auditor_bound_to_no_park_reads_nothing(client, two_parks):
    nobody = UserFactory(username="loose_auditor", role=Role.AUDITOR)
    assert not selectors.audit_entries_for(nobody).exists()
    client.force_login(nobody)
    response = client.get("/audit/")
    assert response.status_code == OK
    assert "本园改名后" not in response.content.decode() and "外园机密新名" not in response.content.decode()


def test_the_audit_administrator_reads_every_park_by_role(client, two_parks):
    auditadmin = two_parks.auditadmin
    assert AuditEntry.objects.count() == selectors.audit_entries_for(auditadmin).count() == 4
    client.force_login(auditadmin)
    page = client.get("/audit/").content.decode()
    assert "本园改名后" in page and "外园机密新名" in page and "外园登录" in page


def test_the_park_of_an_entry_is_kept_after_its_enterprise_is_deleted(cast):
    doomed = EnterpriseFactory(park=cast.park, name="将被删除的企业")
    services.object_delete(doomed, user=cast.officer)
    entry = AuditEntry.objects.get(event_type="delete", object_repr="将被删除的企业")
    assert entry.park_id == cast.park.pk
    assert selectors.audit_entries_for(cast.auditor).filter(pk=entry.pk).exists()
    assert not selectors.audit_entries_for(UserFactory(role=Role.AUDITOR)).filter(pk=entry.pk).exists()


def test_who_gets_the_audit_pages(client, cast):
    """The audit roles read the log; the business roles do not have the pages (404), the other two
    administrator duties are stopped before them (403, 三权分立)."""
    audit.record("export", message="导出")
    for url in ("/audit/", "/audit/export/"):
        # The regional officer reads a region's enterprises, never the audit log (not an audit role).
        assert_access(client, cast, url, {"auditor": OK, "regional": 404})
        for name, user in cast.admins().items():
            client.force_login(user)
            assert client.get(url).status_code == (OK if name == "auditadmin" else 403), (url, name)


def test_the_system_and_security_administrators_read_no_audit_entry(cast):
    audit.record("export", user=cast.officer, message="导出")
    for user in (cast.sysadmin, cast.secadmin, cast.admin):
        assert not selectors.audit_entries_for(user).exists()
        assert not selectors.may_read_audit_log(user)


# --- finding 3: reads audited, filters, labels, paging, export ---------------------------------------------


def test_reading_searching_and_exporting_the_log_each_write_an_entry(client, two_parks):
    cast = two_parks
    client.force_login(cast.auditor)
    client.get("/audit/")
    read = AuditEntry.objects.filter(event_type="audit_read").latest("id")
    assert (read.actor, read.result, read.object_type) == (cast.auditor, "success", "core.AuditEntry")
    assert read.changes == {"filters": {}, "page": 1, "rows": 2}
    client.get("/audit/", {"actor": "officer", "event": "update"})
    search = AuditEntry.objects.filter(event_type="audit_read").latest("id")
    assert search.changes["filters"] == {"actor": "officer", "event": "update"}
    response = client.get("/audit/export/", {"event": "update"})
    assert response.status_code == OK
    export = AuditEntry.objects.filter(event_type="export").latest("id")
    assert export.object_type == "core.AuditEntry" and export.changes == {
        "filters": {"event": "update"},
        "rows": 1,
    }
    # the reads are in the log the auditor reads next
    assert selectors.audit_entries_for(cast.auditor).filter(event_type="audit_read").count() == 2


def test_filters_by_date_range_actor_event_result_object_and_enterprise(client, cast):
    with freeze_time("2025-03-10 09:00:00"):
        _rename(cast.ent_a, "二〇二五年的名称", cast.officer)
    with freeze_time("2026-11-20 09:00:00"):
        _rename(cast.ent_b, "二〇二六年的名称", cast.officer)
        audit.record("login_failed", user=cast.officer, result="failure", message="密码错误")
    reader = cast.auditor

    def messages(**filters):
        from innoladder.core.auditlog import AuditFilterForm

        form = AuditFilterForm({k: str(v) for k, v in filters.items()})
        return [e.object_repr or e.message for e in selectors.audit_entry_list(reader, form)]

    assert messages(start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31)) == ["二〇二五年的名称"]
    assert messages(start=dt.date(2026, 11, 20)) == ["密码错误", "二〇二六年的名称"]
    assert messages(end=dt.date(2026, 11, 19)) == ["二〇二五年的名称"]
    assert messages(event="update", enterprise=cast.ent_b.pk) == ["二〇二六年的名称"]
    assert messages(result="failure") == ["密码错误"]
    assert messages(object_type="enterprises.Enterprise", object_id=cast.ent_a.pk) == ["二〇二五年的名称"]
    assert messages(actor="nobody") == []
    client.force_login(reader)
    bad = client.get("/audit/", {"start": "2026-02-01", "end": "2026-01-01"}).content.decode()
    assert "开始日期不能晚于结束日期" in bad and "二〇二六年的名称" not in bad


def test_the_list_speaks_chinese_and_shows_field_level_changes(client, cast):
    _rename(cast.ent_a, "新名称有限公司", cast.officer)
    audit.record("login_failed", user=cast.officer, result="failure", message="密码错误")
    client.force_login(cast.auditor)
    page = client.get("/audit/").content.decode()
    for text in (
        "园区工作人员",
        "修改",
        "登录失败",
        "成功",
        "失败",
        "企业名称",
        "企业甲有限公司",
        "新名称有限公司",
    ):
        assert text in page, text
    assert ">success<" not in page and ">failure<" not in page and "{&#x27;name&#x27;" not in page
    assert "[&#x27;" not in page


def test_a_logins_method_reads_in_the_pages_language_and_other_messages_as_written(client, cast):
    audit.record("login", user=cast.officer, message=auditlog.LOGIN_PASSWORD_AND_CODE)
    audit.record("login_failed", user=cast.officer, result="failure", message="密码错误")
    client.force_login(cast.auditor)
    page = client.get("/audit/").content.decode()
    assert "口令 + 动态验证码" in page and "密码错误" in page
    client.cookies["django_language"] = "en"
    page = client.get("/audit/").content.decode()
    assert "Password + authenticator code" in page and "口令" not in page
    assert "密码错误" in page


def test_the_list_pages_by_fifty(client, cast):
    for i in range(60):
        audit.record("update", obj=cast.ent_a, user=cast.officer, message=f"第{i:02d}次")
    client.force_login(cast.auditor)
    first = client.get("/audit/").content.decode()
    second = client.get("/audit/", {"page": 2}).content.decode()
    assert "第59次" in first and "第10次" in first and "第09次" not in first
    assert "第09次" in second and "第00次" in second and "第 2 / 2 页" in second


def test_the_export_is_an_xlsx_with_chinese_headers_and_readable_changes(client, cast):
    _rename(cast.ent_a, "导出后的名称", cast.officer)
    client.force_login(cast.auditor)
    response = client.get("/audit/export/", {"event": "update"})
    rows = sheet_rows(response)
    header = rows[0]
    assert header[:6] == ("记录ID", "时间", "操作人", "角色", "来源IP", "事件")
    assert len(rows) == 2
    row = dict(zip(header, rows[1], strict=True))
    assert row["角色"] == "园区工作人员" and row["事件"] == "修改" and row["结果"] == "成功"
    assert row["变更内容"] == "企业名称：企业甲有限公司 → 导出后的名称"


def test_an_export_over_the_limit_is_refused_with_a_message(client, cast, monkeypatch):
    from innoladder.core import auditlog

    monkeypatch.setattr(auditlog, "EXPORT_LIMIT", 2)
    for i in range(3):
        audit.record("update", obj=cast.ent_a, user=cast.officer, message=f"{i}")
    client.force_login(cast.auditor)
    response = client.get("/audit/export/", follow=True)
    assert "未导出" in response.content.decode()
    assert not AuditEntry.objects.filter(event_type="export").exists()


def test_the_list_query_count_does_not_grow_with_the_entries(client, cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(cast.auditor)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/audit/").status_code == OK
        return len(captured)

    _rename(cast.ent_a, "一次", cast.officer)
    queries()  # the first request of the session also loads and saves the session
    few = queries()
    for i in range(40):
        _rename(cast.ent_a, f"第{i}次", cast.officer)
    assert queries() == few <= 15
