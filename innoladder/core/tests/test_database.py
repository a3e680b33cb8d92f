import json
import sqlite3
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite settings")


@sqlite_only
def test_sqlite_connection_uses_wal_full_sync_and_foreign_keys(db):
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert cursor.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert cursor.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] == 20000
    assert connection.transaction_mode == "IMMEDIATE"


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_backup_makes_an_integrity_checked_copy_with_a_manifest(tmp_path):
    from innoladder.core.testing.factories import EnterpriseFactory

    EnterpriseFactory(name="备份测试企业")
    call_command("backup", dir=str(tmp_path))
    [copy] = list(tmp_path.glob("*.sqlite3"))
    manifest = json.loads(Path(f"{copy}.json").read_text())
    assert manifest["engine"] == "sqlite" and len(manifest["sha256"]) == 64
    db = sqlite3.connect(copy)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT name FROM enterprises_enterprise").fetchall() == [("备份测试企业",)]
    db.close()


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_corrupted_backup_and_restores_a_good_one(tmp_path):
    from django.core.management.base import CommandError

    from innoladder.core.testing.factories import EnterpriseFactory
    from innoladder.enterprises.models import Enterprise

    EnterpriseFactory(name="恢复前企业")
    call_command("backup", dir=str(tmp_path))
    [copy] = list(tmp_path.glob("*.sqlite3"))
    Enterprise.objects.all().delete()
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(copy.read_bytes()[:-10] + b"0123456789")
    Path(f"{bad}.json").write_text(Path(f"{copy}.json").read_text())
    with pytest.raises(CommandError):
        call_command("restore", str(bad), yes=True)
    call_command("restore", str(copy), yes=True)
    assert list(Enterprise.objects.values_list("name", flat=True)) == ["恢复前企业"]


postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL tools")


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_postgresql_backup_and_restore_round_trip(tmp_path):
    from innoladder.core.testing.factories import EnterpriseFactory
    from innoladder.enterprises.models import Enterprise

    EnterpriseFactory(name="PG备份企业")
    call_command("backup", dir=str(tmp_path))
    [dump] = list(tmp_path.glob("*.pgdump"))
    manifest = json.loads(Path(f"{dump}.json").read_text())
    assert manifest["engine"] == "postgresql"
    Enterprise.objects.all().delete()
    call_command("restore", str(dump), yes=True)
    assert list(Enterprise.objects.values_list("name", flat=True)) == ["PG备份企业"]
