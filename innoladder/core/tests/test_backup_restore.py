"""Safe backup and restore (finding 5, DB-BK-*): every check runs before the live database is touched."""

import json
import sqlite3
import stat
import tarfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from innoladder.core.backups import checks, crypto
from innoladder.core.models import AuditEntry
from innoladder.core.testing.factories import EnterpriseFactory
from innoladder.enterprises.models import Enterprise

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite file checks")
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL tools")
KEY = "correct horse battery staple 0123456789"


def on_sqlite_file(test):
    """A restore test on the live SQLite file itself (transactions committed, so the file holds the rows)."""
    return sqlite_only(pytest.mark.django_db(transaction=True)(test))


@pytest.fixture
def place(settings, tmp_path):
    """Uploads and the var directory (staging, safety copies) under tmp_path; one upload in place."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VAR_DIR = tmp_path / "var"
    settings.BACKUP_ENCRYPTION_KEY = ""
    (tmp_path / "media" / "evidence").mkdir(parents=True)
    (tmp_path / "media" / "evidence" / "certificate.pdf").write_bytes(b"%PDF-1.4 original")
    return tmp_path


def _backup(place) -> Path:
    call_command("backup", dir=str(place / "backups"))
    [archive] = [
        p for p in (place / "backups").iterdir() if p.name.startswith("innoladder-") and p.suffix != ".json"
    ]
    return archive


def _refused(path: Path, match: str | None = None, **options):
    """Restoring `path` fails (with a message matching `match`); the refusal's exception info."""
    with pytest.raises(CommandError, match=match) as refused:
        call_command("restore", str(path), **(options or {"yes": True}))
    return refused


def _sql(path: Path, *statements: str) -> None:
    """Runs `statements` on the SQLite file `path` (created if absent) and commits."""
    db = sqlite3.connect(path)
    for statement in statements:
        db.execute(statement)
    db.commit()
    db.close()


def _live() -> Path:
    return Path(connection.settings_dict["NAME"])


@pytest.fixture
def existing(place):
    """An enterprise already in the live database a refused restore must leave alone."""
    return EnterpriseFactory(name="现有企业")


@contextmanager
def _live_untouched():
    """The live SQLite file's tables hold, once the block ends, what they held when it began."""
    before = checks.sqlite_checksums(_live())
    yield
    assert checks.sqlite_checksums(_live()) == before


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _without_audit(sums: dict) -> dict:
    return {table: value for table, value in sums.items() if table != "core_auditentry"}


@on_sqlite_file
def test_restore_drill_backup_change_restore_gives_back_the_same_data_and_files(place):
    EnterpriseFactory(name="备份时的企业")
    audit_rows = AuditEntry.objects.count()  # the backup's own entry is written after the copy
    archive = _backup(place)
    before = checks.sqlite_checksums(_live())
    assert _mode(archive) == 0o600 and _mode(Path(f"{archive}.json")) == 0o600
    assert _mode(place / "backups") == 0o700

    Enterprise.objects.update(name="之后改掉的名字")
    EnterpriseFactory(name="之后新增的企业")
    (place / "media" / "evidence" / "certificate.pdf").write_bytes(b"changed")
    (place / "media" / "later.txt").write_bytes(b"added after the backup")

    call_command("restore", str(archive), yes=True)

    after = checks.sqlite_checksums(_live())
    assert _without_audit(after) == _without_audit(before)
    assert list(Enterprise.objects.values_list("name", flat=True)) == ["备份时的企业"]
    # the audit log is the backup's, plus the entry that records this restore
    assert AuditEntry.objects.count() == audit_rows + 1
    restored = AuditEntry.objects.get(event_type="restore")
    assert restored.changes["file"] == archive.name
    assert (place / "media" / "evidence" / "certificate.pdf").read_bytes() == b"%PDF-1.4 original"
    assert not (place / "media" / "later.txt").exists()
    aside = next(place.glob("media.pre-restore-*"))
    assert (aside / "later.txt").read_bytes() == b"added after the backup"
    safety = Path(restored.changes["safety_copy"])
    assert _mode(safety) == 0o600
    db = sqlite3.connect(safety)
    assert {n for (n,) in db.execute("SELECT name FROM enterprises_enterprise")} == {
        "之后改掉的名字",
        "之后新增的企业",
    }
    db.close()


@on_sqlite_file
def test_a_page_corrupted_database_is_refused_and_the_live_database_is_untouched(place, existing):
    damaged = place / "damaged.sqlite3"
    checks.sqlite_copy(_live(), damaged)
    db = sqlite3.connect(damaged)
    root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'enterprises_enterprise'").fetchone()[
        0
    ]
    size = db.execute("PRAGMA page_size").fetchone()[0]
    db.close()
    data = bytearray(damaged.read_bytes())
    data[(root - 1) * size : root * size] = b"\xa5" * size  # the enterprise table's page, overwritten
    damaged.write_bytes(bytes(data))
    with _live_untouched():
        assert "未恢复" in str(_refused(damaged).value)
    assert not list(place.glob("var/backups/pre-restore-*"))  # refused before even the safety copy


@on_sqlite_file
def test_a_member_changed_inside_the_archive_is_refused(place, existing):
    archive = _backup(place)
    raw = bytearray(archive.read_bytes())
    raw[6000:6100] = b"\xa5" * 100  # inside the database member, after its tar header
    archive.write_bytes(bytes(raw))
    Path(f"{archive}.json").unlink()  # no sidecar: the manifest inside must still catch it
    with _live_untouched():
        _refused(archive, "校验和")


@on_sqlite_file
def test_an_empty_or_unrelated_sqlite_file_is_refused(place, existing):
    empty = place / "empty.sqlite3"
    _sql(empty, "CREATE TABLE notes (id INTEGER PRIMARY KEY)")
    other = place / "other.sqlite3"
    _sql(
        other,
        "CREATE TABLE django_migrations (id INTEGER PRIMARY KEY, app TEXT, name TEXT, applied TEXT)",
        "INSERT INTO django_migrations (app, name, applied) VALUES ('blog', '0001_initial', '2024-01-01')",
    )
    not_a_db = place / "notes.txt"
    not_a_db.write_text("hello")
    with _live_untouched():
        _refused(empty, "不是本系统的数据库")
        _refused(other, "本程序没有的迁移")
        _refused(not_a_db, "不是 InnoLadder 的备份文件")


@on_sqlite_file
def test_a_copy_with_our_migrations_but_another_schema_is_refused(place, existing):
    altered = place / "altered.sqlite3"
    checks.sqlite_copy(_live(), altered)
    _sql(altered, "ALTER TABLE enterprises_enterprise DROP COLUMN address")
    _refused(altered, "表结构与本程序不符")
    assert Enterprise.objects.get().name == "现有企业"


@pytest.mark.django_db(transaction=True)
def test_an_encrypted_backup_round_trips_and_hides_its_content(place, settings):
    settings.BACKUP_ENCRYPTION_KEY = KEY
    EnterpriseFactory(name="加密备份企业")
    archive = _backup(place)
    assert archive.name.endswith(".tar.enc") and crypto.is_encrypted(archive)
    content = archive.read_bytes()
    assert (
        "加密备份企业".encode() not in content and b"SQLite format" not in content and b"%PDF" not in content
    )
    assert json.loads(Path(f"{archive}.json").read_text())["encrypted"] is True
    Enterprise.objects.update(name="改掉")
    call_command("restore", str(archive), yes=True)
    assert list(Enterprise.objects.values_list("name", flat=True)) == ["加密备份企业"]
    assert (place / "media" / "evidence" / "certificate.pdf").read_bytes() == b"%PDF-1.4 original"


@pytest.mark.django_db(transaction=True)
def test_a_wrong_missing_or_cut_short_key_or_file_is_refused_before_anything_changes(place, settings):
    settings.BACKUP_ENCRYPTION_KEY = KEY
    EnterpriseFactory(name="加密备份企业")
    archive = _backup(place)
    Enterprise.objects.update(name="当前的名字")
    settings.BACKUP_ENCRYPTION_KEY = "another key entirely"
    _refused(archive, "密钥错误")
    settings.BACKUP_ENCRYPTION_KEY = ""
    _refused(archive, "BACKUP_ENCRYPTION_KEY")
    settings.BACKUP_ENCRYPTION_KEY = KEY
    short = place / "short.tar.enc"
    short.write_bytes(archive.read_bytes()[: -crypto.CHUNK // 4])
    _refused(short, "不完整|已损坏")
    assert list(Enterprise.objects.values_list("name", flat=True)) == ["当前的名字"]
    assert (place / "media" / "evidence" / "certificate.pdf").read_bytes() == b"%PDF-1.4 original"
    assert not list(place.glob("media.pre-restore-*"))


@pytest.mark.django_db(transaction=True)
def test_a_backup_whose_sidecar_checksum_differs_is_refused(place):
    archive = _backup(place)
    sidecar = Path(f"{archive}.json")
    data = json.loads(sidecar.read_text())
    data["sha256"] = "0" * 64
    sidecar.write_text(json.dumps(data))
    _refused(archive, "校验和")


@pytest.mark.django_db(transaction=True)
def test_the_backup_is_audited_and_holds_a_manifest_of_every_member(place):
    archive = _backup(place)
    entry = AuditEntry.objects.get(event_type="backup")
    assert entry.changes == {"file": archive.name, "media_files": 1}
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert names[-1] == "manifest.json" and "media/evidence/certificate.pdf" in names
    assert manifest["engine"] == connection.vendor
    assert sorted(map(tuple, manifest["migrations"])) == sorted(checks.code_migrations())
    assert manifest["media"][0]["path"] == "evidence/certificate.pdf"


def test_an_older_backup_needs_allow_older_and_a_newer_one_is_refused():
    ours = checks.code_migrations()
    latest = max(m for m in ours if m[0] == "core")
    with pytest.raises(checks.CheckFailed, match="较早的版本"):
        checks.compare_migrations(ours - {latest}, allow_older=False)
    assert checks.compare_migrations(ours - {latest}, allow_older=True) == [latest]
    with pytest.raises(checks.CheckFailed, match="较新或不同"):
        checks.compare_migrations(ours | {("core", "9999_future")}, allow_older=True)


def test_a_copy_from_before_the_migrations_were_squashed_is_current():
    ours = checks.code_migrations()
    squashed = {(app, name) for app, name in ours if "_squashed_" in name}
    assert squashed
    assert checks.compare_migrations(ours - squashed, allow_older=False) == []


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_postgresql_restore_drill_and_a_damaged_dump_is_refused(place):
    EnterpriseFactory(name="PG备份企业")
    archive = _backup(place)
    before = _without_audit(checks.pg_checksums())
    Enterprise.objects.update(name="改掉")
    call_command("restore", str(archive), yes=True)
    assert _without_audit(checks.pg_checksums()) == before
    assert AuditEntry.objects.filter(event_type="restore").count() == 1
    assert list(place.glob("var/backups/pre-restore-*.pgdump"))

    Enterprise.objects.update(name="当前")
    raw = bytearray(archive.read_bytes())
    raw[2000:2400] = b"\x00" * 400
    damaged = place / "damaged.tar"
    damaged.write_bytes(bytes(raw))
    _refused(damaged, "未恢复")
    assert list(Enterprise.objects.values_list("name", flat=True)) == ["当前"]


@pytest.mark.django_db(transaction=True)
def test_check_only_runs_the_restore_checks_and_changes_nothing(place):
    from io import StringIO

    EnterpriseFactory(name="备份时的企业")
    archive = _backup(place)
    Enterprise.objects.update(name="现在的名字")
    out = StringIO()
    call_command("restore", str(archive), check=True, stdout=out)
    assert "备份可以恢复" in out.getvalue() and "上传文件 1 个" in out.getvalue()
    assert list(Enterprise.objects.values_list("name", flat=True)) == ["现在的名字"]
    assert not list(place.glob("var/backups/pre-restore-*")) and not list(place.glob("media.pre-restore-*"))
    damaged = place / "damaged.tar"
    damaged.write_bytes(archive.read_bytes()[:-20000])
    _refused(damaged, "未通过校验", check=True)
