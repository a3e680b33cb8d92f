"""Squashed from core 0001-0007 (2026-12-06); a database that applied those is taken as migrated.

Besides the tables: the append-only triggers on the audit table (等保 DB-AU-LOG-3, formerly 0002 and
0006) and the audit chain's lock row at the genesis (written by 0006, which also chained the entries of
an existing log; a new database has none).
"""

import django.db.models.deletion
import django.utils.timezone
import uuid
from django.conf import settings
from django.db import migrations, models

from innoladder.core import audit_chain, audit_guard


def install_guard(apps, schema_editor):
    audit_guard.install(schema_editor.connection)


def remove_guard(apps, schema_editor):
    audit_guard.remove(schema_editor.connection)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS core_auditentry_refuse();")


def chain_head(apps, schema_editor):
    apps.get_model("core", "AuditChainHead").objects.using(schema_editor.connection.alias).update_or_create(
        pk=audit_chain.HEAD_ID, defaults={"checked_id": 0, "checked_hash": audit_chain.GENESIS}
    )


class Migration(migrations.Migration):

    replaces = [('core', '0001_initial'), ('core', '0002_audit_append_only'), ('core', '0003_notification'), ('core', '0004_password_policy'), ('core', '0005_job_lease_periodic_run'), ('core', '0006_audit_chain'), ('core', '0007_auditentryenterprise')]

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AuditEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('ts', models.DateTimeField(db_index=True, default=django.utils.timezone.now, editable=False, verbose_name='时间')),
                ('actor_name', models.CharField(blank=True, max_length=150, verbose_name='操作人')),
                ('actor_role', models.CharField(blank=True, max_length=20, verbose_name='角色')),
                ('source_ip', models.GenericIPAddressField(blank=True, null=True, verbose_name='来源IP')),
                ('request_id', models.CharField(blank=True, max_length=36, verbose_name='请求ID')),
                ('event_type', models.CharField(choices=[('create', '新增'), ('update', '修改'), ('delete', '删除'), ('login', '登录'), ('login_failed', '登录失败'), ('lockout', '账户锁定'), ('logout', '退出'), ('password_change', '修改密码'), ('account_disabled', '停用账户'), ('export', '导出'), ('import', '导入'), ('report', '生成报告'), ('job', '后台任务'), ('transition', '流程变更'), ('audit_read', '查阅审计日志'), ('audit_verify', '审计日志校验'), ('backup', '数据备份'), ('restore', '数据恢复')], db_index=True, max_length=20, verbose_name='事件')),
                ('object_type', models.CharField(blank=True, max_length=100, verbose_name='对象类型')),
                ('object_id', models.CharField(blank=True, max_length=64, verbose_name='对象ID')),
                ('object_repr', models.CharField(blank=True, max_length=300, verbose_name='对象')),
                ('enterprise_id', models.BigIntegerField(blank=True, db_index=True, null=True, verbose_name='企业ID')),
                ('result', models.CharField(default='success', max_length=20, verbose_name='结果')),
                ('changes', models.JSONField(blank=True, default=dict, verbose_name='变更内容')),
                ('message', models.TextField(blank=True, verbose_name='说明')),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('entry_hash', models.CharField(editable=False, max_length=64, verbose_name='本条哈希')),
                ('park_id', models.BigIntegerField(blank=True, db_index=True, null=True, verbose_name='园区ID')),
                ('prev_hash', models.CharField(editable=False, max_length=64, verbose_name='前一条哈希')),
            ],
            options={
                'verbose_name': '审计日志',
                'verbose_name_plural': '审计日志',
                'ordering': ['-ts', '-id'],
                'constraints': [models.CheckConstraint(condition=models.Q(('entry_hash', ''), _negated=True), name='auditentry_chained')],
            },
        ),
        migrations.CreateModel(
            name='Job',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('kind', models.CharField(max_length=50, verbose_name='任务类型')),
                ('title', models.CharField(max_length=200, verbose_name='任务')),
                ('params', models.JSONField(blank=True, default=dict, verbose_name='参数')),
                ('status', models.CharField(choices=[('queued', '排队中'), ('running', '运行中'), ('succeeded', '已完成'), ('failed', '失败')], default='queued', max_length=20, verbose_name='状态')),
                ('progress', models.PositiveIntegerField(default=0, verbose_name='已完成')),
                ('total', models.PositiveIntegerField(default=0, verbose_name='总数')),
                ('message', models.TextField(blank=True, verbose_name='说明')),
                ('result', models.JSONField(blank=True, default=dict, verbose_name='结果')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='提交时间')),
                ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='开始时间')),
                ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='结束时间')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='jobs', to=settings.AUTH_USER_MODEL)),
                ('lease_expires_at', models.DateTimeField(blank=True, null=True, verbose_name='租约到期')),
                ('worker', models.CharField(blank=True, max_length=100, verbose_name='工作进程')),
            ],
            options={
                'verbose_name': '后台任务',
                'verbose_name_plural': '后台任务',
                'ordering': ['-created_at'],
                'indexes': [models.Index(fields=['status', 'lease_expires_at'], name='job_status_lease')],
            },
        ),
        migrations.CreateModel(
            name='Notification',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(max_length=200, verbose_name='提醒标识')),
                ('title', models.CharField(max_length=200, verbose_name='标题')),
                ('body', models.TextField(blank=True, verbose_name='内容')),
                ('url', models.CharField(blank=True, max_length=300, verbose_name='链接')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='时间')),
                ('read_at', models.DateTimeField(blank=True, null=True, verbose_name='已读时间')),
                ('emailed_at', models.DateTimeField(blank=True, null=True, verbose_name='邮件发送时间')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': '通知',
                'verbose_name_plural': '通知',
                'ordering': ['-created_at'],
                'constraints': [models.UniqueConstraint(fields=('user', 'key'), name='notification_user_key')],
            },
        ),
        migrations.CreateModel(
            name='PeriodicRun',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100, verbose_name='定时任务')),
                ('slot', models.CharField(max_length=20, verbose_name='时段')),
                ('claimed_at', models.DateTimeField(auto_now_add=True, verbose_name='启动时间')),
                ('job', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.job')),
            ],
            options={
                'verbose_name': '定时任务运行',
                'verbose_name_plural': '定时任务运行',
                'ordering': ['-claimed_at'],
                'constraints': [models.UniqueConstraint(fields=('name', 'slot'), name='periodic_run_name_slot')],
            },
        ),
        migrations.CreateModel(
            name='AuditChainHead',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('checked_id', models.BigIntegerField(default=0, verbose_name='已校验到的记录ID')),
                ('checked_hash', models.CharField(blank=True, max_length=64, verbose_name='已校验到的记录哈希')),
                ('checked_at', models.DateTimeField(blank=True, null=True, verbose_name='校验时间')),
            ],
            options={
                'verbose_name': '审计日志链头',
                'verbose_name_plural': '审计日志链头',
            },
        ),
        migrations.CreateModel(
            name='AuditEntryEnterprise',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('enterprise_id', models.BigIntegerField(db_index=True, verbose_name='企业ID')),
                ('entry', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.auditentry')),
            ],
            options={
                'verbose_name': '审计日志涉及企业',
                'verbose_name_plural': '审计日志涉及企业',
                'constraints': [models.UniqueConstraint(fields=('entry', 'enterprise_id'), name='auditentryenterprise_unique')],
            },
        ),
        migrations.RunPython(install_guard, remove_guard),
        migrations.RunPython(chain_head, migrations.RunPython.noop),
    ]
