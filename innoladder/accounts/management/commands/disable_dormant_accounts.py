"""Disable accounts without a login for longer than ACCOUNT_DORMANT_DAYS; run daily (cron/systemd timer)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from innoladder.accounts import services


class Command(BaseCommand):
    help = "停用超过规定天数未登录的账户（每日运行）"

    def handle(self, *args, **options):
        disabled = services.disable_dormant_accounts()
        for user in disabled:
            self.stdout.write(f"已停用：{user.username}")
        self.stdout.write(f"共停用 {len(disabled)} 个超过 {settings.ACCOUNT_DORMANT_DAYS} 天未登录的账户")
