"""The commit writes the dry run's plan only while nothing it was decided on has changed; otherwise it
validates the file again against the database as it is then."""

import datetime as dt
from decimal import Decimal

import pytest
from freezegun import freeze_time

from innoladder.core.models import AuditEntry, AuditEvent, JobStatus
from innoladder.core.testing.factories import AnnualDataFactory
from innoladder.enterprises.models import AnnualData
from innoladder.imports import engine, plan_cache, registry, services
from innoladder.imports.choices import BatchStatus

from .helpers import commit, preview, xlsx

pytestmark = pytest.mark.django_db

HEAD = ["统一社会信用代码", "年度", "职工总数", "研发人员", "销售收入(万元)", "研发费用(元)"]


@pytest.fixture
def counted_validation(monkeypatch):
    """How many times a plan is made (dry run and any validation in the commit)."""
    calls = []
    real = engine.build_plan

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "build_plan", counting)
    return calls


def three_rows(cast):
    """2023 unchanged, 2024 changed, 2025 new."""
    AnnualDataFactory(enterprise=cast.ent_a, year=2023, employees=50, rd_staff=5)
    AnnualDataFactory(enterprise=cast.ent_a, year=2024, employees=60, rd_staff=6)
    return xlsx(
        [
            HEAD,
            [cast.ent_a.uscc, 2023, 50, 5, None, None],
            [cast.ent_a.uscc, 2024, 66, 6, "1,234.5", 800],
            [cast.ent_a.uscc, 2025, 70, 7, 12, "9,000.10"],
        ]
    )


def test_the_commit_writes_the_kept_plan_without_validating_again(cast, counted_validation):
    batch = preview(cast.officer, "annual_data", three_rows(cast))
    assert (batch.rows_create, batch.rows_update, batch.rows_unchanged) == (1, 1, 1)
    assert len(counted_validation) == 1
    batch, job = commit(batch, cast.officer)
    assert job.status == JobStatus.SUCCEEDED, job.message
    assert len(counted_validation) == 1  # the dry run's plan was written as it was
    changed = AnnualData.objects.get(enterprise=cast.ent_a, year=2024)
    assert (changed.employees, changed.sales_revenue, changed.rd_expense) == (
        66,
        Decimal("12345000.00"),
        Decimal("800.00"),
    )
    assert changed.version == 2
    new = AnnualData.objects.get(enterprise=cast.ent_a, year=2025)
    assert (new.employees, new.sales_revenue, new.rd_expense) == (
        70,
        Decimal("120000.00"),
        Decimal("9000.10"),
    )
    assert AnnualData.objects.get(enterprise=cast.ent_a, year=2023).version == 1
    update = AuditEntry.objects.get(event_type=AuditEvent.UPDATE, object_id=str(changed.pk))
    assert update.changes["employees"] == [60, 66]
    assert update.changes["sales_revenue"] == [None, "12345000.00"]
    create = AuditEntry.objects.get(event_type=AuditEvent.CREATE, object_id=str(new.pk))
    assert create.changes["after"]["rd_expense"] == "9000.10"
    assert not list(services.storage_dir().glob(f"{batch.stored_name}.*"))


def test_an_unchanged_record_edited_since_the_dry_run_is_validated_again(cast, counted_validation):
    batch = preview(cast.officer, "annual_data", three_rows(cast))
    AnnualData.objects.filter(enterprise=cast.ent_a, year=2023).update(employees=51, version=2)
    batch, job = commit(batch, cast.officer)
    assert job.status == JobStatus.SUCCEEDED, job.message
    assert len(counted_validation) == 2
    # The file's value is written over the edit the dry run had not seen (a later file wins).
    assert AnnualData.objects.get(enterprise=cast.ent_a, year=2023).employees == 50
    assert (batch.rows_create, batch.rows_update, batch.rows_unchanged) == (1, 2, 0)


def test_a_record_created_since_under_a_new_key_is_updated_not_duplicated(cast, counted_validation):
    batch = preview(cast.officer, "annual_data", three_rows(cast))
    AnnualDataFactory(enterprise=cast.ent_a, year=2025, employees=1)
    batch, job = commit(batch, cast.officer)
    assert job.status == JobStatus.SUCCEEDED, job.message
    assert len(counted_validation) == 2
    assert AnnualData.objects.filter(enterprise=cast.ent_a, year=2025).get().employees == 70


def test_scope_lost_since_the_dry_run_refuses_the_commit(cast, counted_validation):
    batch = preview(cast.officer, "annual_data", three_rows(cast))
    cast.officer.parks.clear()
    batch, job = commit(batch, cast.officer)
    assert job.status == JobStatus.FAILED
    assert len(counted_validation) == 2
    assert "预检后数据发生了变化" in job.message
    assert batch.status == BatchStatus.FAILED
    assert not AnnualData.objects.filter(year=2025).exists()
    assert AnnualData.objects.get(enterprise=cast.ent_a, year=2024).employees == 60


def _saved_plan(cast):
    batch = preview(cast.officer, "annual_data", three_rows(cast))
    return batch, services._plan_path(batch)


def _load(batch, user):
    return plan_cache.load(
        services._plan_path(batch),
        sha256=batch.file_sha256,
        dataset=registry.get("annual_data"),
        user=user,
        batch_id=batch.pk,
    )


def test_the_kept_plan_is_only_for_its_file_user_and_day(cast):
    batch, path = _saved_plan(cast)
    plan = _load(batch, cast.officer)
    assert plan is not None
    assert [c.values["employees"] for c in plan.updates] == [66]
    assert plan.creates[0].values["rd_expense"] == Decimal("9000.10")
    assert _load(batch, cast.admin) is None
    with freeze_time(dt.datetime.now() + dt.timedelta(days=1)):
        assert _load(batch, cast.officer) is None
    blob = bytearray(path.read_bytes())
    blob[-5] ^= 1
    path.write_bytes(bytes(blob))
    assert _load(batch, cast.officer) is None


def test_a_plan_with_errors_is_not_kept(cast):
    batch = preview(cast.officer, "annual_data", xlsx([HEAD, [cast.ent_a.uscc, 2024, 10, 20, None, None]]))
    assert batch.rows_error == 1
    assert not services._plan_path(batch).exists()
