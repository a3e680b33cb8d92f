"""Build real xlsx files with openpyxl for the import tests."""

import io

from openpyxl import Workbook

from innoladder.imports import services
from innoladder.imports.registry import get

# The head of an annual-data sheet with a few of its columns.
HEAD = ["统一社会信用代码", "年度", "职工总数", "研发人员", "销售收入(万元)", "研发费用(元)"]


def xlsx(rows, *, title="年度数据", extra_sheets=(), hidden_first=None) -> bytes:
    wb = Workbook()
    ws = wb.active
    if hidden_first is not None:
        ws.title = hidden_first
        ws.sheet_state = "hidden"
        ws.append(["统一社会信用代码", "年度"])
        ws = wb.create_sheet(title)
    else:
        ws.title = title
    _append(ws, rows)
    for name, sheet_rows in extra_sheets:
        other = wb.create_sheet(name)
        _append(other, sheet_rows)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def annual():
    """The annual-data dataset, the one most reader tests parse."""
    return get("annual_data")


def preview(user, key, data, name="data.xlsx", options=None):
    return services.batch_preview(dataset=get(key), data=data, file_name=name, user=user, options=options)


def commit(batch, user, **kwargs):
    job = services.batch_commit(batch=batch, user=user, **kwargs)
    job.refresh_from_db()
    batch.refresh_from_db()
    return services.batch_sync_status(batch), job


def _append(ws, rows) -> None:
    """Text starting with "=" stays text (as typed in a text-formatted cell), not a formula."""
    for row in rows:
        ws.append(list(row))
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
