"""Squashed from collection 0001-0002 (2026-12-06)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('collection', '0001_initial'), ('collection', '0002_import_rows')]

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('enterprises', '0001_squashed_0007_region'),
    ]

    operations = [
        migrations.CreateModel(
            name='Campaign',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='版本')),
                ('title', models.CharField(max_length=200, verbose_name='名称')),
                ('fiscal_year', models.PositiveSmallIntegerField(verbose_name='填报年度')),
                ('fields', models.JSONField(default=list, verbose_name='填报字段')),
                ('opens_on', models.DateField(verbose_name='开始日期')),
                ('deadline', models.DateField(verbose_name='截止日期')),
                ('instructions', models.TextField(blank=True, verbose_name='填报说明')),
                ('status', models.CharField(choices=[('open', '进行中'), ('closed', '已结束')], default='open', max_length=20, verbose_name='状态')),
                ('is_demo', models.BooleanField(default=False, verbose_name='演示数据')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('park', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='campaigns', to='enterprises.park', verbose_name='园区')),
            ],
            options={
                'verbose_name': '填报任务',
                'verbose_name_plural': '填报任务',
                'ordering': ['-fiscal_year', '-opens_on'],
                'constraints': [models.CheckConstraint(condition=models.Q(('deadline__gte', models.F('opens_on'))), name='campaign_dates')],
            },
        ),
        migrations.CreateModel(
            name='Submission',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='版本')),
                ('status', models.CharField(choices=[('not_started', '未开始'), ('draft', '草稿'), ('submitted', '已提交'), ('returned', '已退回'), ('accepted', '已采纳')], default='not_started', max_length=20, verbose_name='状态')),
                ('data', models.JSONField(blank=True, default=dict, verbose_name='填报数据')),
                ('confirmed_warnings', models.JSONField(blank=True, default=list, verbose_name='已确认的提示')),
                ('declaration', models.BooleanField(default=False, verbose_name='已承诺数据真实')),
                ('on_behalf', models.BooleanField(default=False, verbose_name='由工作人员代填')),
                ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='提交时间')),
                ('return_comment', models.TextField(blank=True, verbose_name='退回意见')),
                ('accepted_at', models.DateTimeField(blank=True, null=True, verbose_name='采纳时间')),
                ('assessment_changes', models.JSONField(blank=True, default=list, verbose_name='评估变化')),
                ('accepted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('campaign', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='submissions', to='collection.campaign')),
                ('enterprise', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='submissions', to='enterprises.enterprise')),
                ('submitted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': '企业填报',
                'verbose_name_plural': '企业填报',
                'ordering': ['campaign', 'enterprise__name'],
                'indexes': [models.Index(fields=['campaign', 'status'], name='collection__campaig_0c68ee_idx')],
                'constraints': [models.UniqueConstraint(fields=('campaign', 'enterprise'), name='submission_campaign_enterprise')],
            },
        ),
        migrations.CreateModel(
            name='Evidence',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.FileField(upload_to='collection/%Y/', verbose_name='文件')),
                ('original_name', models.CharField(max_length=200, verbose_name='文件名')),
                ('description', models.CharField(blank=True, max_length=200, verbose_name='说明')),
                ('uploaded_at', models.DateTimeField(auto_now_add=True, verbose_name='上传时间')),
                ('uploaded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('submission', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='evidence', to='collection.submission')),
            ],
            options={
                'verbose_name': '证明材料',
                'verbose_name_plural': '证明材料',
                'ordering': ['uploaded_at'],
            },
        ),
        migrations.CreateModel(
            name='SubmissionEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('from_status', models.CharField(choices=[('not_started', '未开始'), ('draft', '草稿'), ('submitted', '已提交'), ('returned', '已退回'), ('accepted', '已采纳')], max_length=20, verbose_name='原状态')),
                ('to_status', models.CharField(choices=[('not_started', '未开始'), ('draft', '草稿'), ('submitted', '已提交'), ('returned', '已退回'), ('accepted', '已采纳')], max_length=20, verbose_name='新状态')),
                ('at', models.DateTimeField(auto_now_add=True, verbose_name='时间')),
                ('comment', models.TextField(blank=True, verbose_name='说明')),
                ('actor', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('submission', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='collection.submission')),
            ],
            options={
                'verbose_name': '填报记录',
                'verbose_name_plural': '填报记录',
                'ordering': ['at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='CollectionImportRow',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='版本')),
                ('employees', models.PositiveIntegerField(blank=True, null=True, verbose_name='职工总数')),
                ('tech_staff', models.PositiveIntegerField(blank=True, null=True, verbose_name='科技人员')),
                ('rd_staff', models.PositiveIntegerField(blank=True, null=True, verbose_name='研发人员')),
                ('tech_conversions', models.PositiveIntegerField(blank=True, null=True, verbose_name='技术成果转化数')),
                ('sales_revenue', models.DecimalField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='销售收入')),
                ('main_revenue', models.DecimalField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='主营业务收入')),
                ('operating_revenue', models.DecimalField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='营业收入')),
                ('total_income', models.DecimalField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='收入总额')),
                ('non_taxable_income', models.DecimalField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='不征税收入')),
                ('hitech_revenue', models.DecimalField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='高新技术产品(服务)收入')),
                ('rd_expense', models.DecimalField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='研发费用')),
                ('rd_domestic', models.DecimalField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='境内研发费用')),
                ('rd_entrusted_domestic', models.DecimalField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='委托境内研发费用')),
                ('rd_entrusted_overseas', models.DecimalField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='委托境外研发费用')),
                ('total_cost', models.DecimalField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='成本费用支出总额')),
                ('total_assets', models.DecimalField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='资产总额')),
                ('total_liabilities', models.DecimalField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='负债总额')),
                ('net_assets', models.DecimalField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='净资产')),
                ('net_profit', models.DecimalField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='净利润')),
                ('taxes_paid', models.DecimalField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='上缴税金')),
                ('export_value', models.DecimalField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='出口额')),
                ('equity_financing', models.DecimalField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='股权融资')),
                ('applied_at', models.DateTimeField(blank=True, null=True, verbose_name='转入时间')),
                ('campaign', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='import_rows', to='collection.campaign')),
                ('enterprise', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='collection_import_rows', to='enterprises.enterprise')),
            ],
            options={
                'verbose_name': '填报导入行',
                'verbose_name_plural': '填报导入行',
                'ordering': ['campaign', 'enterprise'],
                'constraints': [models.UniqueConstraint(fields=('campaign', 'enterprise'), name='collectionimportrow_natural_key')],
            },
        ),
    ]
