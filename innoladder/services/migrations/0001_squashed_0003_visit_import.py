"""Squashed from services 0001-0003 (2026-12-06), with 0002's request categories."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

CATEGORIES = (
    ("policy", "政策咨询", 1),
    ("project", "项目申报辅导", 3),
    ("funding", "资金扶持", 7),
    ("technology", "技术创新与成果转化", 7),
    ("talent", "人才与用工", 7),
    ("finance", "融资服务", 7),
    ("factors", "要素保障（用地、用水、用电、用气）", 30),
    ("other", "其他", 7),
)


def seed(apps, schema_editor):
    RequestCategory = apps.get_model("services", "RequestCategory")
    for order, (code, name, days) in enumerate(CATEGORIES, start=1):
        RequestCategory.objects.get_or_create(code=code, defaults={"name": name, "days": days, "order": order})


def unseed(apps, schema_editor):
    RequestCategory = apps.get_model("services", "RequestCategory")
    RequestCategory.objects.filter(code__in=[c[0] for c in CATEGORIES]).delete()


class Migration(migrations.Migration):

    replaces = [('services', '0001_initial'), ('services', '0002_seed_request_categories'), ('services', '0003_visit_import')]

    initial = True

    dependencies = [
        ('accounts', '0002_initial_squashed_0005_regional_role'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('enterprises', '0001_squashed_0007_region'),
    ]

    operations = [
        migrations.CreateModel(
            name='RequestCategory',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.SlugField(max_length=30, unique=True, verbose_name='代码')),
                ('name', models.CharField(max_length=50, unique=True, verbose_name='类别')),
                ('days', models.PositiveSmallIntegerField(verbose_name='办理时限(天)')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='排序')),
                ('active', models.BooleanField(default=True, verbose_name='启用')),
            ],
            options={
                'verbose_name': '诉求类别',
                'verbose_name_plural': '诉求类别',
                'ordering': ['order', 'name'],
            },
        ),
        migrations.CreateModel(
            name='EnterpriseRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='版本')),
                ('title', models.CharField(max_length=200, verbose_name='诉求事项')),
                ('description', models.TextField(blank=True, verbose_name='诉求内容')),
                ('raised_on', models.DateField(verbose_name='提出日期')),
                ('department', models.CharField(blank=True, max_length=100, verbose_name='责任部门')),
                ('responsible', models.CharField(blank=True, max_length=50, verbose_name='责任人')),
                ('due_on', models.DateField(verbose_name='办理时限')),
                ('status', models.CharField(choices=[('pending', '待受理'), ('in_progress', '办理中'), ('resolved', '已办结'), ('returned', '退回')], default='pending', max_length=20, verbose_name='状态')),
                ('return_reason', models.CharField(blank=True, max_length=300, verbose_name='退回原因')),
                ('resolution', models.TextField(blank=True, verbose_name='办理结果')),
                ('resolved_on', models.DateField(blank=True, null=True, verbose_name='办结日期')),
                ('satisfaction', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='满意度')),
                ('satisfaction_note', models.CharField(blank=True, max_length=300, verbose_name='评价意见')),
                ('is_demo', models.BooleanField(default=False, verbose_name='演示数据')),
                ('enterprise', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='service_requests', to='enterprises.enterprise')),
                ('raised_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('category', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='services.requestcategory', verbose_name='诉求类别')),
            ],
            options={
                'verbose_name': '企业诉求',
                'verbose_name_plural': '企业诉求',
                'ordering': ['-raised_on', '-id'],
                'indexes': [models.Index(fields=['status', 'due_on'], name='services_en_status_d91333_idx'), models.Index(fields=['raised_on'], name='services_en_raised__87c75b_idx')],
                'constraints': [models.CheckConstraint(condition=models.Q(('satisfaction__isnull', True), models.Q(('satisfaction__gte', 1), ('satisfaction__lte', 5)), _connector='OR'), name='services_request_satisfaction_1_5')],
            },
        ),
        migrations.CreateModel(
            name='RequestHistory',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('from_status', models.CharField(blank=True, choices=[('pending', '待受理'), ('in_progress', '办理中'), ('resolved', '已办结'), ('returned', '退回')], max_length=20, verbose_name='原状态')),
                ('to_status', models.CharField(choices=[('pending', '待受理'), ('in_progress', '办理中'), ('resolved', '已办结'), ('returned', '退回')], max_length=20, verbose_name='新状态')),
                ('at', models.DateTimeField(auto_now_add=True, verbose_name='时间')),
                ('comment', models.TextField(blank=True, verbose_name='说明')),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('request', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='history', to='services.enterpriserequest')),
            ],
            options={
                'verbose_name': '诉求办理记录',
                'verbose_name_plural': '诉求办理记录',
                'ordering': ['at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Visit',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='版本')),
                ('visited_on', models.DateField(verbose_name='走访日期')),
                ('department', models.CharField(blank=True, max_length=100, verbose_name='走访部门')),
                ('topics', models.JSONField(blank=True, default=list, verbose_name='走访内容')),
                ('notes', models.TextField(blank=True, verbose_name='走访记录')),
                ('follow_up', models.TextField(blank=True, verbose_name='后续跟进')),
                ('is_demo', models.BooleanField(default=False, verbose_name='演示数据')),
                ('agency', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='visits', to='accounts.serviceagency', verbose_name='服务机构')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('enterprises', models.ManyToManyField(related_name='visits', to='enterprises.enterprise', verbose_name='走访企业')),
                ('staff', models.ManyToManyField(blank=True, related_name='service_visits', to=settings.AUTH_USER_MODEL, verbose_name='走访人员')),
                ('staff_names', models.CharField(blank=True, max_length=200, verbose_name='其他走访人员')),
            ],
            options={
                'verbose_name': '走访记录',
                'verbose_name_plural': '走访记录',
                'ordering': ['-visited_on', '-id'],
                'indexes': [models.Index(fields=['visited_on'], name='services_vi_visited_a0e9d7_idx')],
            },
        ),
        migrations.AddField(
            model_name='enterpriserequest',
            name='visit',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='requests', to='services.visit', verbose_name='来源走访'),
        ),
        migrations.CreateModel(
            name='VisitImportRow',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='版本')),
                ('visited_on', models.DateField(verbose_name='走访日期')),
                ('department', models.CharField(max_length=100, verbose_name='走访部门')),
                ('staff_names', models.CharField(blank=True, max_length=200, verbose_name='走访人员')),
                ('topics', models.CharField(max_length=200, verbose_name='走访内容')),
                ('notes', models.TextField(blank=True, verbose_name='走访记录')),
                ('follow_up', models.TextField(blank=True, verbose_name='后续跟进')),
                ('agency', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.serviceagency')),
                ('enterprise', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='visit_import_rows', to='enterprises.enterprise')),
                ('visit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='services.visit')),
            ],
            options={
                'verbose_name': '走访导入行',
                'verbose_name_plural': '走访导入行',
                'ordering': ['visited_on', 'id'],
                'constraints': [models.UniqueConstraint(fields=('enterprise', 'visited_on', 'department'), name='visitimportrow_natural_key')],
            },
        ),
        migrations.RunPython(seed, unseed),
    ]
