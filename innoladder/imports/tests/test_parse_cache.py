"""The commit job reuses the dry run's reading of the file, and only when it verifies."""

import dataclasses
from decimal import Decimal

from innoladder.core.models import JobStatus
from innoladder.enterprises.models import AnnualData
from innoladder.imports import columns, engine, parse_cache, reader, registry, services
from innoladder.imports.choices import BatchStatus

from .helpers import HEAD, commit, preview, xlsx


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


def _converted_by_the_commit(monkeypatch) -> list[str]:
    """The attnames whose cells the commit converts (instead of taking the dry run's column)."""
    seen: list[str] = []
    whole = columns._whole

    def spy(raws, spec):
        seen.append(spec.attname)
        return whole(raws, spec)

    monkeypatch.setattr(columns, "_whole", spy)
    return seen


def test_commit_takes_the_dry_runs_converted_columns_and_converts_only_the_enterprise_codes(
    cast, media, monkeypatch
):
    rows = [*_rows(cast), [cast.ent_a.uscc, 2023, 40, None, "1,000", 7.5]]  # an empty optional cell
    batch = preview(cast.officer, "annual_data", xlsx(rows))
    assert batch.status == BatchStatus.PREVIEWED, batch.errors
    converted = _converted_by_the_commit(monkeypatch)
    batch, job = commit(batch, cast.officer)
    assert job.status == JobStatus.SUCCEEDED, job.message
    assert converted == ["enterprise_id"]  # matched against the user's scope as it is at the commit
    a = AnnualData.objects.get(enterprise=cast.ent_a, year=2024)
    assert (a.employees, a.rd_staff, a.sales_revenue, a.rd_expense) == (
        120,
        18,
        Decimal("86505000.00"),
        Decimal("512300.00"),
    )
    c = AnnualData.objects.get(enterprise=cast.ent_a, year=2023)
    assert (c.employees, c.rd_staff, c.sales_revenue, c.rd_expense) == (
        40,
        None,
        Decimal("10000000.00"),
        Decimal("7.50"),
    )


def test_converted_columns_of_other_rows_are_not_taken(cast, tmp_path):
    """Columns kept for other rows (the dataset's screening skipped others since) are converted again."""
    dataset = registry.get("annual_data")
    parsed = reader.parse(xlsx(_rows(cast)), dataset)
    context = engine.make_context(cast.officer, dataset)
    plan = engine.build_plan(dataset, parsed, context, counts_only=True)
    numbers, kept = plan.converted
    path = tmp_path / "sheet.parsed"
    parse_cache.save(path, sha256="abc", dataset=dataset, parsed=parsed, converted=(numbers, kept))
    again = parse_cache.load(path, sha256="abc", dataset=dataset)
    assert again.converted[0] == numbers
    assert {k: [(type(v), str(v)) for v in c] for k, (c, _) in again.converted[1].items()} == {
        k: [(type(v), str(v)) for v in c] for k, (c, _) in kept.items()
    }
    wrong = ([n + 1 for n in numbers], {k: ([Decimal(999)] * len(c), []) for k, (c, _) in kept.items()})
    fresh = engine.build_plan(dataset, dataclasses.replace(parsed, converted=wrong), context)
    assert [row.values["employees"] for row in fresh.creates] == [120, 30]
