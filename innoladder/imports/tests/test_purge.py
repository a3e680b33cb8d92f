"""Uploads are deleted once used or kept too long (DB-RI-2), never under a commit that is running."""

import datetime as dt
import os

import pytest
from django.core.management import call_command
from django.utils import timezone

from innoladder.enterprises.models import AnnualData
from innoladder.imports import services
from innoladder.imports.choices import BatchStatus
from innoladder.imports.models import ImportBatch

from .helpers import commit, preview, xlsx

HEAD = ["统一社会信用代码", "年度", "职工总数"]


@pytest.fixture(autouse=True)
def media(media, settings):
    settings.IMPORT_FILE_TTL_MINUTES = 60
    return media


def stored_files() -> set[str]:
    return {p.name for p in services.storage_dir().iterdir()}


def upload(cast, year=2024, employees=10):
    return preview(cast.officer, "annual_data", xlsx([HEAD, [cast.ent_a.uscc, year, employees]]))


def test_a_committed_batchs_file_goes_at_once_a_previewed_one_after_its_time(cast):
    done = upload(cast)
    commit(done, cast.officer)
    waiting = upload(cast, 2023)
    assert stored_files() == {done.stored_name, waiting.stored_name, f"{waiting.stored_name}.parsed"}
    assert services.purge_stored_files() == 1
    assert stored_files() == {waiting.stored_name, f"{waiting.stored_name}.parsed"}
    done.refresh_from_db()
    assert done.stored_name == "" and done.status == BatchStatus.COMMITTED

    soon = timezone.now() + dt.timedelta(minutes=59)
    assert services.purge_stored_files(now=soon) == 0
    later = timezone.now() + dt.timedelta(minutes=61)
    assert services.purge_stored_files(now=later) == 2
    assert stored_files() == set()
    waiting.refresh_from_db()
    assert waiting.file_expired and not waiting.can_commit


def test_an_expired_batch_is_refused_with_the_reason_and_writes_nothing(cast):
    batch = upload(cast)
    read_before = ImportBatch.objects.get(pk=batch.pk)  # a commit request that loaded it just before
    services.purge_stored_files(now=timezone.now() + dt.timedelta(hours=2))
    batch.refresh_from_db()
    for loaded in (batch, read_before):
        with pytest.raises(services.ImportRefused, match="超过保留时间被删除"):
            services.batch_commit(batch=loaded, user=cast.officer)
    assert AnnualData.objects.count() == 0
    assert ImportBatch.objects.get(pk=batch.pk).status == BatchStatus.PREVIEWED


def test_a_queued_batchs_file_is_never_deleted(cast):
    batch = upload(cast)
    ImportBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.QUEUED)
    assert services.purge_stored_files(now=timezone.now() + dt.timedelta(days=3)) == 0
    assert batch.stored_name in stored_files()


def test_files_no_batch_names_go_after_the_same_time(cast):
    kept = upload(cast)
    orphan = services.storage_dir() / "0123abcd.xlsx"
    orphan.write_bytes(b"PK")
    assert services.purge_stored_files() == 0  # just written
    old = (timezone.now() - dt.timedelta(minutes=61)).timestamp()
    os.utime(orphan, (old, old))
    assert services.purge_stored_files() == 1
    assert stored_files() == {kept.stored_name, f"{kept.stored_name}.parsed"}


def test_the_page_of_an_expired_batch_says_so_and_offers_no_report(client, cast):
    rows = [HEAD, [cast.ent_a.uscc, 2024, "十人"]]
    batch = preview(cast.officer, "annual_data", xlsx(rows))
    client.force_login(cast.officer)
    page = client.get(batch.get_absolute_url()).content.decode()
    assert 'id="error-report"' in page and 'id="file-expired"' not in page
    services.purge_stored_files(now=timezone.now() + dt.timedelta(hours=2))
    page = client.get(batch.get_absolute_url()).content.decode()
    assert 'id="file-expired"' in page and "60 分钟" in page
    assert 'id="error-report"' not in page
    assert client.get(f"/imports/batches/{batch.pk}/errors.xlsx").status_code == 404


def test_the_command_reports_what_it_deleted(cast, capsys):
    commit(upload(cast), cast.officer)
    call_command("purge_import_files")
    assert "已删除 1 个导入上传文件" in capsys.readouterr().out
