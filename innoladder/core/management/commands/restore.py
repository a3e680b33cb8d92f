"""Restore a backup made by `manage.py backup`, checked in full before anything is replaced (core.backups).
Stop the web and worker processes first."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from innoladder.core.backups import BackupError, check_backup, restore_backup


class Command(BaseCommand):
    help = (
        "从备份恢复数据库与上传文件（先停止应用与后台任务进程）：先完整校验备份，"
        "再为当前数据库留安全副本，然后替换并复核，写入审计日志"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="备份文件（manage.py backup 生成的 .tar 或 .tar.enc）")
        parser.add_argument("--yes", action="store_true", help="确认覆盖当前数据库与上传文件")
        parser.add_argument("--check", action="store_true", help="只校验备份（与恢复前的检查相同），不恢复")
        parser.add_argument(
            "--allow-older",
            action="store_true",
            help="允许恢复较早版本的备份（之后须执行 manage.py migrate）",
        )

    def handle(self, *args, **options):
        if options["check"]:
            try:
                manifest, missing = check_backup(
                    Path(options["file"]),
                    key=settings.BACKUP_ENCRYPTION_KEY,
                    allow_older=options["allow_older"],
                )
            except BackupError as exc:
                raise CommandError(f"备份未通过校验：{exc}") from exc
            media = (
                "不含上传文件"
                if not manifest or manifest.get("media") is None
                else f"上传文件 {len(manifest['media'])} 个"
            )
            created = manifest.get("created_utc", "未知") if manifest else "未知（旧格式）"
            self.stdout.write(
                self.style.SUCCESS(f"备份可以恢复：备份时间 {created}，{media}，缺少迁移 {len(missing)} 个")
            )
            return
        if not options["yes"]:
            raise CommandError("恢复将覆盖当前数据库与上传文件，请加 --yes 确认")
        try:
            done = restore_backup(
                Path(options["file"]), key=settings.BACKUP_ENCRYPTION_KEY, allow_older=options["allow_older"]
            )
        except BackupError as exc:
            raise CommandError(f"未恢复：{exc}") from exc
        self.stdout.write(f"恢复前的数据库副本：{done['safety_copy']}")
        if done["media_aside"]:
            self.stdout.write(f"恢复前的上传文件：{done['media_aside']}")
        if done["data_verified"]:
            self.stdout.write("恢复后的数据与备份清单逐表一致。")
        if done["missing_migrations"]:
            self.stdout.write(self.style.WARNING("备份来自较早版本：请立即执行 manage.py migrate"))
        self.stdout.write(done["chain"])
        self.stdout.write(self.style.SUCCESS(f"已从 {Path(options['file']).name} 恢复"))
