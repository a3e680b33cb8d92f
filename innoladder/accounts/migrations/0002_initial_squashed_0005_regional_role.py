"""Squashed from accounts 0002-0005 (2026-12-06); 0001 stays apart, as enterprises needs the user model.

The data steps of 0003 (password age of the accounts then present) and 0004 (their superuser flag
dropped) changed only rows that existed at that upgrade; a new database has none.
"""

import django.db.models.deletion
import django.db.models.functions.text
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('accounts', '0002_initial'), ('accounts', '0003_password_policy'), ('accounts', '0004_separation_of_duties_mfa'), ('accounts', '0005_regional_role')]

    dependencies = [
        ('accounts', '0001_initial'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('enterprises', '0001_squashed_0007_region'),
    ]

    operations = [
        migrations.AddField(
            model_name='user',
            name='enterprise',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='users', to='enterprises.enterprise', verbose_name='所属企业'),
        ),
        migrations.AddField(
            model_name='user',
            name='groups',
            field=models.ManyToManyField(blank=True, help_text='The groups this user belongs to. A user will get all permissions granted to each of their groups.', related_name='user_set', related_query_name='user', to='auth.group', verbose_name='groups'),
        ),
        migrations.AddField(
            model_name='user',
            name='parks',
            field=models.ManyToManyField(blank=True, related_name='staff', to='enterprises.park', verbose_name='所属园区'),
        ),
        migrations.AddField(
            model_name='user',
            name='user_permissions',
            field=models.ManyToManyField(blank=True, help_text='Specific permissions for this user.', related_name='user_set', related_query_name='user', to='auth.permission', verbose_name='user permissions'),
        ),
        migrations.AddField(
            model_name='agencyassignment',
            name='enterprise',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='agency_assignments', to='enterprises.enterprise'),
        ),
        migrations.AddField(
            model_name='agencyassignment',
            name='agency',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='assignments', to='accounts.serviceagency'),
        ),
        migrations.AddField(
            model_name='user',
            name='agency',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='users', to='accounts.serviceagency', verbose_name='服务机构'),
        ),
        migrations.AddIndex(
            model_name='agencyassignment',
            index=models.Index(fields=['agency', 'enterprise'], name='accounts_ag_agency__002a99_idx'),
        ),
        migrations.AddConstraint(
            model_name='agencyassignment',
            constraint=models.CheckConstraint(condition=models.Q(('ends_on__isnull', True), ('ends_on__gte', models.F('starts_on')), _connector='OR'), name='accounts_assignment_dates_ordered'),
        ),
        migrations.AddConstraint(
            model_name='user',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Lower('username'), name='accounts_user_username_ci_unique'),
        ),
        migrations.AddConstraint(
            model_name='user',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('role', 'enterprise'), _negated=True), ('enterprise__isnull', False), _connector='OR'), name='accounts_user_enterprise_role_has_enterprise'),
        ),
        migrations.AddConstraint(
            model_name='user',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('role', 'agency'), _negated=True), ('agency__isnull', False), _connector='OR'), name='accounts_user_agency_role_has_agency'),
        ),
        migrations.AddField(
            model_name='user',
            name='must_change_password',
            field=models.BooleanField(default=False, help_text='管理员设置或重置的初始密码，用户登录后须先修改', verbose_name='下次登录须修改密码'),
        ),
        migrations.AddField(
            model_name='user',
            name='password_changed_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='密码修改时间'),
        ),
        migrations.CreateModel(
            name='CredentialRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('mfa_reset', '重置双因素认证'), ('password_reset', '重置密码'), ('role_grant', '授予管理或审计角色')], max_length=20, verbose_name='申请类型')),
                ('new_role', models.CharField(blank=True, choices=[('admin', '园区管理员'), ('officer', '园区工作人员'), ('agency', '服务机构'), ('enterprise', '企业用户'), ('auditor', '审计员'), ('regional', '区域管理人员'), ('sysadmin', '系统管理员'), ('secadmin', '安全管理员'), ('auditadmin', '审计管理员')], max_length=20, verbose_name='申请角色')),
                ('password_hash', models.CharField(blank=True, max_length=128, verbose_name='新密码哈希')),
                ('reason', models.CharField(max_length=300, verbose_name='理由')),
                ('status', models.CharField(choices=[('pending', '待复核'), ('approved', '已批准并执行'), ('rejected', '已驳回')], default='pending', max_length=20, verbose_name='状态')),
                ('requested_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='申请时间')),
                ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='复核时间')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='复核人')),
                ('requested_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='申请人')),
                ('target', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='credential_requests', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': '凭据与角色复核申请',
                'verbose_name_plural': '凭据与角色复核申请',
                'ordering': ['-requested_at', '-id'],
                'constraints': [models.CheckConstraint(condition=models.Q(('decided_by__isnull', True), models.Q(('decided_by', models.F('requested_by')), _negated=True), _connector='OR'), name='accounts_request_decided_by_other'), models.CheckConstraint(condition=models.Q(('decided_by__isnull', True), models.Q(('decided_by', models.F('target')), _negated=True), _connector='OR'), name='accounts_request_not_decided_by_target'), models.CheckConstraint(condition=models.Q(models.Q(('kind', 'role_grant'), _negated=True), models.Q(('new_role', ''), _negated=True), _connector='OR'), name='accounts_request_role_grant_has_role'), models.UniqueConstraint(condition=models.Q(('status', 'pending')), fields=('target', 'kind'), name='accounts_request_one_pending_per_kind')],
            },
        ),
        migrations.CreateModel(
            name='LoginFailure',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('ip', models.GenericIPAddressField(blank=True, null=True, verbose_name='来源IP')),
                ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='时间')),
            ],
            options={
                'verbose_name': '登录失败记录',
                'verbose_name_plural': '登录失败记录',
                'indexes': [models.Index(fields=['ip', 'at'], name='accounts_lo_ip_35b6cf_idx'), models.Index(fields=['at'], name='accounts_lo_at_f2157a_idx')],
            },
        ),
        migrations.CreateModel(
            name='PasswordHistory',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('password_hash', models.CharField(max_length=128, verbose_name='密码哈希')),
                ('set_by_admin', models.BooleanField(default=False, verbose_name='管理员设置的初始密码')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='设置时间')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='password_history', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': '历史密码',
                'verbose_name_plural': '历史密码',
                'ordering': ['-created_at', '-id'],
                'indexes': [models.Index(fields=['user', '-created_at'], name='accounts_pa_user_id_0f22a1_idx')],
            },
        ),
        migrations.CreateModel(
            name='RecoveryCode',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code_hash', models.CharField(max_length=64, verbose_name='恢复码哈希')),
                ('used_at', models.DateTimeField(blank=True, null=True, verbose_name='使用时间')),
            ],
            options={
                'verbose_name': '恢复码',
                'verbose_name_plural': '恢复码',
            },
        ),
        migrations.CreateModel(
            name='RecoveryCodeDevice',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='The human-readable name of this device.', max_length=64)),
                ('confirmed', models.BooleanField(default=True, help_text='Is this device ready for use?')),
                ('user', models.ForeignKey(help_text='The user that this device belongs to.', on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': '恢复码',
                'verbose_name_plural': '恢复码',
            },
        ),
        migrations.AddField(
            model_name='user',
            name='mfa_enrolled',
            field=models.BooleanField(default=False, verbose_name='已绑定双因素认证'),
        ),
        migrations.AlterField(
            model_name='user',
            name='role',
            field=models.CharField(choices=[('admin', '园区管理员'), ('officer', '园区工作人员'), ('agency', '服务机构'), ('enterprise', '企业用户'), ('auditor', '审计员'), ('sysadmin', '系统管理员'), ('secadmin', '安全管理员'), ('auditadmin', '审计管理员')], default='officer', max_length=20, verbose_name='角色'),
        ),
        migrations.AddConstraint(
            model_name='user',
            constraint=models.CheckConstraint(condition=models.Q(('is_superuser', False)), name='accounts_user_no_superuser'),
        ),
        migrations.AddConstraint(
            model_name='user',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('role__in', frozenset(['auditadmin', 'secadmin', 'sysadmin'])), _negated=True), models.Q(('agency__isnull', True), ('enterprise__isnull', True)), _connector='OR'), name='accounts_user_duty_role_has_no_business_link'),
        ),
        migrations.AddField(
            model_name='recoverycode',
            name='device',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='codes', to='accounts.recoverycodedevice'),
        ),
        migrations.AddConstraint(
            model_name='recoverycode',
            constraint=models.UniqueConstraint(fields=('device', 'code_hash'), name='accounts_recovery_code_unique'),
        ),
        migrations.AddField(
            model_name='user',
            name='region',
            field=models.ForeignKey(blank=True, help_text='区域管理人员查看该区域（含下级区域）内各园区的企业', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='users', to='enterprises.region', verbose_name='所属区域'),
        ),
        migrations.AlterField(
            model_name='user',
            name='role',
            field=models.CharField(choices=[('admin', '园区管理员'), ('officer', '园区工作人员'), ('agency', '服务机构'), ('enterprise', '企业用户'), ('auditor', '审计员'), ('regional', '区域管理人员'), ('sysadmin', '系统管理员'), ('secadmin', '安全管理员'), ('auditadmin', '审计管理员')], default='officer', max_length=20, verbose_name='角色'),
        ),
        migrations.AddConstraint(
            model_name='user',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('role', 'regional'), _negated=True), ('region__isnull', False), _connector='OR'), name='accounts_user_regional_role_has_region'),
        ),
    ]
