"""The tamper-evident audit chain (finding 4, DB-AU-LOG-3): edits and deletions made around the append-only
triggers are found by `verify_audit`, at the first broken entry."""

import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, IntegrityError, connection, connections, transaction

from innoladder.accounts.choices import Role
from innoladder.core import audit, audit_chain, audit_check, audit_guard
from innoladder.core.models import AuditChainHead, AuditEntry, Notification
from innoladder.core.testing.factories import UserFactory
from innoladder.enterprises.models import Enterprise


def _entries(cast, n=5):
    """n entries through both writers: single records and an import-style bulk write."""
    for i in range(n - 2):
        audit.record("update", obj=cast.ent_a, user=cast.officer, changes={"name": [f"旧{i}", f"新{i}"]})
    audit.record_many(
        "create",
        [
            (Enterprise, cast.ent_a.pk, {"after": {"name": "甲", "capital": "1.00"}}, "甲", cast.ent_a.pk),
            (Enterprise, cast.ent_b.pk, {"after": {"name": "乙"}}, "乙", cast.ent_b.pk),
        ],
        user=cast.officer,
        message="Excel导入",
    )
    return list(AuditEntry.objects.order_by("id"))


def _raw(sql, params):
    """Change the audit table the way someone with file access would: triggers dropped, SQL, triggers back."""
    audit_guard.remove(connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    audit_guard.install(connection)


def test_an_intact_chain_passes_and_links_every_entry_to_the_one_before(cast):
    entries = _entries(cast)
    result = audit_chain.verify()
    assert result.ok, result.summary()
    assert result.checked == AuditEntry.objects.count() >= 5
    for before, after in zip(entries, entries[1:], strict=False):
        assert after.prev_hash == before.entry_hash
    call_command("verify_audit")  # exit code 0, and the newest entry becomes the checkpoint
    head = AuditChainHead.objects.get()
    assert (head.checked_id, head.checked_hash) == (entries[-1].pk, entries[-1].entry_hash)


def test_a_row_edited_with_the_triggers_dropped_fails_at_that_row(cast):
    entries = _entries(cast)
    target = entries[2]
    _raw("UPDATE core_auditentry SET message = %s WHERE id = %s", ["改过的说明", target.pk])
    result = audit_chain.verify()
    assert not result.ok
    assert (result.broken_id, result.broken_ts) == (target.pk, target.ts)
    assert result.checked == AuditEntry.objects.filter(pk__lt=target.pk).count()
    with pytest.raises(CommandError) as failed:
        call_command("verify_audit")
    assert failed.value.returncode == 1
    assert f"记录 ID {target.pk}" in str(failed.value) and "已被改动" in str(failed.value)


def test_an_edit_that_also_rewrites_the_stored_hash_is_still_found(cast):
    entries = _entries(cast)
    target = entries[1]
    forged = audit_chain.entry_hash(target.prev_hash, audit_chain.values_of(target), b"a guessed key")
    _raw(
        "UPDATE core_auditentry SET changes = %s, entry_hash = %s WHERE id = %s",
        ['{"name": ["a", "b"]}', forged, target.pk],
    )
    result = audit_chain.verify()
    assert not result.ok and result.broken_id == target.pk


def test_a_deleted_row_breaks_the_link_of_the_next_one(cast):
    entries = _entries(cast)
    _raw("DELETE FROM core_auditentry WHERE id = %s", [entries[1].pk])
    result = audit_chain.verify()
    assert not result.ok
    assert result.broken_id == entries[2].pk
    assert f"ID {entries[0].pk} 之后" in result.reason


def test_deleting_the_newest_rows_up_to_the_last_checkpoint_is_seen(cast):
    entries = _entries(cast)
    assert audit_check.verify_and_alert().ok  # the daily check: entries[-1] is the checkpoint
    _raw("DELETE FROM core_auditentry WHERE id >= %s", [entries[-2].pk])
    result = audit_chain.verify()
    assert not result.ok
    assert result.broken_id is None and f"记录 ID {entries[-1].pk} 已不存在" in result.reason


def test_a_failed_check_is_audited_and_notifies_each_security_administrator(cast):
    admins = [UserFactory(role=Role.SECADMIN), UserFactory(role=Role.SECADMIN, is_active=False)]
    entries = _entries(cast)
    _raw("UPDATE core_auditentry SET actor_name = %s WHERE id = %s", ["别人", entries[0].pk])
    result = audit_check.verify_and_alert()
    assert not result.ok
    notes = Notification.objects.filter(title="审计日志完整性校验失败")
    expected = sorted([cast.secadmin.pk, cast.secadmin2.pk, admins[0].pk])  # active ones only
    assert sorted(n.user_id for n in notes) == expected
    assert f"记录 ID {entries[0].pk}" in notes[0].body
    logged = AuditEntry.objects.get(event_type="audit_verify")
    assert logged.result == "failure" and logged.changes["broken_id"] == entries[0].pk
    audit_check.verify_and_alert()  # the same break again today: no second notification
    assert notes.count() == len(expected)


def test_a_passing_check_is_audited_and_notifies_nobody(cast):
    _entries(cast)
    assert audit_check.verify_and_alert().ok
    assert AuditEntry.objects.get(event_type="audit_verify").result == "success"
    assert not Notification.objects.exists()


def test_an_unchained_insert_is_refused_by_the_database(cast):
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO core_auditentry (ts, actor_name, actor_role, request_id, event_type, object_type,"
            " object_id, object_repr, result, changes, message, prev_hash, entry_hash)"
            " VALUES (%s, '', '', '', 'export', '', '', '', 'success', '{}', '', '', '')",
            ["2026-01-01 00:00:00"],
        )


def test_changes_read_back_from_either_database_hash_the_same(cast):
    """JSON the database normalises (integer keys, tuples, an integral float, nested lists) verifies."""
    audit.record(
        "update",
        obj=cast.ent_a,
        changes={
            "counts": {1: "一", 2: "二", 10: "十"},
            "pair": (1, 2),
            "big": 1e20,
            "ratio": 0.1,
            "n": [None],
        },
        message="多\r\n行",
    )
    assert audit_chain.verify().ok


def test_every_audit_field_is_covered_by_the_chain():
    stored = {f.attname for f in AuditEntry._meta.concrete_fields} - {"id", "prev_hash", "entry_hash"}
    assert stored == set(audit_chain.CHAIN_FIELDS)


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_append_one_unbroken_chain():
    """Eight threads (own connections) writing at once: the lock row / writer lock serialises appends."""
    errors = []

    def write(n):
        try:
            for i in range(10):
                with transaction.atomic():
                    audit.record("export", message=f"线程{n}-{i}")
        except DatabaseError as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert AuditEntry.objects.count() == 80
    assert AuditEntry.objects.values("prev_hash").distinct().count() == 80
    result = audit_chain.verify()
    assert result.ok, result.summary()


@pytest.mark.parametrize(
    "changes",
    [
        {"after": {"name": "甲", "employees": 12, "listed": False, "note": None, "tags": ["a", "b"]}},
        {"name": ["旧", "新"], "nested": {"deeper": {"x": [1, 2, {"y": "z"}]}}},
        {1: "integer key", "mixed": True},
        {"pair": (1, 2), "inner": [(3, 4)]},
        {"whole": 2.0, "half": 0.5, "huge": 1e20},
        [],
        {},
    ],
)
def test_changes_hash_as_a_json_column_gives_them_back(changes):
    """The cheap path for plain data and the JSON round trip for the rest give the same canonical text."""
    import json

    index = audit_chain.CHAIN_FIELDS.index("changes")
    stored = json.loads(json.dumps(changes))
    assert audit_chain._piece(index, changes) == audit_chain._piece(index, stored)


@pytest.mark.parametrize("night", ["2027-03-02 02:45:00+08:00", "2031-11-20 03:10:00+08:00"])
def test_the_nightly_job_checks_the_chain_and_a_broken_one_fails_and_alerts(cast, night):
    import datetime as dt

    from freezegun import freeze_time

    from innoladder.core import schedule
    from innoladder.core.job_handlers import AUDIT_VERIFY_JOB
    from innoladder.core.models import Job, JobStatus

    entry = schedule.PERIODIC["core.verify_audit"]
    assert (entry.kind, entry.at) == (AUDIT_VERIFY_JOB, dt.time(2, 30))
    with freeze_time(night):
        entries = _entries(cast)
        [run] = schedule.run_due(names=("core.verify_audit",))
        job = Job.objects.get(pk=run.job_id)
        checked = AuditEntry.objects.exclude(event_type="audit_verify").count()  # + the job's own entry
        assert (job.status, job.result["checked"]) == (JobStatus.SUCCEEDED, checked)
        _raw("UPDATE core_auditentry SET object_repr = %s WHERE id = %s", ["改", entries[1].pk])
        job = Job.objects.get(pk=audit_jobs_enqueue(AUDIT_VERIFY_JOB).pk)
    assert job.status == JobStatus.FAILED and f"记录 ID {entries[1].pk}" in job.message
    assert Notification.objects.filter(user=cast.secadmin, title="审计日志完整性校验失败").count() == 1


def audit_jobs_enqueue(kind):
    from innoladder.core import jobs

    return jobs.enqueue(kind, title="审计日志完整性校验（手动）")
