"""Tamper-evident audit log: park of each entry, hash chain over the existing rows, chain lock row.

The append-only triggers are lifted for the duration (the existing rows get their park and links) and
put back at the end, in the same transaction.
"""

import django.utils.timezone
from django.db import migrations, models

from innoladder.core import audit_chain, audit_guard

BATCH = 2000


def lift_guard(apps, schema_editor):
    audit_guard.remove(schema_editor.connection)


def install_guard(apps, schema_editor):
    audit_guard.install(schema_editor.connection)


def chain_existing(apps, schema_editor):
    """Fill each existing entry's park from its enterprise, then chain every entry in id order."""
    db = schema_editor.connection.alias
    entry = apps.get_model("core", "AuditEntry")
    enterprise = apps.get_model("enterprises", "Enterprise")
    head = apps.get_model("core", "AuditChainHead")
    parks = dict(enterprise.objects.using(db).values_list("pk", "park_id"))
    key = audit_chain.chain_key()
    prev, last_id, updates = audit_chain.GENESIS, 0, []
    table = schema_editor.quote_name(entry._meta.db_table)
    sql = f"UPDATE {table} SET park_id = %s, prev_hash = %s, entry_hash = %s WHERE id = %s"  # noqa: S608
    fields = [f for f in audit_chain.CHAIN_FIELDS if f != "park_id"]
    park_at = audit_chain.CHAIN_FIELDS.index("park_id")
    rows = entry.objects.using(db).order_by("id").values_list("id", *fields).iterator(chunk_size=BATCH)
    with schema_editor.connection.cursor() as cursor:
        for pk, *values in rows:
            enterprise_id = values[audit_chain.CHAIN_FIELDS.index("enterprise_id")]
            park_id = parks.get(enterprise_id) if enterprise_id is not None else None
            values.insert(park_at, park_id)
            digest = audit_chain.entry_hash(prev, values, key)
            updates.append((park_id, prev, digest, pk))
            prev, last_id = digest, pk
            if len(updates) >= BATCH:
                cursor.executemany(sql, updates)
                updates = []
        if updates:
            cursor.executemany(sql, updates)
    # The lock row; the chain of the rows above counts as checked (they were just chained).
    head.objects.using(db).update_or_create(
        pk=audit_chain.HEAD_ID, defaults={"checked_id": last_id, "checked_hash": prev}
    )


def noop(apps, schema_editor):
    pass


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_job_lease_periodic_run"),
        ("enterprises", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(lift_guard, install_guard),
        migrations.CreateModel(
            name="AuditChainHead",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("checked_id", models.BigIntegerField(default=0, verbose_name="已校验到的记录ID")),
                ("checked_hash", models.CharField(blank=True, max_length=64, verbose_name="已校验到的记录哈希")),
                ("checked_at", models.DateTimeField(blank=True, null=True, verbose_name="校验时间")),
            ],
            options={"verbose_name": "审计日志链头", "verbose_name_plural": "审计日志链头"},
        ),
        migrations.AddField(
            model_name="auditentry",
            name="entry_hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="本条哈希"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditentry",
            name="park_id",
            field=models.BigIntegerField(blank=True, db_index=True, null=True, verbose_name="园区ID"),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="prev_hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="前一条哈希"),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="event_type",
            field=models.CharField(
                choices=[
                    ("create", "新增"),
                    ("update", "修改"),
                    ("delete", "删除"),
                    ("login", "登录"),
                    ("login_failed", "登录失败"),
                    ("lockout", "账户锁定"),
                    ("logout", "退出"),
                    ("password_change", "修改密码"),
                    ("account_disabled", "停用账户"),
                    ("export", "导出"),
                    ("import", "导入"),
                    ("report", "生成报告"),
                    ("job", "后台任务"),
                    ("transition", "流程变更"),
                    ("audit_read", "查阅审计日志"),
                    ("audit_verify", "审计日志校验"),
                    ("backup", "数据备份"),
                    ("restore", "数据恢复"),
                ],
                db_index=True,
                max_length=20,
                verbose_name="事件",
            ),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="ts",
            field=models.DateTimeField(
                db_index=True, default=django.utils.timezone.now, editable=False, verbose_name="时间"
            ),
        ),
        migrations.RunPython(chain_existing, noop),
        migrations.AddConstraint(
            model_name="auditentry",
            constraint=models.CheckConstraint(
                condition=models.Q(("entry_hash", ""), _negated=True), name="auditentry_chained"
            ),
        ),
        migrations.RunPython(install_guard, lift_guard),
    ]
