"""Benchmark: a 50,000-row annual-data import on SQLite, beside the time just to read the same file.

Creates a throw-away SQLite database, 10,000 enterprises and an officer, writes a 50,000-row annual-data
xlsx with openpyxl (all 24 template columns filled), then times, in wall-clock and CPU seconds:

  1a. the import's own xlsx reader (fastxlsx, its sheet data through sheetscan) iterating every cell of
      the sheet: the floor, nothing in the import can be faster than reading the cells,
  1b. the same reader with expat only (what it falls back to for unusual XML), for comparison,
  1c. openpyxl's read-only iteration of the same sheet, for comparison (the reader used before that),
  2. the framework's guarded parse (zip/XML guards + header matching + row collection),
  3. the dry run (parse + validate every row + match natural keys),
  4. the commit job (re-validate against the database + write + scope post-check + one audit entry per
     row; the file itself is not read again, the dry run's signed parse is reused), all rows new,
  5. the same for a second file in which every row changed (updates),
  6. the whole import as a user runs it: dry run + commit, for both files.

The issue's target (≥ 5,000 rows/s for validate + commit) is step 4 (new rows) and step 5 (updates); if the
commit had to read the file again, the time of that reading is shown separately.

Run:  /work/main/.venv/bin/python bench/bench_import.py [rows]
"""

import io
import os
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="innoladder-bench-")
os.environ["INNOLADDER_VAR_DIR"] = TMP
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innoladder.test_settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.urls import reverse  # noqa: E402
from openpyxl import Workbook, load_workbook  # noqa: E402

from innoladder.accounts.choices import Role  # noqa: E402
from innoladder.accounts.models import User  # noqa: E402
from innoladder.core.models import AuditEntry  # noqa: E402
from innoladder.core.testing.factories import make_uscc  # noqa: E402
from innoladder.enterprises.models import AnnualData, Enterprise, Park  # noqa: E402
from innoladder.imports import fastxlsx, reader, registry, services  # noqa: E402
from innoladder.imports.models import ImportBatch  # noqa: E402

YEARS = 5


def say(text: str) -> None:
    """Benchmarks report their figures on standard output."""
    sys.stdout.write(text + "\n")


def build_file(codes: list[str], rows: int, bump: int = 0) -> bytes:
    dataset = registry.get("annual_data")
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(dataset.title)
    ws.append([c.template_header for c in dataset.columns])
    for i in range(rows):
        code = codes[i // YEARS]
        year = 2020 + i % YEARS
        employees = 50 + i % 400 + bump
        money = [round(100 + (i * 7 + k * 13) % 9000 + k / 100, 2) + bump for k in range(18)]
        money[7] = money[6]  # 境内研发费用 = 研发费用
        ws.append([code, year, employees, employees // 4, employees // 8, *money, i % 5])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


PARSE_SECONDS = []  # (wall, cpu) of each reader.parse call inside the timed step
_real_parse = reader.parse


def _timed_parse(*args, **kwargs):
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        return _real_parse(*args, **kwargs)
    finally:
        PARSE_SECONDS.append((time.perf_counter() - wall, time.process_time() - cpu))


reader.parse = _timed_parse


DRY_RUN_SECONDS = [0.0]


def line(label: str, rows: int, wall: float, cpu: float) -> None:
    say(
        f"{label:<60} wall {wall:6.2f} s {rows / wall:8,.0f} rows/s | "
        f"CPU {cpu:6.2f} s {rows / cpu:8,.0f} rows/s"
    )


def timed(label: str, rows: int, func):
    PARSE_SECONDS.clear()
    wall, cpu = time.perf_counter(), time.process_time()
    result = func()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    line(label, rows, wall, cpu)
    if PARSE_SECONDS and "commit" in label:
        line(
            "   of which validate + write + check + audit (parse excluded)",
            rows,
            wall - sum(w for w, _ in PARSE_SECONDS),
            cpu - sum(c for _, c in PARSE_SECONDS),
        )
    return result


def calibration() -> float:
    """Seconds for 10 million additions in pure Python: ~0.5 s on an idle modern core. When other
    processes share the machine this grows, and every figure above grows with it."""
    started = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return time.perf_counter() - started


def main(rows: int) -> None:
    call_command("migrate", verbosity=0)
    settings.MEDIA_ROOT = TMP
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        mode = cursor.fetchone()[0]
    park = Park.objects.create(name="格尔木工业园")
    enterprise_count = (rows + YEARS - 1) // YEARS
    codes = [make_uscc(100_000 + n) for n in range(enterprise_count)]
    Enterprise.objects.bulk_create(
        [Enterprise(uscc=code, name=f"基准企业{n}", park=park) for n, code in enumerate(codes)],
        batch_size=1000,
    )
    officer = User.objects.create_user("bench_officer", password="bench-Passw0rd!", role=Role.OFFICER)
    officer.parks.add(park)
    dataset = registry.get("annual_data")
    data = build_file(codes, rows)
    say(
        f"{rows:,} rows × {len(dataset.columns)} columns, {len(data) / 1e6:.1f} MB xlsx, "
        f"{enterprise_count:,} enterprises, SQLite journal_mode={mode}, {os.cpu_count()} CPUs"
    )

    def fast_floor():  # like the import itself: without cyclic garbage collection while rows pile up
        with services._bulk_work(), zipfile.ZipFile(io.BytesIO(data)) as archive:
            workbook = fastxlsx.open_workbook(archive)
            return sum(1 for _ in fastxlsx.iter_rows(archive, workbook, workbook.sheets[0]))

    def expat_floor():
        with services._bulk_work(), zipfile.ZipFile(io.BytesIO(data)) as archive:
            workbook = fastxlsx.open_workbook(archive)
            return sum(1 for _ in fastxlsx.iter_rows(archive, workbook, workbook.sheets[0], scan=False))

    def openpyxl_floor():
        with services._bulk_work():
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            count = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
            wb.close()
        return count

    # Load the URLconf now: the commit job's result links to the batch page, and the first reverse() of
    # a process imports every app's urls (about 0.5 s, once per worker, not per row).
    reverse("import_home")
    say(f"load average before timing: {os.getloadavg()[0]:.1f}")
    timed("1a. fastxlsx read of every cell (the floor)", rows, fast_floor)
    timed("1b. the same reader with expat only (fallback)", rows, expat_floor)
    timed("1c. openpyxl read-only read of every cell (before)", rows, openpyxl_floor)
    timed("2. guarded parse (zip/XML guards + headers + rows)", rows, lambda: reader.parse(data, dataset))
    started = time.perf_counter()
    batch = timed(
        "3. dry run (parse + validate + key matching)",
        rows,
        lambda: services.batch_preview(dataset=dataset, data=data, file_name="bench.xlsx", user=officer),
    )
    DRY_RUN_SECONDS[0] = time.perf_counter() - started
    assert batch.rows_error == 0 and batch.rows_create == rows, batch.errors[:5]
    started = time.perf_counter()
    timed(
        "4. commit job, all new (validate + write + check + audit)",
        rows,
        lambda: services.batch_commit(batch=batch, user=officer),
    )
    whole_new = time.perf_counter() - started + DRY_RUN_SECONDS[0]
    batch.refresh_from_db()
    assert batch.status == "committed", batch.message
    assert AnnualData.objects.count() == rows

    changed = build_file(codes, rows, bump=1)
    started = time.perf_counter()
    second = services.batch_preview(dataset=dataset, data=changed, file_name="bench2.xlsx", user=officer)
    dry_run_changed = time.perf_counter() - started
    assert second.rows_update == rows, (second.rows_update, second.errors[:5])
    started = time.perf_counter()
    timed("5. commit job, every row updated", rows, lambda: services.batch_commit(batch=second, user=officer))
    whole_changed = time.perf_counter() - started + dry_run_changed
    second.refresh_from_db()
    assert second.status == "committed", second.message
    assert AnnualData.objects.count() == rows
    assert ImportBatch.objects.filter(status="committed").count() == 2
    assert AuditEntry.objects.filter(event_type__in=("create", "update")).count() == 2 * rows
    say(
        f"6. whole import, new rows (dry run + commit)                 wall {whole_new:6.2f} s "
        f"{rows / whole_new:8,.0f} rows/s"
    )
    say(
        f"   whole import, changed rows (dry run + commit)             wall {whole_changed:6.2f} s "
        f"{rows / whole_changed:8,.0f} rows/s"
    )
    load = os.getloadavg()[0]
    say(
        f"calibration: 10M-addition loop {calibration():.2f} s; "
        f"load average {load:.1f} on {os.cpu_count()} CPUs"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
