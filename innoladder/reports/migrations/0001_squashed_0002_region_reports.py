"""Squashed from reports 0001-0002 (2026-12-06)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('reports', '0001_initial'), ('reports', '0002_region_reports')]

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('enterprises', '0001_squashed_0007_region'),
    ]

    operations = [
        migrations.CreateModel(
            name='WorkReport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='版本')),
                ('period_start', models.DateField(verbose_name='开始日期')),
                ('period_end', models.DateField(verbose_name='结束日期')),
                ('title', models.CharField(max_length=200, verbose_name='标题')),
                ('sections', models.JSONField(blank=True, default=list, verbose_name='生成文本')),
                ('facts', models.JSONField(blank=True, default=list, verbose_name='数据快照')),
                ('is_demo', models.BooleanField(default=False, verbose_name='演示数据')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='生成人')),
                ('park', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='work_reports', to='enterprises.park', verbose_name='园区')),
                ('region', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='work_reports', to='enterprises.region', verbose_name='区域')),
            ],
            options={
                'verbose_name': '工作总结',
                'verbose_name_plural': '工作总结',
                'ordering': ['-created_at', '-id'],
                'indexes': [models.Index(fields=['park', '-created_at'], name='reports_wor_park_id_729ea7_idx')],
                'constraints': [models.CheckConstraint(condition=models.Q(('period_end__gte', models.F('period_start'))), name='workreport_period_ordered'), models.CheckConstraint(condition=models.Q(models.Q(('park__isnull', False), ('region__isnull', True)), models.Q(('park__isnull', True), ('region__isnull', False)), _connector='OR'), name='workreport_park_or_region')],
            },
        ),
        migrations.CreateModel(
            name='WorkReportEdit',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='版本')),
                ('section', models.CharField(choices=[('cultivation', '企业培育'), ('projects', '创新驱动项目'), ('services', '服务机制'), ('policies', '政策落实'), ('next_steps', '下一步工作')], max_length=30, verbose_name='章节')),
                ('text', models.TextField(verbose_name='修改后文本')),
                ('edited_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='修改人')),
                ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='edits', to='reports.workreport')),
            ],
            options={
                'verbose_name': '工作总结修改稿',
                'verbose_name_plural': '工作总结修改稿',
                'ordering': ['report', 'section'],
                'constraints': [models.UniqueConstraint(fields=('report', 'section'), name='workreportedit_report_section')],
            },
        ),
    ]
