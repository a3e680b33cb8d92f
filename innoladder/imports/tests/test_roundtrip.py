from decimal import Decimal

import pytest

from innoladder.core.models import AuditEntry, AuditEvent, JobStatus
from innoladder.enterprises.models import AnnualData
from innoladder.imports.choices import BatchStatus

from .helpers import commit, preview, xlsx

HEAD = ["统一社会信用代码", "年度", "职工总数", "研发人员", "销售收入(万元)", "研发费用(元)"]


@pytest.fixture
def settings_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_annual_data_round_trip_converts_units_and_updates_by_key(cast, settings_media):
    rows = [HEAD, [cast.ent_a.uscc, 2024, 120, 18, "8,650.5", 512300]]
    batch = preview(cast.officer, "annual_data", xlsx(rows))
    assert (batch.status, batch.rows_create, batch.rows_error) == (BatchStatus.PREVIEWED, 1, 0)
    assert not AnnualData.objects.exists()
    batch, job = commit(batch, cast.officer)
    assert job.status == JobStatus.SUCCEEDED, job.message
    assert batch.status == BatchStatus.COMMITTED
    data = AnnualData.objects.get(enterprise=cast.ent_a, year=2024)
    # 8,650.5 万元 = 86,505,000.00 元; 研发费用 declared in 元 stays as is.
    assert data.sales_revenue == Decimal("86505000.00")
    assert data.rd_expense == Decimal("512300.00")
    assert data.source == "import"
    entry = AuditEntry.objects.get(event_type=AuditEvent.IMPORT)
    assert entry.changes["file_sha256"] == batch.file_sha256
    assert entry.changes["created"] == 1
