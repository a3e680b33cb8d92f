"""Online backup of the database and the uploaded files into one archive (core.backups)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from innoladder.core import audit
from innoladder.core.backups import BackupError, create_backup
from innoladder.core.models import AuditEvent


class Command(BaseCommand):
    help = (
        "在线备份数据库与上传文件（SQLite 备份 API 或 pg_dump），校验完整性，写出清单；"
        "设置 BACKUP_ENCRYPTION_KEY 时以 AES-256-GCM 加密；文件权限 0600"
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(settings.VAR_DIR / "backups"), help="备份目录")
        parser.add_argument("--no-media", action="store_true", help="不包含上传文件（MEDIA_ROOT）")

    def handle(self, *args, **options):
        key = settings.BACKUP_ENCRYPTION_KEY
        try:
            target, manifest = create_backup(
                Path(options["dir"]), key=key, include_media=not options["no_media"]
            )
        except BackupError as exc:
            raise CommandError(f"备份失败：{exc}") from exc
        media = manifest["media"]
        audit.record(
            AuditEvent.BACKUP,
            object_type="core.Backup",
            object_repr=target.name,
            changes={"file": target.name, "media_files": None if media is None else len(media)},
            message=f"备份数据到 {target}" + ("（已加密）" if key else "（未加密）"),
        )
        self.stdout.write(str(target))
