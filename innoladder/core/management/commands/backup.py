"""Online, integrity-checked backup: SQLite backup API + integrity_check, or pg_dump on PostgreSQL."""

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from innoladder import __version__


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def backup_sqlite(target: Path) -> None:
    source = sqlite3.connect(str(connection.settings_dict["NAME"]))
    dest = sqlite3.connect(str(target))
    try:
        with dest:
            source.backup(dest)
        result = dest.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        dest.close()
        source.close()
    if result != "ok":
        target.unlink(missing_ok=True)
        raise CommandError(f"备份文件完整性检查失败：{result}")


def backup_postgresql(target: Path) -> None:
    if shutil.which("pg_dump") is None:
        raise CommandError("未找到 pg_dump，请安装 postgresql-client")
    db = connection.settings_dict
    env = dict(os.environ, PGPASSWORD=str(db.get("PASSWORD") or ""))
    cmd = [
        "pg_dump",
        "--format=custom",
        "--file",
        str(target),
        "--no-owner",
        "--host",
        str(db.get("HOST") or "localhost"),
        "--port",
        str(db.get("PORT") or 5432),
        "--username",
        str(db.get("USER") or "postgres"),
        str(db["NAME"]),
    ]
    subprocess.run(cmd, check=True, env=env)
    # pg_restore --list reads the whole archive: a truncated or corrupt dump fails here.
    subprocess.run(["pg_restore", "--list", str(target)], check=True, stdout=subprocess.DEVNULL)


class Command(BaseCommand):
    help = "在线备份数据库（SQLite 备份 API 或 pg_dump），校验完整性并写出清单文件"

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(settings.VAR_DIR / "backups"), help="备份目录")

    def handle(self, *args, **options):
        out_dir = Path(options["dir"])
        out_dir.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        vendor = connection.vendor
        if vendor == "sqlite":
            target = out_dir / f"innoladder-{stamp}.sqlite3"
            backup_sqlite(target)
        elif vendor == "postgresql":
            target = out_dir / f"innoladder-{stamp}.pgdump"
            backup_postgresql(target)
        else:
            raise CommandError(f"不支持的数据库：{vendor}")
        manifest = {
            "file": target.name,
            "sha256": sha256_of(target),
            "engine": vendor,
            "app_version": __version__,
            "migrations": MigrationRecorder(connection).migration_qs.count(),
            "created_utc": stamp,
        }
        Path(f"{target}.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        self.stdout.write(str(target))
