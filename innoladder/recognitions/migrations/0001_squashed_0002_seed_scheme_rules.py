"""Squashed from recognitions 0001-0002 (2026-12-06), with 0002's validity rules per scheme."""

import django.db.models.deletion
import innoladder.recognitions.storage
from django.conf import settings
from django.db import migrations, models

RULES = [
    # scheme, validity kind, years, expiring window (days), review at expiry, source
    ("hnte", "years_from_issue", 3, 180, False, "《高新技术企业认定管理办法》第九条：自颁发证书之日起有效期为三年"),
    (
        "tsme",
        "registration_year",
        1,
        90,
        False,
        "科技型中小企业评价办法：入库登记编号当年有效，次年3月31日前更新信息（2022年文本措辞待核）",
    ),
    ("innovative_sme", "years_from_issue", 3, 180, True, "工信部企业〔2022〕63号：有效期三年"),
    ("srdi_sme", "years_from_issue", 3, 180, True, "工信部企业〔2022〕63号：有效期三年，到期复核"),
    ("little_giant", "years_from_issue", 3, 180, True, "工信部企业〔2022〕63号：有效期三年，到期复核"),
    ("tech_innovative_sme", "years_from_issue", 3, 180, True, "《优质中小企业梯度培育管理办法》（2026）"),
    (
        "qh_tech_enterprise",
        "years_to_year_end",
        3,
        180,
        False,
        "青科发高新〔2020〕85号：期满当年12月31日到期，到期企业重新认定（年限可能为3年，待核）",
    ),
    ("qh_tech_little_giant", "years_from_issue", 3, 180, True, "青海省科技小巨人企业（管理办法原文待取得）"),
    ("other", "years_from_issue", 3, 180, False, "其他资质：默认自发证之日起三年，可在认定记录中直接填写有效期"),
]


def seed(apps, schema_editor):
    SchemeRule = apps.get_model("recognitions", "SchemeRule")
    for scheme, kind, years, window, review, source in RULES:
        SchemeRule.objects.update_or_create(
            scheme=scheme,
            defaults={
                "validity_kind": kind,
                "years": years,
                "expiring_days": window,
                "review_at_expiry": review,
                "source": source,
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("recognitions", "SchemeRule").objects.all().delete()


class Migration(migrations.Migration):

    replaces = [('recognitions', '0001_initial'), ('recognitions', '0002_seed_scheme_rules')]

    initial = True

    dependencies = [
        ('accounts', '0002_initial_squashed_0005_regional_role'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('enterprises', '0001_squashed_0007_region'),
    ]

    operations = [
        migrations.CreateModel(
            name='SchemeRule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('scheme', models.CharField(choices=[('tsme', '科技型中小企业'), ('hnte', '高新技术企业'), ('innovative_sme', '创新型中小企业'), ('srdi_sme', '专精特新中小企业'), ('little_giant', '专精特新“小巨人”企业'), ('tech_innovative_sme', '科技和创新型中小企业'), ('qh_tech_enterprise', '青海省科技型企业'), ('qh_tech_little_giant', '青海省科技小巨人企业'), ('other', '其他')], max_length=30, unique=True, verbose_name='认定类别')),
                ('validity_kind', models.CharField(choices=[('years_from_issue', '自发证之日起N年'), ('registration_year', '登记当年有效（至12月31日）'), ('years_to_year_end', 'N年，至期满年度12月31日')], max_length=30, verbose_name='有效期规则')),
                ('years', models.PositiveSmallIntegerField(default=3, verbose_name='有效年限')),
                ('expiring_days', models.PositiveSmallIntegerField(default=180, verbose_name='即将到期提示天数')),
                ('review_at_expiry', models.BooleanField(default=False, verbose_name='到期复核')),
                ('source', models.CharField(blank=True, max_length=300, verbose_name='依据')),
            ],
            options={
                'verbose_name': '认定有效期规则',
                'verbose_name_plural': '认定有效期规则',
                'ordering': ['scheme'],
            },
        ),
        migrations.CreateModel(
            name='Application',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='版本')),
                ('kind', models.CharField(choices=[('new', '首次认定'), ('renewal', '重新认定')], default='new', max_length=20, verbose_name='申报类型')),
                ('status', models.CharField(choices=[('intent', '意向'), ('preparing', '材料准备'), ('submitted', '已提交'), ('reviewing', '评审中'), ('publicised', '已公示'), ('passed', '通过'), ('rejected', '未通过'), ('withdrawn', '撤回')], default='intent', max_length=20, verbose_name='状态')),
                ('started_on', models.DateField(verbose_name='登记日期')),
                ('decided_on', models.DateField(blank=True, null=True, verbose_name='结果日期')),
                ('assessment_id', models.PositiveBigIntegerField(blank=True, null=True, verbose_name='支撑评估编号')),
                ('note', models.TextField(blank=True, verbose_name='说明')),
                ('is_demo', models.BooleanField(default=False, verbose_name='演示数据')),
                ('agency', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='recognition_applications', to='accounts.serviceagency', verbose_name='服务机构')),
                ('enterprise', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='recognition_applications', to='enterprises.enterprise')),
                ('officer', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='recognition_applications', to=settings.AUTH_USER_MODEL, verbose_name='负责干部')),
            ],
            options={
                'verbose_name': '申报',
                'verbose_name_plural': '申报',
                'ordering': ['-started_on', '-id'],
            },
        ),
        migrations.CreateModel(
            name='ApplicationDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='版本')),
                ('kind', models.CharField(choices=[('form', '申报书'), ('financial', '财务审计报告'), ('ip', '知识产权证明'), ('certificate', '证书'), ('other', '其他材料')], default='other', max_length=20, verbose_name='材料类型')),
                ('title', models.CharField(max_length=200, verbose_name='材料名称')),
                ('file', models.FileField(max_length=200, storage=innoladder.recognitions.storage.private_storage, upload_to=innoladder.recognitions.storage.upload_to, verbose_name='文件')),
                ('content_type', models.CharField(max_length=50, verbose_name='文件类型')),
                ('size', models.PositiveIntegerField(verbose_name='大小(字节)')),
                ('application', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='documents', to='recognitions.application')),
                ('uploaded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': '申报材料',
                'verbose_name_plural': '申报材料',
                'ordering': ['application', '-created_at'],
            },
        ),
        migrations.CreateModel(
            name='ApplicationTransition',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('from_status', models.CharField(blank=True, choices=[('intent', '意向'), ('preparing', '材料准备'), ('submitted', '已提交'), ('reviewing', '评审中'), ('publicised', '已公示'), ('passed', '通过'), ('rejected', '未通过'), ('withdrawn', '撤回')], max_length=20, verbose_name='原状态')),
                ('to_status', models.CharField(choices=[('intent', '意向'), ('preparing', '材料准备'), ('submitted', '已提交'), ('reviewing', '评审中'), ('publicised', '已公示'), ('passed', '通过'), ('rejected', '未通过'), ('withdrawn', '撤回')], max_length=20, verbose_name='新状态')),
                ('at', models.DateTimeField(auto_now_add=True, verbose_name='操作时间')),
                ('on', models.DateField(verbose_name='业务日期')),
                ('comment', models.TextField(blank=True, verbose_name='意见/说明')),
                ('application', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='transitions', to='recognitions.application')),
                ('by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='操作人')),
            ],
            options={
                'verbose_name': '申报流程记录',
                'verbose_name_plural': '申报流程记录',
                'ordering': ['application', 'at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Batch',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='版本')),
                ('name', models.CharField(max_length=200, verbose_name='批次名称')),
                ('scheme', models.CharField(choices=[('tsme', '科技型中小企业'), ('hnte', '高新技术企业'), ('innovative_sme', '创新型中小企业'), ('srdi_sme', '专精特新中小企业'), ('little_giant', '专精特新“小巨人”企业'), ('tech_innovative_sme', '科技和创新型中小企业'), ('qh_tech_enterprise', '青海省科技型企业'), ('qh_tech_little_giant', '青海省科技小巨人企业'), ('other', '其他')], max_length=30, verbose_name='认定类别')),
                ('scheme_name', models.CharField(blank=True, max_length=100, verbose_name='类别名称（其他）')),
                ('level', models.CharField(choices=[('national', '国家级'), ('provincial', '省级'), ('municipal', '市级'), ('park', '园区级')], max_length=20, verbose_name='级别')),
                ('year', models.PositiveSmallIntegerField(verbose_name='年度')),
                ('opens_on', models.DateField(blank=True, null=True, verbose_name='开始日期')),
                ('closes_on', models.DateField(blank=True, null=True, verbose_name='截止日期')),
                ('online_deadline', models.DateField(blank=True, null=True, verbose_name='网上申报截止')),
                ('paper_deadline', models.DateField(blank=True, null=True, verbose_name='纸质材料报送截止')),
                ('note', models.TextField(blank=True, verbose_name='说明')),
                ('is_demo', models.BooleanField(default=False, verbose_name='演示数据')),
                ('park', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='recognition_batches', to='enterprises.park', verbose_name='园区')),
            ],
            options={
                'verbose_name': '申报批次',
                'verbose_name_plural': '申报批次',
                'ordering': ['-year', '-opens_on', 'name'],
                'constraints': [models.UniqueConstraint(fields=('park', 'name'), name='recognitions_batch_park_name'), models.CheckConstraint(condition=models.Q(('closes_on__isnull', True), ('opens_on__isnull', True), ('closes_on__gte', models.F('opens_on')), _connector='OR'), name='recognitions_batch_dates_ordered')],
            },
        ),
        migrations.AddField(
            model_name='application',
            name='batch',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='applications', to='recognitions.batch', verbose_name='申报批次'),
        ),
        migrations.CreateModel(
            name='ChangeEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='版本')),
                ('kind', models.CharField(choices=[('name', '名称变更'), ('material', '重大变化（分立、合并、重组、经营业务变化）'), ('relocation', '迁移')], max_length=20, verbose_name='变更类型')),
                ('occurred_on', models.DateField(verbose_name='发生日期')),
                ('reported_on', models.DateField(blank=True, null=True, verbose_name='报告日期')),
                ('description', models.CharField(blank=True, max_length=300, verbose_name='说明')),
                ('is_demo', models.BooleanField(default=False, verbose_name='演示数据')),
                ('enterprise', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='recognition_changes', to='enterprises.enterprise')),
            ],
            options={
                'verbose_name': '变更事项',
                'verbose_name_plural': '变更事项',
                'ordering': ['enterprise', '-occurred_on'],
            },
        ),
        migrations.CreateModel(
            name='Recognition',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='版本')),
                ('scheme', models.CharField(choices=[('tsme', '科技型中小企业'), ('hnte', '高新技术企业'), ('innovative_sme', '创新型中小企业'), ('srdi_sme', '专精特新中小企业'), ('little_giant', '专精特新“小巨人”企业'), ('tech_innovative_sme', '科技和创新型中小企业'), ('qh_tech_enterprise', '青海省科技型企业'), ('qh_tech_little_giant', '青海省科技小巨人企业'), ('other', '其他')], max_length=30, verbose_name='认定类别')),
                ('scheme_name', models.CharField(blank=True, max_length=100, verbose_name='类别名称（其他）')),
                ('level', models.CharField(choices=[('national', '国家级'), ('provincial', '省级'), ('municipal', '市级'), ('park', '园区级')], max_length=20, verbose_name='级别')),
                ('number', models.CharField(blank=True, max_length=60, verbose_name='证书编号/入库登记编号')),
                ('issued_on', models.DateField(verbose_name='发证/认定日期')),
                ('valid_until', models.DateField(blank=True, null=True, verbose_name='有效期至')),
                ('revoked_on', models.DateField(blank=True, null=True, verbose_name='撤销日期')),
                ('cancelled_on', models.DateField(blank=True, null=True, verbose_name='取消日期')),
                ('end_reason', models.CharField(blank=True, max_length=300, verbose_name='撤销/取消原因')),
                ('certificate', models.FileField(blank=True, max_length=200, storage=innoladder.recognitions.storage.private_storage, upload_to=innoladder.recognitions.storage.upload_to, verbose_name='证书文件')),
                ('certificate_type', models.CharField(blank=True, max_length=50, verbose_name='证书文件类型')),
                ('note', models.TextField(blank=True, verbose_name='备注')),
                ('is_demo', models.BooleanField(default=False, verbose_name='演示数据')),
                ('batch', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='recognitions', to='recognitions.batch', verbose_name='批次')),
                ('enterprise', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='recognitions', to='enterprises.enterprise')),
                ('renews', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='renewed_by', to='recognitions.recognition', verbose_name='重新认定前的资质')),
            ],
            options={
                'verbose_name': '资质认定',
                'verbose_name_plural': '资质认定',
                'ordering': ['enterprise', '-issued_on'],
                'indexes': [models.Index(fields=['scheme', 'valid_until'], name='recognition_scheme_9ed22d_idx'), models.Index(fields=['enterprise', 'scheme'], name='recognition_enterpr_9e28e4_idx')],
            },
        ),
        migrations.AddField(
            model_name='application',
            name='recognition',
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='application', to='recognitions.recognition', verbose_name='认定结果'),
        ),
        migrations.AddField(
            model_name='application',
            name='renews',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='renewal_applications', to='recognitions.recognition', verbose_name='重新认定的原资质'),
        ),
        migrations.CreateModel(
            name='AnnualReport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='版本')),
                ('year', models.PositiveSmallIntegerField(verbose_name='报告年度')),
                ('submitted_on', models.DateField(verbose_name='报送日期')),
                ('note', models.CharField(blank=True, max_length=200, verbose_name='备注')),
                ('recognition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='annual_reports', to='recognitions.recognition')),
            ],
            options={
                'verbose_name': '年报报送',
                'verbose_name_plural': '年报报送',
                'ordering': ['recognition', 'year'],
                'constraints': [models.UniqueConstraint(fields=('recognition', 'year'), name='recognitions_annualreport_year')],
            },
        ),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(fields=['status', 'batch'], name='recognition_status_a61f6c_idx'),
        ),
        migrations.RunPython(seed, unseed),
    ]
