import pytest
from django.db import DatabaseError, connection, transaction

from innoladder.core import audit, services
from innoladder.core.models import AuditEntry
from innoladder.core.testing.factories import EnterpriseFactory
from innoladder.enterprises.models import Enterprise


def test_create_update_delete_write_one_entry_each_with_before_and_after(cast):
    enterprise = EnterpriseFactory.build(park=cast.park, name="新建企业")
    services.object_create(enterprise, user=cast.officer)
    created = AuditEntry.objects.get(event_type="create")
    assert created.changes["after"]["name"] == "新建企业"
    assert created.enterprise_id == enterprise.pk

    enterprise.name = "改名企业"
    services.object_update(enterprise, user=cast.officer, expected_version=1)
    updated = AuditEntry.objects.get(event_type="update")
    assert updated.changes == {"name": ["新建企业", "改名企业"]}
    assert updated.actor == cast.officer

    services.object_delete(enterprise, user=cast.officer)
    deleted = AuditEntry.objects.get(event_type="delete")
    assert deleted.changes["before"]["name"] == "改名企业"


def test_stale_edit_is_refused_and_keeps_the_first_change(cast):
    first = Enterprise.objects.get(pk=cast.ent_a.pk)
    second = Enterprise.objects.get(pk=cast.ent_a.pk)
    first.name = "甲的修改"
    services.object_update(first, user=cast.officer, expected_version=first.version)
    second.name = "乙的修改"
    with pytest.raises(services.StaleEditError):
        services.object_update(second, user=cast.officer, expected_version=second.version)
    assert Enterprise.objects.get(pk=cast.ent_a.pk).name == "甲的修改"
    assert AuditEntry.objects.filter(event_type="update").count() == 1


def test_audit_rows_cannot_be_changed_through_the_orm(cast):
    entry = audit.record("export", message="导出企业名单")
    entry.message = "篡改"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().update(message="篡改")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_raw_update_and_delete_of_audit_rows():
    entry = audit.record("export", message="导出")
    for sql in (
        "UPDATE core_auditentry SET message = 'x' WHERE id = %s",
        "DELETE FROM core_auditentry WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).message == "导出"


def test_failure_to_write_the_audit_entry_rolls_back_the_change(cast, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(audit, "record", broken)
    enterprise = Enterprise.objects.get(pk=cast.ent_a.pk)
    enterprise.name = "不应保存"
    with pytest.raises(RuntimeError):
        services.object_update(enterprise, user=cast.officer, expected_version=enterprise.version)
    assert Enterprise.objects.get(pk=cast.ent_a.pk).name == "企业甲有限公司"


def test_snapshot_records_file_fields_by_their_stored_name(cast, media):
    from django.core.files.base import ContentFile

    from innoladder.collection.models import Campaign, Evidence, Submission

    campaign = Campaign.objects.create(
        park=cast.park,
        title="t",
        fiscal_year=2024,
        fields=["employees"],
        opens_on="2025-01-01",
        deadline="2025-02-01",
    )
    submission = Submission.objects.create(campaign=campaign, enterprise=cast.ent_a)
    evidence = Evidence(submission=submission, original_name="a.pdf")
    evidence.file.save("stored.pdf", ContentFile(b"%PDF-1.4"), save=False)
    data = audit.snapshot(evidence)
    assert data["file"].endswith(".pdf") and isinstance(data["file"], str)


def test_record_many_writes_one_entry_per_item_with_the_shared_actor_and_message(cast):
    ent_a, ent_b = cast.ent_a, cast.ent_b
    token = audit.set_request_context(user=cast.officer, ip="10.0.0.7", request_id="req-42")
    try:
        count = audit.record_many(
            "create",
            [
                (
                    Enterprise,
                    ent_a.pk,
                    {"after": {"name": "甲", "registered_capital": "100.00"}},
                    "甲公司",
                    ent_a.pk,
                ),
                (Enterprise, ent_b.pk, {"after": {"name": "乙"}}, "乙公司", ent_b.pk),
            ],
            message="Excel导入（企业名录）",
        )
    finally:
        audit.reset_request_context(token)
    assert count == 2
    entries = list(AuditEntry.objects.filter(message="Excel导入（企业名录）").order_by("id"))
    assert [(e.object_id, e.object_repr, e.enterprise_id) for e in entries] == [
        (str(ent_a.pk), "甲公司", ent_a.pk),
        (str(ent_b.pk), "乙公司", ent_b.pk),
    ]
    first = entries[0]
    assert (first.actor_id, first.actor_name, first.actor_role) == (
        cast.officer.pk,
        cast.officer.username,
        cast.officer.role,
    )
    assert (first.source_ip, first.request_id, first.event_type, first.result) == (
        "10.0.0.7",
        "req-42",
        "create",
        "success",
    )
    assert first.object_type == "enterprises.Enterprise"
    assert first.changes == {"after": {"name": "甲", "registered_capital": "100.00"}}
    assert first.ts is not None and entries[1].ts == first.ts
    assert audit.record_many("update", []) == 0
