"""Benchmark of the work report at scale: composing the report and writing its xlsx data tables for a park
of 10,000 and of 100,000 enterprises with records in every module the report reads.

Fills its own SQLite database (var/bench/report.sqlite3; PostgreSQL when DATABASE_URL is set) with one
generated park per size (`innoladder/reports/tests/generated_park.py`), then, as an officer of the park:

- compose: every provider over the report year (`reports.services.compose`);
- xlsx: the report's data tables (`reports.exports.report_xlsx`: one sheet per section, the rows counted),
  with the part of it that reads the counted rows back (`reports.selectors.facts_rows`) shown apart;

and, in the same run, two anchors: a raw SQL read (one cursor, no ORM) of every row of the park's tables the
report reads, and an openpyxl write-only workbook of the same number of cells as the xlsx export. Each
figure is printed with its anchor and the ratio, so the load other processes put on the machine cancels
out. With more than one size, the growth of each phase's CPU from the smallest park to the largest is
printed beside the growth of the park and of the anchors (linear: the same factor). Target: compose + xlsx
≤ 5 s (CPU) at 10,000 enterprises.

    .venv/bin/python bench/bench_report.py [--enterprises 10000,100000] [--runs 3] [--fresh]

The database is kept between runs (filling takes minutes); --fresh rebuilds it.
"""

import argparse
import datetime as dt
import io
import os
import sys
import time

from benchdb import open_database

# The tables the report reads, with the path from each to the enterprise's park.
TABLES = (
    ("recognitions_recognition", "enterprise_id"),
    ("recognitions_application", "enterprise_id"),
    ("services_enterpriserequest", "enterprise_id"),
    ("projects_project", "enterprise_id"),
    ("cooperation_cooperation", "enterprise_id"),
    ("cooperation_patentintroduction", "enterprise_id"),
    ("cooperation_talent", "enterprise_id"),
    ("funding_fundapplication", "enterprise_id"),
    ("funding_voucheruse", "enterprise_id"),
    ("contracts_techcontract", "enterprise_id"),
    ("policies_campaignreach", "enterprise_id"),
    ("policies_trainingenrolment", "enterprise_id"),
    ("collection_submission", "enterprise_id"),
    ("rnd_subsidyaward", "enterprise_id"),
    ("enterprises_award", "enterprise_id"),
    ("assessments_schemeresult", "enterprise_id"),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--enterprises", "--sizes", dest="sizes", default="10000,100000", help="park sizes, comma-separated"
    )
    parser.add_argument("--runs", type=int, default=3, help="timed runs per figure (the best is kept)")
    parser.add_argument("--fresh", action="store_true", help="rebuild the benchmark database")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="print a cProfile of one compose + xlsx (cumulative, then own time)",
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]

    open_database("report", fresh=args.fresh)
    from django.db import connection
    from django.utils import timezone
    from openpyxl import Workbook

    from innoladder.accounts.choices import Role
    from innoladder.accounts.models import User
    from innoladder.enterprises.models import Park
    from innoladder.reports import exports, selectors
    from innoladder.reports.services import compose, report_generate
    from innoladder.reports.tests import generated_park

    out = sys.stdout
    year = timezone.localdate().year - 1
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    officer, _ = User.objects.get_or_create(username="bench_report_officer", defaults={"role": Role.OFFICER})
    out.write(f"database: {connection.vendor}; report period {start} – {end}\n")
    failed, judged = False, False
    measured = {}
    for size in sizes:
        park = Park.objects.filter(name=f"基准园区{size}").first()
        if park is None:
            out.write(f"generating a park of {size} enterprises …\n")
            began = time.monotonic()
            park = generated_park.generate(count=size, year=year)
            out.write(f"generated in {time.monotonic() - began:.0f} s\n")
        officer.parks.add(park)
        officer = User.objects.get(pk=officer.pk)  # fresh: the park ids are cached on the user object

        def raw_read(park=park) -> int:
            rows = 0
            with connection.cursor() as cursor:
                for table, column in TABLES:
                    # Table and column names are the constants above; the park id is a bound parameter.
                    sql = f"SELECT t.* FROM {table} t JOIN enterprises_enterprise e ON e.id = t.{column}"
                    cursor.execute(sql + " WHERE e.park_id = %s", [park.pk])
                    rows += len(cursor.fetchall())
            return rows

        def timed(func) -> tuple[float, float, object]:
            """Best wall and CPU seconds of `runs` calls (SQLite runs in-process: CPU is the cost without
            the other load on the machine), and the last result."""
            walls, cpus, result = [], [], None
            for _ in range(args.runs):
                began, cpu = time.perf_counter(), time.process_time()
                result = func()
                walls.append(time.perf_counter() - began)
                cpus.append(time.process_time() - cpu)
            return min(walls), min(cpus), result

        compose_s, compose_cpu, composed = timed(
            lambda park=park, officer=officer: compose(user=officer, park=park, start=start, end=end)
        )
        raw_s, raw_cpu, raw_rows = timed(raw_read)
        report = report_generate(user=officer, park=park, start=start, end=end)
        xlsx_s, xlsx_cpu, response = timed(
            lambda report=report, officer=officer: exports.report_xlsx(officer, report)
        )
        read_s, read_cpu, _ = timed(
            lambda report=report, officer=officer: selectors.facts_rows(
                officer, selectors.report_facts(report)
            )
        )
        counted = sum(len(f.row_ids) for f in composed.facts)
        cells = counted * len(exports.ROW_COLUMNS)

        def plain_xlsx(cells=cells) -> int:
            wb = Workbook(write_only=True)
            ws = wb.create_sheet("rows")
            for i in range(cells // len(exports.ROW_COLUMNS)):
                ws.append(
                    ["数据项", "企业名称有限公司", f"91632801MB{i:08d}", "记录", dt.date(2025, 1, 1), i]
                )
            buffer = io.BytesIO()
            wb.save(buffer)
            return len(buffer.getvalue())

        plain_s, plain_cpu, _ = timed(plain_xlsx)
        kib = len(response.content) // 1024
        out.write(
            f"\n{size} enterprises: {len(composed.facts)} facts, {counted} rows counted, xlsx {kib} KiB\n"
        )
        lines = (
            ("compose", compose_s, compose_cpu, f"raw SQL read of {raw_rows} rows", raw_s, raw_cpu),
            ("xlsx", xlsx_s, xlsx_cpu, f"openpyxl write-only, {cells} cells", plain_s, plain_cpu),
        )
        for label, wall, cpu, anchor, anchor_wall, anchor_cpu in lines:
            out.write(
                f"  {label:8s} {wall:7.2f} s (cpu {cpu:6.2f} s)   anchor {anchor}: {anchor_wall:6.2f} s "
                f"(cpu {anchor_cpu:5.2f} s)   ratio {wall / anchor_wall:5.1f} (cpu {cpu / anchor_cpu:5.1f})\n"
            )
        out.write(
            f"    of which reading the counted rows back {read_s:7.2f} s (cpu {read_cpu:6.2f} s), "
            f"writing the workbook {xlsx_s - read_s:7.2f} s (cpu {xlsx_cpu - read_cpu:6.2f} s)\n"
        )
        measured[size] = {
            "compose": compose_cpu,
            "xlsx": xlsx_cpu,
            "total": compose_cpu + xlsx_cpu,
            "anchor raw SQL read": raw_cpu,
            "anchor openpyxl": plain_cpu,
            "rows counted": counted,
        }
        total, total_cpu = compose_s + xlsx_s, compose_cpu + xlsx_cpu
        out.write(
            f"  total    {total:7.2f} s (cpu {total_cpu:6.2f} s)   load average {os.getloadavg()[0]:.1f}\n"
        )
        if size == 10_000:
            failed |= total_cpu > 5
            judged = True
        if args.profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.enable()
            compose(user=officer, park=park, start=start, end=end)
            exports.report_xlsx(officer, report)
            profiler.disable()
            for order in ("cumulative", "tottime"):
                pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(40)
        report.delete()
    if len(measured) > 1:
        small, large = min(measured), max(measured)
        out.write(f"\ngrowth {small:,} → {large:,} enterprises (×{large / small:g}), CPU:\n")
        for name in measured[small]:
            before, after = measured[small][name], measured[large][name]
            out.write(f"  {name:20s} {before:10.2f} → {after:10.2f}   ×{after / before:5.1f}\n")
    verdict = ("NOT MET" if failed else "met") if judged else "not measured (no park of 10,000 in this run)"
    out.write("\ntarget compose + xlsx ≤ 5 s (cpu) at 10,000 enterprises: " + verdict + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
