"""The report's xlsx data tables do not change when their writing gets faster: the workbook of a generated
park (every module, one year) is read back cell by cell and compared with the snapshot the export code wrote
before the performance work (issue 23), in `golden/`: sheet names, column widths, frozen panes, the header
row with its style, and every cell's value, type and number format.

Record ids differ between databases and runs, so the 记录ID column is written as the row's place among the
rows of its table (its id minus the table's first id; the generator creates the same rows in the same
order), as in `test_report_same_content.py`.

Regenerate the snapshot only from export code known to be right:
`REPORT_GOLDEN_WRITE=1 pytest innoladder/reports/tests/test_report_xlsx_same_content.py`.
"""

import datetime as dt
import io
import json
import os
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management.color import no_style
from django.db import connection
from django.db.models import Min
from freezegun import freeze_time
from openpyxl import load_workbook

from innoladder.reports import exports
from innoladder.reports.services import report_generate

from . import generated_park

GOLDEN = Path(__file__).parent / "golden" / "generated-2025-xlsx.json"
WRITE = os.environ.get("REPORT_GOLDEN_WRITE") == "1"
YEAR = 2025
ID_COLUMN = exports.ROW_COLUMNS.index(next(c for c in exports.ROW_COLUMNS if c.header == "记录ID"))
LABEL_COLUMN = 0


def _plain(value):
    if isinstance(value, dt.datetime):
        return ["datetime", value.isoformat()]
    if isinstance(value, dt.date):
        return ["date", value.isoformat()]
    return value


def workbook_snapshot(content: bytes, report) -> dict:
    """Every sheet of the workbook as JSON, record ids as places in their table (see the module)."""
    models = {}
    for data in report.facts:
        models.setdefault(data["label"], set()).add(data["model"])
    first_ids: dict[str, int] = {}

    def place(label: str, pk: int) -> int:
        (model,) = models[label]  # a label names one model: else the place would be ambiguous
        if model not in first_ids:
            first_ids[model] = apps.get_model(model).objects.aggregate(first=Min("pk"))["first"]
        return pk - first_ids[model]

    wb = load_workbook(io.BytesIO(content))
    sheets = []
    for ws in wb.worksheets:
        rows = list(ws.iter_rows())
        header = [
            {
                "value": c.value,
                "bold": bool(c.font.b),
                "fill": c.fill.fgColor.rgb if c.fill.fill_type else None,
                "align": [c.alignment.horizontal, c.alignment.vertical, bool(c.alignment.wrap_text)],
            }
            for c in rows[0]
        ]
        body = []
        for cells in rows[1:]:
            line = []
            for i, c in enumerate(cells):
                value = _plain(c.value)
                if ws.title != "数据汇总" and i == ID_COLUMN and value is not None:
                    value = place(cells[LABEL_COLUMN].value, value)
                line.append([value, c.data_type, c.number_format])
            body.append(line)
        widths = {key: dim.width for key, dim in sorted(ws.column_dimensions.items()) if dim.width}
        sheets.append(
            {"title": ws.title, "freeze": ws.freeze_panes, "widths": widths, "header": header, "rows": body}
        )
    return {"sheets": sheets}


def dump(found: dict) -> str:
    """The snapshot as JSON with one cell row a line, so that a difference reads as the row it is in."""
    sheets = []
    for sheet in found["sheets"]:
        meta = json.dumps({k: v for k, v in sheet.items() if k != "rows"}, ensure_ascii=False, sort_keys=True)
        rows = ",\n".join(json.dumps(row, ensure_ascii=False) for row in sheet["rows"])
        sheets.append(f'{meta[:-1]}, "rows": [\n{rows}\n]}}')
    return '{"sheets": [\n' + ",\n".join(sheets) + "\n]}\n"


def ids_from_the_top() -> None:
    """Every table's next id one past its highest row: some record texts carry the enterprise's id (a
    patent number, a certificate number), and a rolled-back test leaves PostgreSQL's sequences (and a
    flushed table SQLite's) further on."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                cursor.execute(sql)
        elif connection.vendor == "sqlite":
            for model in apps.get_models():
                table = model._meta.db_table
                cursor.execute(
                    f'UPDATE sqlite_sequence SET seq = (SELECT coalesce(max(rowid), 0) FROM "{table}") '  # noqa: S608
                    "WHERE name = %s",
                    [table],
                )


@pytest.mark.parametrize("clock", ("2026-12-06 10:00", "2028-03-15 10:00"))
def test_report_xlsx_is_unchanged(db, clock):
    from innoladder.accounts.choices import Role
    from innoladder.accounts.models import User

    ids_from_the_top()
    with freeze_time(clock):
        park = generated_park.generate(count=40, seed=11, year=YEAR)
        officer = User.objects.create(username="xlsx_same_content_officer", role=Role.OFFICER)
        officer.parks.add(park)
        report = report_generate(
            user=officer, park=park, start=dt.date(YEAR, 1, 1), end=dt.date(YEAR, 12, 31)
        )
        response = exports.report_xlsx(officer, report)
        found = workbook_snapshot(response.content, report)
    assert sum(len(s["rows"]) for s in found["sheets"][1:]) > 200  # rows of every module in the tables
    if WRITE:
        GOLDEN.write_text(dump(found))
        return
    expected = json.loads(GOLDEN.read_text())
    assert [s["title"] for s in found["sheets"]] == [s["title"] for s in expected["sheets"]]
    for got, want in zip(found["sheets"], expected["sheets"], strict=True):
        for part in ("freeze", "widths", "header"):
            assert got[part] == want[part], (got["title"], part)
        assert len(got["rows"]) == len(want["rows"]), got["title"]
        for i, (row, wanted) in enumerate(zip(got["rows"], want["rows"], strict=True), start=2):
            assert row == wanted, (got["title"], i)
