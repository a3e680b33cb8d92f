"""Delete uploads once used or kept longer than IMPORT_FILE_TTL_MINUTES; run every 15 minutes (cron/timer)."""

from django.core.management.base import BaseCommand

from innoladder.imports import services


class Command(BaseCommand):
    help = "删除已用完或超过保留时间的导入上传文件（每 15 分钟运行）"

    def handle(self, *args, **options):
        deleted = services.purge_stored_files()
        self.stdout.write(f"已删除 {deleted} 个导入上传文件")
