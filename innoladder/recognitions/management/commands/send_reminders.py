import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from innoladder.recognitions.reminders import send_reminders


class Command(BaseCommand):
    help = "立即发送保存量到期提醒（后台任务进程每日 07:00 自动运行），同一提醒不会重复发送"

    def add_arguments(self, parser):
        parser.add_argument("--today", help="以该日期（YYYY-MM-DD）为今天，默认取当前日期")

    def handle(self, *args, **options):
        if options["today"]:
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError("日期格式应为 YYYY-MM-DD") from exc
        else:
            today = timezone.localdate()
        result = send_reminders(today)
        self.stdout.write(self.style.SUCCESS(result["message"]))
