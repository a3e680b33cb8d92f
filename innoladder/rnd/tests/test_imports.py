"""Ledger lines and projects through the shared Excel import framework, at 10,000 lines."""

import datetime as dt
import io
import time
from decimal import Decimal

import pytest
from openpyxl import Workbook

from innoladder.core.models import JobStatus
from innoladder.imports.choices import BatchStatus
from innoladder.imports.tests.helpers import commit, preview
from innoladder.rnd import selectors, services
from innoladder.rnd.models import LedgerLine, RDProject

from .factories import RDProjectFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]
HEAD = ["统一社会信用代码", "项目编号", "日期", "凭证号", "行号", "摘要", "金额(元)", "费用类别", "明细科目"]
CATEGORIES = ["人员人工费用", "直接投入费用", "折旧费用", "其他相关费用"]


def _xlsx(rows, title) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _rows(enterprise, n=10_000):
    rows = [HEAD]
    for i in range(n):
        month = i % 12 + 1
        rows.append(
            [
                enterprise.uscc,
                f"P{i % 5}",
                dt.date(2023, month, 28),
                f"记-{i // 3:05d}",
                i % 3 + 1,
                f"第{i}行",
                "100.25",
                CATEGORIES[i % 4],
                "",
            ]
        )
    return rows


def test_projects_then_10000_ledger_lines_with_row_level_errors(cast):
    project_rows = [["统一社会信用代码", "项目编号", "项目名称", "研发形式", "技术合同登记号"]]
    project_rows += [[cast.ent_a.uscc, f"P{i}", f"项目{i}", "自主研发", ""] for i in range(5)]
    project_rows.append([cast.ent_a.uscc, "W1", "委托项目", "委托境内研发", ""])  # missing contract no.
    batch = preview(cast.user_a, "rnd_projects", _xlsx(project_rows, "研发项目"))
    assert batch.rows_error == 1 and batch.errors[0][0] == 7 and "技术合同登记号" in batch.errors[0][3]
    batch = preview(cast.user_a, "rnd_projects", _xlsx(project_rows[:-1], "研发项目"))
    batch, job = commit(batch, cast.user_a)
    assert job.status == JobStatus.SUCCEEDED, job.message
    assert RDProject.objects.filter(enterprise=cast.ent_a).count() == 5

    rows = _rows(cast.ent_a)
    rows[101][1] = "NOPE"  # Excel row 102: unknown project
    rows[2002][7] = "委托研发(境内)"  # Excel row 2003: entrusted category on a self-run project
    rows[9000][6] = "一百元"  # Excel row 9001: text in the amount
    started = time.monotonic()
    batch = preview(cast.user_a, "rnd_ledger_lines", _xlsx(rows, "研发费用辅助账明细"))
    preview_seconds = time.monotonic() - started
    assert batch.status == BatchStatus.INVALID
    assert batch.rows_total == 10_000 and batch.rows_error == 3
    assert [e[0] for e in batch.errors] == [102, 2003, 9001]
    assert "没有此项目编号" in batch.errors[0][3]
    assert "委托研发" in batch.errors[1][3]
    assert not LedgerLine.objects.exists()

    rows[101][1], rows[2002][7], rows[9000][6] = "P1", "人员人工费用", "100.25"
    batch = preview(cast.user_a, "rnd_ledger_lines", _xlsx(rows, "研发费用辅助账明细"))
    assert (batch.status, batch.rows_create) == (BatchStatus.PREVIEWED, 10_000)
    batch, job = commit(batch, cast.user_a)
    assert job.status == JobStatus.SUCCEEDED, job.message
    assert LedgerLine.objects.filter(enterprise=cast.ent_a).count() == 10_000
    assert selectors.ledger_totals(cast.ent_a, 2023)["total"] == Decimal("1002500.00")
    run = services.compute_for(enterprise=cast.ent_a, year=2023)
    assert run.ledger_total == Decimal("1002500.00")
    assert preview_seconds < 60


def test_reimport_updates_by_natural_key_and_scope_is_enforced(cast):
    RDProjectFactory(enterprise=cast.ent_a, code="P0")
    RDProjectFactory(enterprise=cast.ent_b, code="P0")
    rows = [
        HEAD,
        [cast.ent_a.uscc, "P0", dt.date(2023, 1, 28), "记-9", 1, "材料", "100", "直接投入费用", ""],
        [cast.ent_a.uscc, "P0", dt.date(2023, 1, 28), "记-9", 2, "工资", "500", "人员人工费用", ""],
    ]
    batch, job = commit(preview(cast.user_a, "rnd_ledger_lines", _xlsx(rows, "辅助账")), cast.user_a)
    assert job.status == JobStatus.SUCCEEDED, job.message
    assert LedgerLine.objects.count() == 2
    rows[2][6] = "600"
    batch = preview(cast.user_a, "rnd_ledger_lines", _xlsx(rows, "辅助账"))
    assert (batch.rows_create, batch.rows_update, batch.rows_unchanged) == (0, 1, 1)
    commit(batch, cast.user_a)
    assert LedgerLine.objects.get(voucher_no="记-9", line_no=2).amount == Decimal("600.00")
    # Enterprise B's user cannot import into enterprise A.
    batch = preview(cast.user_b, "rnd_ledger_lines", _xlsx(rows, "辅助账"))
    assert batch.rows_error == 2 and "无权" in batch.errors[0][3]


def test_templates_download_and_their_example_rows_are_ignored(client, cast):
    RDProjectFactory(enterprise=cast.ent_a, code="RD2024-01")
    client.force_login(cast.user_a)
    for key in ("rnd_projects", "rnd_ledger_lines"):
        response = client.get(f"/imports/{key}/template.xlsx")
        assert response.status_code == 200
        batch = preview(cast.user_a, key, response.content)
        assert batch.example_rows == 1 and batch.rows_total == 0
