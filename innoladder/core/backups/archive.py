"""Making a backup archive and restoring one (the package docstring describes the format)."""

import datetime as dt
import getpass
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from innoladder import __version__

from . import checks, crypto

FORMAT = 1
MANIFEST = "manifest.json"
DB_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
MEDIA = "media"
SQLITE_MAGIC = b"SQLite format 3\x00"
TAR_MAGIC_AT = 257


class BackupError(Exception):
    """The backup or restore was refused or failed; the message says why, in Chinese."""


def _private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    return path


def _open_new(path: Path):
    """A new file readable by its owner only (0600), whatever the umask."""
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")


def _stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _live_sqlite() -> Path:
    return Path(connection.settings_dict["NAME"])


def _media_files(root: Path) -> list[PurePosixPath]:
    if not root.is_dir():
        return []
    files = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            files.append(PurePosixPath(path.relative_to(root).as_posix()))
    return files


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o600, int(dt.datetime.now(dt.UTC).timestamp())
    tar.addfile(info, io.BytesIO(data))


# --- backup ----------------------------------------------------------------------------------------


def create_backup(out_dir: Path, *, key: str = "", include_media: bool = True) -> tuple[Path, dict]:
    """Write one archive (encrypted when `key`) and its sidecar manifest; returns the path and manifest."""
    vendor = connection.vendor
    if vendor not in DB_MEMBER:
        raise BackupError(f"不支持的数据库：{vendor}")
    out_dir = _private_dir(Path(out_dir))
    stamp = _stamp()
    target = out_dir / f"innoladder-{stamp}.tar{'.enc' if key else ''}"
    n = 1
    while target.exists() or Path(f"{target}.json").exists():
        n += 1
        target = out_dir / f"innoladder-{stamp}-{n}.tar{'.enc' if key else ''}"
    staging = Path(tempfile.mkdtemp(prefix=".backup-", dir=out_dir))
    try:
        db_file = staging / DB_MEMBER[vendor]
        try:
            if vendor == "sqlite":
                checks.sqlite_copy(_live_sqlite(), db_file)
                migrations = checks.sqlite_migrations(db_file)
                table_checksums = checks.sqlite_checksums(db_file)
            else:
                checks.pg_dump(db_file)
                checks.check_pg_dump(db_file, allow_older=True)
                migrations = sorted(MigrationRecorder(connection).applied_migrations())
                table_checksums = None
        except checks.CheckFailed as exc:
            raise BackupError(str(exc)) from exc
        members = {DB_MEMBER[vendor]: {"sha256": checks.sha256_of(db_file), "size": db_file.stat().st_size}}
        media = None
        with _open_new(target) as raw:
            sink = crypto.EncryptingWriter(raw, key) if key else raw
            with tarfile.open(fileobj=sink, mode="w|", format=tarfile.PAX_FORMAT) as tar:
                with db_file.open("rb") as fh:
                    info = tar.gettarinfo(arcname=DB_MEMBER[vendor], fileobj=fh)
                    info.mode, info.uid, info.gid, info.uname, info.gname = 0o600, 0, 0, "", ""
                    tar.addfile(info, fh)
                if include_media:
                    media = []
                    root = Path(settings.MEDIA_ROOT)
                    for rel in _media_files(root):
                        # Read whole, then hash and store the same bytes: a file changing meanwhile
                        # cannot make the archive disagree with its manifest.
                        data = (root / rel).read_bytes()
                        _add_bytes(tar, f"{MEDIA}/{rel}", data)
                        media.append(
                            {"path": str(rel), "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
                        )
                manifest = {
                    "format": FORMAT,
                    "engine": vendor,
                    "app_version": __version__,
                    "created_utc": stamp,
                    "migrations": [list(m) for m in migrations],
                    "members": members,
                    "table_checksums": table_checksums,
                    "media": media,
                    "encrypted": bool(key),
                }
                _add_bytes(tar, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode())
            if key:
                sink.close()
        sidecar = {
            "file": target.name,
            "sha256": checks.sha256_of(target),
            "encrypted": bool(key),
            "engine": vendor,
            "app_version": __version__,
            "created_utc": stamp,
            "migrations": len(migrations),
            "media_files": None if media is None else len(media),
        }
        with _open_new(Path(f"{target}.json")) as fh:
            fh.write(json.dumps(sidecar, ensure_ascii=False, indent=2).encode())
        return target, manifest
    except BaseException:
        target.unlink(missing_ok=True)
        Path(f"{target}.json").unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


# --- restore: unpack and check ---------------------------------------------------------------------


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts:
        return False
    return name == MANIFEST or name in DB_MEMBER.values() or (len(path.parts) > 1 and path.parts[0] == MEDIA)


def _unpack(path: Path, staging: Path, key: str) -> dict | None:
    """Unpack the archive into `staging` and return its manifest; None for an old bare SQLite backup."""
    with path.open("rb") as fh:
        head = fh.read(TAR_MAGIC_AT + 8)
    if head.startswith(SQLITE_MAGIC):
        shutil.copyfile(path, staging / DB_MEMBER["sqlite"])
        return None
    encrypted = head.startswith(crypto.MAGIC)
    if not encrypted and head[TAR_MAGIC_AT : TAR_MAGIC_AT + 5] != b"ustar":
        raise BackupError("这不是 InnoLadder 的备份文件")
    if encrypted and not key:
        raise BackupError("备份已加密：请在环境变量 BACKUP_ENCRYPTION_KEY 中提供备份密钥")
    with path.open("rb") as raw:
        try:
            stream = io.BufferedReader(crypto.DecryptingReader(raw, key), crypto.CHUNK) if encrypted else raw
            with tarfile.open(fileobj=stream, mode="r|") as tar:
                for member in tar:
                    if not member.isfile() or not _safe_member(member.name):
                        raise BackupError(f"备份中有不应有的内容：{member.name}")
                    dest = staging / member.name
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    source = tar.extractfile(member)
                    with _open_new(dest) as out:
                        shutil.copyfileobj(source, out, 1 << 20)
        except crypto.DecryptionError as exc:
            raise BackupError(f"无法解密备份：{exc}") from exc
        except (tarfile.TarError, EOFError, OSError) as exc:
            raise BackupError(f"备份文件已损坏，无法读取：{exc}") from exc
    manifest_path = staging / MANIFEST
    if not manifest_path.exists():
        raise BackupError("备份中缺少清单（manifest.json），文件不完整")
    return json.loads(manifest_path.read_text(encoding="utf-8"))


def _check_members(staging: Path, manifest: dict) -> None:
    """Every file the manifest names is there with its sha256, and nothing else is."""
    expected = {name: info["sha256"] for name, info in manifest.get("members", {}).items()}
    for item in manifest.get("media") or []:
        expected[f"{MEDIA}/{item['path']}"] = item["sha256"]
    present = {
        p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file() and p.name != MANIFEST
    }
    if present != set(expected):
        extra = sorted(present - set(expected)) + sorted(set(expected) - present)
        raise BackupError(f"备份内容与清单不符：{'、'.join(extra[:5])}")
    for name, digest in expected.items():
        if checks.sha256_of(staging / name) != digest:
            raise BackupError(f"备份中的 {name} 与清单的校验和不符，文件已损坏")


def inspect(
    path: Path, staging: Path, *, key: str = "", allow_older: bool = False
) -> tuple[dict | None, list]:
    """Unpack into `staging` and run every check; nothing live is touched. Returns the manifest (None for an
    old bare SQLite file) and the migrations the copy lacks."""
    path = Path(path)
    if not path.is_file():
        raise BackupError("找不到备份文件")
    sidecar = Path(f"{path}.json")
    if sidecar.exists():
        digest = json.loads(sidecar.read_text(encoding="utf-8")).get("sha256")
        if digest and checks.sha256_of(path) != digest:
            raise BackupError("备份文件的校验和与其清单文件不符，文件可能已损坏")
    manifest = _unpack(path, staging, key)
    vendor = connection.vendor
    engine = manifest["engine"] if manifest else "sqlite"
    if engine != vendor:
        raise BackupError(f"备份来自 {engine}，当前数据库为 {vendor}")
    if manifest is not None:
        _check_members(staging, manifest)
    db_file = staging / DB_MEMBER[vendor]
    try:
        if vendor == "sqlite":
            missing = checks.check_sqlite_copy(db_file, allow_older=allow_older)
            wanted = manifest.get("table_checksums") if manifest else None
            if wanted is not None and checks.sqlite_checksums(db_file) != wanted:
                raise BackupError("备份中数据库的数据校验和与清单不符")
        else:
            missing = checks.check_pg_dump(db_file, allow_older=allow_older)
    except checks.CheckFailed as exc:
        raise BackupError(str(exc)) from exc
    return manifest, missing


def check_backup(path: Path, *, key: str = "", allow_older: bool = False) -> tuple[dict | None, list]:
    """Every check of a restore, and nothing else: for drills and for a backup just copied off-site."""
    staging = Path(tempfile.mkdtemp(prefix=".check-", dir=_private_dir(Path(settings.VAR_DIR))))
    try:
        return inspect(path, staging, key=key, allow_older=allow_older)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


# --- restore: replace ------------------------------------------------------------------------------


def _safety_copy(stamp: str) -> Path:
    folder = _private_dir(Path(settings.VAR_DIR) / "backups")
    if connection.vendor == "sqlite":
        target = folder / f"pre-restore-{stamp}.sqlite3"
        connection.close()
        checks.sqlite_copy(_live_sqlite(), target)
    else:
        target = folder / f"pre-restore-{stamp}.pgdump"
        checks.pg_dump(target)
    os.chmod(target, 0o600)
    return target


def _swap_media(staging: Path, stamp: str) -> Path | None:
    """Move the live uploads aside and the backup's into place; returns where the live ones went."""
    root = Path(settings.MEDIA_ROOT)
    aside = None
    if root.exists():
        aside = root.with_name(f"{root.name}.pre-restore-{stamp}")
        os.replace(root, aside)
    staged = staging / MEDIA
    try:
        if staged.exists():
            shutil.move(str(staged), str(root))
        else:
            root.mkdir(parents=True)
    except OSError:
        shutil.rmtree(root, ignore_errors=True)
        if aside is not None:
            os.replace(aside, root)
        raise
    return aside


def _unswap_media(aside: Path | None) -> None:
    root = Path(settings.MEDIA_ROOT)
    shutil.rmtree(root, ignore_errors=True)
    if aside is not None:
        os.replace(aside, root)


def restore_backup(path: Path, *, key: str = "", allow_older: bool = False) -> dict:
    """Check the backup, keep a safety copy, replace the live database (and uploads), check the result,
    audit it. Returns what was done; raises BackupError with the live data untouched when refused."""
    from innoladder.core import audit, audit_chain
    from innoladder.core.models import AuditEvent

    path = Path(path)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=_private_dir(Path(settings.VAR_DIR))))
    try:
        manifest, missing = inspect(path, staging, key=key, allow_older=allow_older)
        stamp = _stamp()
        try:
            safety = _safety_copy(stamp)
        except (checks.CheckFailed, OSError) as exc:
            raise BackupError(f"无法为当前数据库留安全副本，未恢复：{exc}") from exc
        with_media = manifest is not None and manifest.get("media") is not None
        aside = _swap_media(staging, stamp) if with_media else None
        db_file = staging / DB_MEMBER[connection.vendor]
        connection.close()
        try:
            if connection.vendor == "sqlite":
                checks.sqlite_copy(db_file, _live_sqlite())  # one step of the backup API: all or nothing
            else:
                checks.pg_restore_into_live(db_file)  # one transaction
        except Exception as exc:
            if with_media:
                _unswap_media(aside)
            raise BackupError(f"恢复失败，当前数据库未被替换（安全副本 {safety}）：{exc}") from exc
        verified = None
        if connection.vendor == "sqlite" and manifest and manifest.get("table_checksums") is not None:
            verified = checks.sqlite_checksums(_live_sqlite()) == manifest["table_checksums"]
            if not verified:
                raise BackupError(f"恢复后的数据与备份清单不符，请用安全副本 {safety} 恢复原状")
        done = {
            "file": path.name,
            "backup_created": manifest.get("created_utc") if manifest else "",
            "safety_copy": str(safety),
            "media_files": len(manifest["media"]) if with_media else None,
            "media_aside": str(aside) if aside else "",
            "missing_migrations": len(missing),
            "data_verified": verified,
        }
        audit.record(
            AuditEvent.RESTORE,
            object_type="core.Backup",
            object_repr=path.name[:300],
            changes={k: done[k] for k in ("file", "backup_created", "safety_copy", "media_files")},
            message=f"从备份 {path.name} 恢复数据（操作系统用户 {getpass.getuser()}）；"
            f"恢复前的数据库副本：{safety}",
        )
        done["chain"] = audit_chain.verify().summary()
        return done
    finally:
        shutil.rmtree(staging, ignore_errors=True)
