"""Batched audit entries (core.audit.record_batch): a bulk write's rows in a few entries, one per park and
chunk, read back per enterprise and row, covered by the hash chain, found by the audit log's enterprise
filter, and shown by the audit log's pages."""

import pytest
from django.db import connection

from innoladder.core import audit, audit_chain, audit_guard, auditlog, selectors
from innoladder.core.models import AuditEntry, AuditEntryEnterprise, AuditEvent
from innoladder.enterprises.models import AnnualData


def _rows(cast, count_a=3, count_other=2):
    owners = [cast.ent_a.pk] * count_a + [cast.ent_other_park.pk] * count_other
    count = len(owners)
    return audit.BatchRows(
        AnnualData,
        object_ids=list(range(1, count + 1)),
        enterprise_ids=owners,
        labels=[f"年度数据 第{i}行" for i in range(count)],
        fields=("year", "employees", "sales_revenue"),
        columns=[[2020 + i for i in range(count)], [10 * i for i in range(count)], ["12.50"] * count],
    )


def test_one_entry_per_park_holds_every_row_and_reads_back_per_enterprise(cast):
    entries = audit.record_batch(
        AuditEvent.CREATE, _rows(cast), message="Excel导入（年度数据）", user=cast.officer
    )
    assert [(e.park_id, e.enterprise_id) for e in entries] == [
        (cast.park.pk, cast.ent_a.pk),
        (cast.other_park.pk, cast.ent_other_park.pk),
    ]
    first = AuditEntry.objects.get(pk=entries[0].pk)
    assert first.changes[audit.BATCH_KEY]["rows"] == 3
    assert (first.actor, first.object_type, first.message) == (
        cast.officer,
        "enterprises.AnnualData",
        "Excel导入（年度数据）",
    )
    rows = audit.batch_rows(first.changes, cast.ent_a.pk)
    assert [r["object_id"] for r in rows] == [1, 2, 3]
    assert rows[1] == {
        "object_id": 2,
        "enterprise_id": cast.ent_a.pk,
        "repr": "年度数据 第1行",
        "changes": {"after": {"year": 2021, "employees": 10, "sales_revenue": "12.50"}},
    }
    assert audit.batch_rows(first.changes, cast.ent_other_park.pk) == []
    held = AuditEntryEnterprise.objects.values_list("entry_id", "enterprise_id")
    assert set(held) == {(entries[0].pk, cast.ent_a.pk), (entries[1].pk, cast.ent_other_park.pk)}
    assert audit_chain.verify().ok


def test_changed_rows_keep_their_old_and_new_values_and_large_writes_are_chunked(cast, monkeypatch):
    monkeypatch.setattr(audit, "ROWS_PER_ENTRY", 2)
    owners = [cast.ent_a.pk, cast.ent_b.pk, cast.ent_a.pk]
    rows = audit.BatchRows(
        AnnualData,
        object_ids=[7, 8, 9],
        enterprise_ids=owners,
        labels=["甲", "乙", "丙"],
        diffs=[{"employees": [1, 2]}, {"employees": [3, 4]}, {"rd_staff": [None, 5]}],
    )
    entries = audit.record_batch(AuditEvent.UPDATE, rows, message="Excel导入（年度数据）", user=cast.officer)
    assert [e.changes[audit.BATCH_KEY]["rows"] for e in entries] == [2, 1]
    assert entries[0].enterprise_id is None  # two enterprises: found through AuditEntryEnterprise
    read = [
        r for e in entries for r in audit.batch_rows(AuditEntry.objects.get(pk=e.pk).changes, cast.ent_a.pk)
    ]
    assert [(r["object_id"], r["changes"]) for r in read] == [
        (7, {"employees": [1, 2]}),
        (9, {"rd_staff": [None, 5]}),
    ]


def test_a_batched_entry_whose_rows_are_edited_breaks_the_chain(cast):
    [entry, _] = audit.record_batch(AuditEvent.CREATE, _rows(cast), message="导入", user=cast.officer)
    changes = AuditEntry.objects.get(pk=entry.pk).changes
    edited = audit.BatchRows(AnnualData, [1], [cast.ent_a.pk], ["改"], fields=("year",), columns=[[1999]])
    forged = audit.record_batch(AuditEvent.CREATE, edited, message="导入")[0].changes[audit.ROWS_KEY]
    changes[audit.ROWS_KEY] = forged
    audit_guard.remove(connection)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE core_auditentry SET changes = %s WHERE id = %s",
                [AuditEntry._meta.get_field("changes").get_db_prep_save(changes, connection), entry.pk],
            )
    finally:
        audit_guard.install(connection)
    result = audit_chain.verify()
    assert not result.ok and result.broken_id == entry.pk


def test_the_enterprise_filter_finds_batched_entries_and_the_page_shows_only_that_enterprises_rows(
    client, cast
):
    audit.record_batch(
        AuditEvent.CREATE, _rows(cast, count_a=2, count_other=0), message="导入", user=cast.officer
    )
    mixed = audit.BatchRows(
        AnnualData,
        [11, 12],
        [cast.ent_a.pk, cast.ent_b.pk],
        ["甲行", "乙行"],
        fields=("year",),
        columns=[[1, 2]],
    )
    audit.record_batch(AuditEvent.CREATE, mixed, message="导入", user=cast.officer)
    form = auditlog.AuditFilterForm({"enterprise": cast.ent_b.pk})
    found = list(selectors.audit_entry_list(cast.auditadmin, form))
    assert [e.changes[audit.BATCH_KEY]["rows"] for e in found] == [2]
    client.force_login(cast.auditadmin)
    page = client.get("/audit/", {"enterprise": cast.ent_b.pk}).content.decode()
    assert "乙行（ID 12）" in page and "甲行" not in page
    page = client.get("/audit/").content.decode()
    assert "甲行（ID 11）" in page and "乙行（ID 12）" in page


def test_the_audit_list_names_the_rows_it_leaves_out(cast, monkeypatch):
    monkeypatch.setattr(auditlog, "BATCH_ROWS_SHOWN", 2)
    [entry, _] = audit.record_batch(AuditEvent.CREATE, _rows(cast), message="导入", user=cast.officer)
    lines = auditlog.readable_changes(entry.object_type, AuditEntry.objects.get(pk=entry.pk).changes)
    assert [line.field for line in lines] == ["年度数据 第0行（ID 1）", "年度数据 第1行（ID 2）", "其余行"]
    assert lines[0].after == "年度：2020；职工总数：0；销售收入：12.50"
    assert lines[-1].after == "另有 1 行未列出"


@pytest.fixture(autouse=True)
def _no_request_context():
    token = audit.set_request_context()
    yield
    audit.reset_request_context(token)
