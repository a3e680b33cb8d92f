"""Restore a backup made by `manage.py backup`, after checking its manifest checksum (stop the app first)."""

import json
import os
import sqlite3
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from .backup import sha256_of


class Command(BaseCommand):
    help = "从备份恢复数据库（先停止应用与后台任务进程）"

    def add_arguments(self, parser):
        parser.add_argument("file", help="备份文件（同目录须有 .json 清单）")
        parser.add_argument("--yes", action="store_true", help="确认覆盖当前数据库")

    def handle(self, *args, **options):
        source = Path(options["file"])
        manifest_path = Path(f"{source}.json")
        if not source.exists() or not manifest_path.exists():
            raise CommandError("找不到备份文件或其清单文件")
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if sha256_of(source) != manifest["sha256"]:
            raise CommandError("备份文件校验和不符，文件可能已损坏，已停止恢复")
        if manifest["engine"] != connection.vendor:
            raise CommandError(f"备份来自 {manifest['engine']}，当前数据库为 {connection.vendor}")
        if not options["yes"]:
            raise CommandError("恢复将覆盖当前数据库，请加 --yes 确认")
        connection.close()
        if connection.vendor == "sqlite":
            src = sqlite3.connect(str(source))
            dest = sqlite3.connect(str(connection.settings_dict["NAME"]))
            try:
                with dest:
                    src.backup(dest)
                result = dest.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                src.close()
                dest.close()
            if result != "ok":
                raise CommandError(f"恢复后完整性检查失败：{result}")
        else:
            db = connection.settings_dict
            env = dict(os.environ, PGPASSWORD=str(db.get("PASSWORD") or ""))
            subprocess.run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    "--host",
                    str(db.get("HOST") or "localhost"),
                    "--port",
                    str(db.get("PORT") or 5432),
                    "--username",
                    str(db.get("USER") or "postgres"),
                    "--dbname",
                    str(db["NAME"]),
                    str(source),
                ],
                check=True,
                env=env,
            )
        self.stdout.write(self.style.SUCCESS(f"已从 {source.name} 恢复"))
