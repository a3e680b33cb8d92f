"""Open a 安全管理员 account from the server's shell: how an installation gets its first two (the
two-person rule needs two), and the way back in if every security administrator is lost. Audited."""

import getpass

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from innoladder.accounts.choices import Role
from innoladder.accounts.models import User
from innoladder.core import audit
from innoladder.core.models import AuditEvent


class Command(BaseCommand):
    help = "开设安全管理员账户（初始化用；首次登录须修改密码并绑定手机验证器）"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--display-name", default="")
        parser.add_argument(
            "--password-stdin", action="store_true", help="从标准输入读取初始密码（不回显，不进入命令历史）"
        )

    def handle(self, *args, username, display_name, password_stdin, **options):
        if User.objects.filter(username__iexact=username).exists():
            raise CommandError(f"用户名已存在：{username}")
        password = input() if password_stdin else getpass.getpass("初始密码：")
        user = User(
            username=username, display_name=display_name, role=Role.SECADMIN, must_change_password=True
        )
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        with transaction.atomic():
            user.set_password(password)
            user.full_clean(exclude=["password"])
            user.save()
            audit.record(AuditEvent.CREATE, obj=user, message="命令行开设安全管理员账户（初始化）")
        count = User.objects.filter(role=Role.SECADMIN, is_active=True).count()
        self.stdout.write(f"已开设安全管理员：{username}（现有 {count} 名；双人复核至少需要 2 名）")
