"""Squashed from imports 0001-0002 (2026-12-06)."""

import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('imports', '0001_initial'), ('imports', '0002_batch_options_and_row_notes')]

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('core', '0001_squashed_0007_auditentryenterprise'),
        ('enterprises', '0001_squashed_0007_region'),
    ]

    operations = [
        migrations.CreateModel(
            name='ImportBatch',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('dataset', models.CharField(db_index=True, max_length=60, verbose_name='数据集')),
                ('dataset_title', models.CharField(max_length=100, verbose_name='数据集名称')),
                ('file_name', models.CharField(max_length=255, verbose_name='原文件名')),
                ('file_sha256', models.CharField(db_index=True, max_length=64, verbose_name='文件SHA-256')),
                ('file_size', models.PositiveIntegerField(verbose_name='文件大小')),
                ('stored_name', models.CharField(max_length=80, verbose_name='存储文件名')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='上传时间')),
                ('status', models.CharField(choices=[('previewed', '已预检'), ('invalid', '预检未通过'), ('queued', '写入中'), ('committed', '已导入'), ('failed', '导入失败')], default='previewed', max_length=20, verbose_name='状态')),
                ('rows_total', models.PositiveIntegerField(default=0, verbose_name='数据行数')),
                ('rows_create', models.PositiveIntegerField(default=0, verbose_name='新增')),
                ('rows_update', models.PositiveIntegerField(default=0, verbose_name='更新')),
                ('rows_unchanged', models.PositiveIntegerField(default=0, verbose_name='未变化')),
                ('rows_error', models.PositiveIntegerField(default=0, verbose_name='有错误的行')),
                ('example_rows', models.PositiveIntegerField(default=0, verbose_name='忽略的示例行')),
                ('errors', models.JSONField(blank=True, default=list, verbose_name='错误')),
                ('file_errors', models.JSONField(blank=True, default=list, verbose_name='文件级问题')),
                ('warnings', models.JSONField(blank=True, default=list, verbose_name='提示')),
                ('committed_at', models.DateTimeField(blank=True, null=True, verbose_name='导入时间')),
                ('message', models.TextField(blank=True, verbose_name='说明')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='import_batches', to=settings.AUTH_USER_MODEL, verbose_name='导入人')),
                ('duplicate_of', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='imports.importbatch', verbose_name='相同文件的已导入批次')),
                ('enterprise', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='enterprises.enterprise', verbose_name='企业')),
                ('job', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.job')),
                ('park', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='enterprises.park', verbose_name='园区')),
                ('options', models.JSONField(blank=True, default=dict, verbose_name='文件选项')),
                ('row_notes', models.JSONField(blank=True, default=list, verbose_name='逐行结果')),
                ('rows_skip', models.PositiveIntegerField(default=0, verbose_name='跳过')),
            ],
            options={
                'verbose_name': '导入批次',
                'verbose_name_plural': '导入批次',
                'ordering': ['-created_at'],
                'indexes': [models.Index(fields=['dataset', 'file_sha256', 'status'], name='imports_imp_dataset_2a7b78_idx')],
            },
        ),
    ]
