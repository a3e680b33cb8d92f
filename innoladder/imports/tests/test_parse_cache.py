"""The commit job reuses the dry run's reading of the file, and only when it verifies."""

from decimal import Decimal

import pytest

from innoladder.core.models import JobStatus
from innoladder.enterprises.models import AnnualData
from innoladder.imports import parse_cache, reader, registry, services
from innoladder.imports.choices import BatchStatus

from .helpers import commit, preview, xlsx

HEAD = ["统一社会信用代码", "年度", "职工总数", "研发人员", "销售收入(万元)", "研发费用(元)"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _rows(cast):
    return [HEAD, [cast.ent_a.uscc, 2024, 120, 18, "8,650.5", 512300], [cast.ent_b.uscc, 2024, 30, 3, 100, 0]]


def test_cache_reads_back_the_same_sheet_with_the_datasets_columns(cast, tmp_path):
    dataset = registry.get("annual_data")
    data = xlsx(_rows(cast))
    parsed = reader.parse(data, dataset)
    path = tmp_path / "sheet.parsed"
    parse_cache.save(path, sha256="abc", dataset=dataset, parsed=parsed)
    again = parse_cache.load(path, sha256="abc", dataset=dataset)
    assert again.rows == parsed.rows and again.header_row == parsed.header_row
    assert {f: (m.index, m.unit) for f, m in again.matches.items()} == {
        f: (m.index, m.unit) for f, m in parsed.matches.items()
    }
    columns = {c.field: c for c in dataset.columns}
    assert all(m.column is columns[field] for field, m in again.matches.items())
    assert parse_cache.load(path, sha256="other", dataset=dataset) is None
    assert parse_cache.load(path, sha256="abc", dataset=registry.get("ip_records")) is None
    blob = bytearray(path.read_bytes())
    blob[-5] ^= 0x01  # one bit changed in the payload
    path.write_bytes(bytes(blob))
    assert parse_cache.load(path, sha256="abc", dataset=dataset) is None
    assert parse_cache.load(tmp_path / "missing.parsed", sha256="abc", dataset=dataset) is None


def test_commit_uses_the_dry_runs_reading_and_removes_it(cast, media, monkeypatch):
    batch = preview(cast.officer, "annual_data", xlsx(_rows(cast)))
    cache = media / "imports" / f"{batch.stored_name}.parsed"
    assert batch.status == BatchStatus.PREVIEWED and cache.exists()

    def must_not_read(*args, **kwargs):
        raise AssertionError("the commit read the file again")

    monkeypatch.setattr(reader, "parse", must_not_read)
    batch, job = commit(batch, cast.officer)
    assert job.status == JobStatus.SUCCEEDED, job.message
    assert AnnualData.objects.get(enterprise=cast.ent_a, year=2024).sales_revenue == Decimal("86505000.00")
    assert not cache.exists()


def test_commit_reads_the_file_again_when_the_cache_does_not_verify(cast, media):
    batch = preview(cast.officer, "annual_data", xlsx(_rows(cast)))
    (media / "imports" / f"{batch.stored_name}.parsed").write_bytes(b"\0" * 64)
    batch, job = commit(batch, cast.officer)
    assert job.status == JobStatus.SUCCEEDED, job.message
    assert AnnualData.objects.filter(year=2024).count() == 2


def test_a_stored_file_changed_after_the_dry_run_is_refused(cast, media):
    batch = preview(cast.officer, "annual_data", xlsx(_rows(cast)))
    other = xlsx([HEAD, [cast.ent_a.uscc, 2024, 999, 1, 1, 1]])
    (media / "imports" / batch.stored_name).write_bytes(other)
    batch, job = commit(batch, cast.officer)
    assert job.status == JobStatus.FAILED and "与预检时不一致" in job.message
    assert not AnnualData.objects.exists()


def test_a_batch_with_errors_keeps_no_cache(cast, media):
    rows = _rows(cast)
    rows[1][4] = "一千万"
    batch = preview(cast.officer, "annual_data", xlsx(rows))
    assert batch.status == BatchStatus.INVALID
    assert not (media / "imports" / f"{batch.stored_name}.parsed").exists()
    assert services.batch_file(batch)  # the upload itself is kept for the error report
