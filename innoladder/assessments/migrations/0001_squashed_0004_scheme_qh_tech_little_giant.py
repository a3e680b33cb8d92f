"""Squashed from assessments 0001-0004 (2026-12-06).

0003's data step (the data year of the assessments stored before it) changed only rows that existed at
that upgrade; a new database has none.
"""

import django.db.models.deletion
import innoladder.assessments.serialize
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('assessments', '0001_initial'), ('assessments', '0002_compact_storage'), ('assessments', '0003_data_year'), ('assessments', '0004_scheme_qh_tech_little_giant')]

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('core', '0001_squashed_0007_auditentryenterprise'),
        ('enterprises', '0001_squashed_0007_region'),
    ]

    operations = [
        migrations.CreateModel(
            name='Assessment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('assessed_on', models.DateField(verbose_name='评估基准日')),
                ('facts', models.JSONField(default=dict, encoder=innoladder.assessments.serialize.CompactJSONEncoder, verbose_name='评估所用数据快照')),
                ('versions', models.JSONField(default=dict, encoder=innoladder.assessments.serialize.CompactJSONEncoder, verbose_name='规则版本')),
                ('is_latest', models.BooleanField(default=True, verbose_name='最新一次')),
                ('is_demo', models.BooleanField(default=False, verbose_name='演示数据')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='评估时间')),
                ('enterprise', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='assessments', to='enterprises.enterprise')),
                ('job', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.job', verbose_name='批量任务')),
                ('run_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='评估人')),
                ('settings', models.JSONField(default=dict, encoder=innoladder.assessments.serialize.CompactJSONEncoder, verbose_name='口径设置（仅记与默认不同者）')),
                ('data_year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='选定的数据年度（最近有数据的年度）')),
            ],
            options={
                'verbose_name': '评估',
                'verbose_name_plural': '评估',
                'ordering': ['-created_at', '-id'],
                'indexes': [models.Index(fields=['enterprise', 'is_latest'], name='assessments_enterpr_2db9b5_idx')],
            },
        ),
        migrations.CreateModel(
            name='SchemeResult',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('scheme', models.CharField(choices=[('tsme', '科技型中小企业'), ('hnte', '高新技术企业'), ('innovative_sme', '创新型中小企业'), ('tech_innovative_sme', '科技和创新型中小企业'), ('srdi_sme', '专精特新中小企业'), ('little_giant', '专精特新“小巨人”企业'), ('qh_tech_enterprise', '青海省科技型企业'), ('qh_tech_little_giant', '青海省科技小巨人企业')], max_length=30, verbose_name='认定类型')),
                ('ruleset_version', models.CharField(max_length=40, verbose_name='规则版本')),
                ('outcome', models.CharField(choices=[('eligible', '符合条件'), ('not_eligible', '不符合'), ('insufficient_data', '数据不足')], max_length=20, verbose_name='结论')),
                ('standing', models.CharField(choices=[('held', '已持有'), ('eligible', '已符合条件'), ('close', '接近'), ('far', '差距较大'), ('unknown', '数据不足')], max_length=10, verbose_name='梯度位置')),
                ('score', models.DecimalField(blank=True, decimal_places=2, max_digits=6, null=True, verbose_name='得分')),
                ('score_low', models.DecimalField(blank=True, decimal_places=2, max_digits=6, null=True, verbose_name='得分下限')),
                ('score_high', models.DecimalField(blank=True, decimal_places=2, max_digits=6, null=True, verbose_name='得分上限')),
                ('met_count', models.PositiveSmallIntegerField(default=0, verbose_name='满足项数')),
                ('total_count', models.PositiveSmallIntegerField(default=0, verbose_name='评价项数')),
                ('conditions_met', models.PositiveSmallIntegerField(default=0, verbose_name='满足条件数')),
                ('conditions_total', models.PositiveSmallIntegerField(default=0, verbose_name='条件总数')),
                ('unmet', models.PositiveSmallIntegerField(default=0, verbose_name='未满足条件数')),
                ('is_latest', models.BooleanField(default=True, verbose_name='最新一次')),
                ('assessment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='scheme_results', to='assessments.assessment')),
                ('enterprise', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='enterprises.enterprise')),
                ('data_year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='数据年度')),
                ('data_year_fallback', models.BooleanField(default=False, verbose_name='按最近有数据的年度评估')),
                ('data_year_missing', models.BooleanField(default=False, verbose_name='缺少数据年度的数据')),
            ],
            options={
                'verbose_name': '分项评估结果',
                'verbose_name_plural': '分项评估结果',
                'ordering': ['assessment', 'id'],
                'indexes': [models.Index(fields=['is_latest', 'scheme', 'standing'], name='assessments_is_late_c9a5db_idx')],
            },
        ),
    ]
