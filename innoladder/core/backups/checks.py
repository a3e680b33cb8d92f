"""What a database copy must pass before it may replace the live one, and the dump/restore tools.

SQLite copies are opened read-only with the standard library (no Django connection): integrity check,
the migrations recorded in the copy against this code's migrations, this code's tables and columns, and
a checksum of every table's rows. PostgreSQL dumps are read with pg_restore (the archive's table of
contents, and the django_migrations rows inside the dump).
"""

import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.apps import apps
from django.db import connection
from django.db.migrations.loader import MigrationLoader


class CheckFailed(Exception):
    """A copy that must not be restored; the message says why, in Chinese."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def code_migrations() -> set[tuple[str, str]]:
    """Every migration this code has, as (app, name), with those a squashed migration replaces: a database
    migrated by this code records both."""
    names = set()
    for key, migration in MigrationLoader(None, ignore_no_migrations=True).disk_migrations.items():
        names.add(key)
        names.update(migration.replaces)
    return names


def _squashed_applied(applied: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """The squashed migrations whose replaced ones are all in `applied` (Django counts them as applied)."""
    disk = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    return {key for key, m in disk.items() if m.replaces and set(m.replaces) <= applied}


def expected_columns() -> dict[str, set[str]]:
    """This code's tables and their columns (models and their many-to-many tables)."""
    tables: dict[str, set[str]] = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if not meta.managed or meta.proxy:
            continue
        tables[meta.db_table] = {f.column for f in meta.local_concrete_fields}
    return tables


def compare_migrations(applied: set[tuple[str, str]], *, allow_older: bool) -> list[tuple[str, str]]:
    """Refuse a copy whose migrations are not this code's; return those it lacks (an older copy)."""
    if not applied:
        raise CheckFailed("备份中没有迁移记录（django_migrations 为空或不存在）：这不是本系统的数据库")
    ours = code_migrations()
    applied = applied | _squashed_applied(applied)  # a copy from before a squash is as current
    unknown = sorted(applied - ours)
    if unknown:
        names = "、".join(f"{a}.{n}" for a, n in unknown[:5])
        raise CheckFailed(
            f"备份含有本程序没有的迁移（{names} 等 {len(unknown)} 个）：备份来自较新或不同的程序版本"
        )
    missing = sorted(ours - applied)
    if missing and not allow_older:
        names = "、".join(f"{a}.{n}" for a, n in missing[:5])
        raise CheckFailed(
            f"备份比本程序少 {len(missing)} 个迁移（{names} 等）：备份来自较早的版本。"
            "确认要恢复时加 --allow-older，恢复后执行 manage.py migrate"
        )
    return missing


# --- SQLite --------------------------------------------------------------------------------------


def _open_readonly(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def sqlite_tables(db: sqlite3.Connection) -> list[str]:
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    )
    return [name for (name,) in rows]


def sqlite_migrations(path: Path) -> list[tuple[str, str]]:
    db = _open_readonly(path)
    try:
        return sorted(db.execute("SELECT app, name FROM django_migrations"))
    finally:
        db.close()


def sqlite_checksums(path: Path) -> dict[str, list]:
    """Per table: [row count, sha256 of its rows in rowid order] — equal checksums, equal data."""
    db = _open_readonly(path)
    try:
        out = {}
        for table in sqlite_tables(db):
            digest, count = hashlib.sha256(), 0
            quoted = '"' + table.replace('"', '""') + '"'
            for row in db.execute(f"SELECT * FROM {quoted} ORDER BY rowid"):  # noqa: S608 - from sqlite_master
                digest.update(repr(row).encode())
                digest.update(b"\n")
                count += 1
            out[table] = [count, digest.hexdigest()]
        return out
    finally:
        db.close()


def check_sqlite_copy(path: Path, *, allow_older: bool = False) -> list[tuple[str, str]]:
    """Integrity, migrations, tables and columns of a SQLite copy; returns the migrations it lacks."""
    try:
        db = _open_readonly(path)
        try:
            result = [row[0] for row in db.execute("PRAGMA integrity_check")]
            if result != ["ok"]:
                raise CheckFailed(f"数据库完整性检查未通过：{'；'.join(result[:3])}")
            tables = set(sqlite_tables(db))
            if "django_migrations" not in tables:
                raise CheckFailed(
                    "备份中没有迁移记录（django_migrations 为空或不存在）：这不是本系统的数据库"
                )
            applied = set(db.execute("SELECT app, name FROM django_migrations"))
            missing = compare_migrations(applied, allow_older=allow_older)
            if not missing:
                problems = []
                for table, columns in sorted(expected_columns().items()):
                    if table not in tables:
                        problems.append(f"缺少数据表 {table}")
                        continue
                    quoted = '"' + table.replace('"', '""') + '"'
                    have = {row[1] for row in db.execute(f"PRAGMA table_info({quoted})")}
                    if columns - have:
                        problems.append(f"数据表 {table} 缺少列 {'、'.join(sorted(columns - have))}")
                if problems:
                    raise CheckFailed(f"备份的表结构与本程序不符：{'；'.join(problems[:5])}")
            return missing
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:  # not a database, or damaged beyond reading
        raise CheckFailed(f"无法读取备份中的数据库：{exc}") from exc


def sqlite_copy(source: Path, target: Path) -> None:
    """An online, consistent copy through SQLite's backup API (the -wal file included), integrity-checked."""
    src = sqlite3.connect(str(source))
    dest = sqlite3.connect(str(target))
    try:
        with dest:
            src.backup(dest)
        result = dest.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        dest.close()
        src.close()
    if result != "ok":
        raise CheckFailed(f"数据库副本完整性检查失败：{result}")


# --- PostgreSQL ----------------------------------------------------------------------------------


def _pg_args() -> tuple[list[str], dict]:
    db = connection.settings_dict
    env = dict(os.environ, PGPASSWORD=str(db.get("PASSWORD") or ""))
    args = [
        "--host",
        str(db.get("HOST") or "localhost"),
        "--port",
        str(db.get("PORT") or 5432),
        "--username",
        str(db.get("USER") or "postgres"),
    ]
    return args, env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise CheckFailed(f"未找到 {name}，请安装 postgresql-client（版本不低于数据库服务器）")
    return path


def pg_dump(target: Path) -> None:
    args, env = _pg_args()
    cmd = [_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(target), *args]
    subprocess.run([*cmd, str(connection.settings_dict["NAME"])], check=True, env=env)


def pg_restore_into_live(dump: Path) -> None:
    args, env = _pg_args()
    cmd = [_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction", *args]
    subprocess.run([*cmd, "--dbname", str(connection.settings_dict["NAME"]), str(dump)], check=True, env=env)


def check_pg_dump(path: Path, *, allow_older: bool = False) -> list[tuple[str, str]]:
    """The dump's table of contents reads whole (a damaged archive fails), its django_migrations rows are
    this code's migrations, and every table of this code is in it; returns the migrations it lacks."""
    tool = _tool("pg_restore")
    listing = subprocess.run([tool, "--list", str(path)], capture_output=True, text=True)
    if listing.returncode != 0:
        raise CheckFailed(f"PostgreSQL 备份无法读取：{listing.stderr.strip()[:300]}")
    tables = set(re.findall(r" TABLE (?:DATA )?\S+ (\S+) ", listing.stdout))
    data = subprocess.run(
        [tool, "--data-only", "--table=django_migrations", "--file=-", str(path)],
        capture_output=True,
        text=True,
    )
    if data.returncode != 0:
        raise CheckFailed(f"PostgreSQL 备份无法读取：{data.stderr.strip()[:300]}")
    applied, inside = set(), False
    for line in data.stdout.splitlines():
        if line.startswith("COPY ") and "django_migrations" in line:
            inside = True
            continue
        if inside:
            if line == "\\.":
                break
            parts = line.split("\t")  # id, app, name, applied
            if len(parts) == 4:
                applied.add((parts[1], parts[2]))
    missing = compare_migrations(applied, allow_older=allow_older)
    if not missing:
        absent = sorted(set(expected_columns()) - tables)
        if absent:
            raise CheckFailed(f"备份的表结构与本程序不符：缺少数据表 {'、'.join(absent[:5])}")
    return missing


def pg_checksums() -> dict[str, list]:
    """Per table of the live PostgreSQL database: [row count, md5 of its rows sorted as text]."""
    out = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            quoted = connection.ops.quote_name(table)
            cursor.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM {quoted} t"  # noqa: S608, E501
            )
            count, digest = cursor.fetchone()
            out[table] = [count, digest]
    return out
