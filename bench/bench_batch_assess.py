"""Benchmark: whole-park batch assessment on SQLite or PostgreSQL, against a raw read of the same rows.

Fills N synthetic enterprises with 3 years of annual data and IP (`generate_demo`, through COPY on
PostgreSQL), then times in the same run
  (anchor) a raw read of every row the facts are built from (enterprises and the six registry tables,
      the facts loader's own queries) through a plain server-side cursor in one process, and
  (b) load + evaluate + store through `assessments.services.assess_many` -- the same code path as the
      "assess_batch" job and `manage.py assess_park` -- in --workers forked processes,
and prints (b)/(anchor), the seconds (b) spent per phase (read, engine, prepare, store; summed over
the workers) with the engine's share, rows/s, peak RSS and the load average at start and end.

Usage: python bench/bench_batch_assess.py [--enterprises 100000] [--workers 2] [--batch 1000] [--keep]
SQLite by default (var/bench/bench_batch_assess.sqlite3, --keep reuses it); PostgreSQL when
DATABASE_URL is set: give it a database of its own (the bench empties its assessments tables), which
it fills when empty and reuses when it holds the N enterprises.
Targets: (b) <= 120 s for 100,000 on SQLite (issue 4); 1,000,000 <= 600 s on PostgreSQL (issue 23).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import sys
import time
from pathlib import Path

from benchdb import say

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_DIR = ROOT / "var" / "bench"
DB_PATH = DB_DIR / "bench_batch_assess.sqlite3"
ON = dt.date(2025, 6, 30)
PARK = "基准测试园区"
TARGETS = {"sqlite": (100_000, 120), "postgresql": (1_000_000, 600)}  # enterprises, seconds


def setup_django() -> None:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{DB_PATH}")  # PostgreSQL when DATABASE_URL is set
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innoladder.settings")
    import django

    django.setup()


def cpu_now() -> float:
    """CPU seconds of this process plus every finished (waited-for) child process."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest finished child, in MB (Linux: KB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own / 1024, child / 1024


def raw_read(queryset_of_enterprises, chunk: int) -> tuple[int, float]:
    """Rows and seconds to read, through a plain (server-side on PostgreSQL) cursor, every row the
    facts loader reads: the enterprises and the registry tables, its own queries for the whole set."""
    from django.db import connection, transaction
    from django.db.models import Q

    from innoladder.assessments import facts_loader

    enterprises = queryset_of_enterprises.order_by("pk").values_list(*facts_loader.ENTERPRISE_FIELDS)
    ids = queryset_of_enterprises.values("pk")
    tables = facts_loader.registry_querysets(Q(enterprise_id__in=ids), ON)
    queries = [enterprises, *tables.values()]
    rows = 0
    started = time.perf_counter()
    with transaction.atomic():
        for number, queryset in enumerate(queries):
            sql, params = queryset.query.sql_with_params()
            if connection.vendor == "postgresql":
                cursor = connection.connection.cursor(name=f"bench_raw_{number}")
                cursor.itersize = chunk
            else:
                cursor = connection.connection.cursor()
                sql = sql.replace("%s", "?")
            cursor.execute(sql, params)
            while batch := cursor.fetchmany(chunk):
                rows += len(batch)
            cursor.close()
    return rows, time.perf_counter() - started


def stored_bytes() -> int:
    """Bytes of the assessments tables with their indexes (0 when the database cannot say)."""
    from django.db import DatabaseError, connection

    tables = ("assessments_assessment", "assessments_schemeresult")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_total_relation_size(%s) + pg_total_relation_size(%s)", list(tables))
            return int(cursor.fetchone()[0] or 0)
        try:
            cursor.execute(
                "SELECT SUM(pgsize) FROM dbstat WHERE name IN (%s, %s) OR name IN "
                "(SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN (%s, %s))",
                [*tables, *tables],
            )
            return int(cursor.fetchone()[0] or 0)
        except DatabaseError:  # dbstat is an optional SQLite module
            return 0


def prepare_database(count: int, keep: bool) -> None:
    """Fill the bench park with ``count`` enterprises unless it holds them; empty the assessments."""
    from django.core.management import call_command
    from django.db import connection

    from innoladder.assessments.models import Assessment
    from innoladder.enterprises.models import Enterprise

    call_command("migrate", verbosity=0)
    present = Enterprise.objects.filter(park__name=PARK).count()
    if present not in (0, count):
        raise SystemExit(f"the bench park holds {present} enterprises, not {count}: use an empty database")
    if present == 0:
        started = time.perf_counter()
        call_command(
            "generate_demo", enterprises=count, park=PARK, years=3, until=ON.year - 1, seed=1, verbosity=0
        )
        say(f"filled {count} enterprises (generate_demo) in {time.perf_counter() - started:.1f} s")
    elif not keep and connection.vendor == "sqlite":
        raise SystemExit("the SQLite file was kept without --keep")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # The bench's own database: empty the results in an instant, refresh the planner's figures.
            cursor.execute("TRUNCATE assessments_schemeresult, assessments_assessment CASCADE")
            cursor.execute("VACUUM ANALYZE")
    else:
        Assessment.objects.all().delete()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM")


def uptime() -> str:
    return "/".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--enterprises", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--keep", action="store_true", help="reuse the filled SQLite file if present")
    args = parser.parse_args()

    if "DATABASE_URL" not in os.environ:
        DB_DIR.mkdir(parents=True, exist_ok=True)
        if not (args.keep and DB_PATH.exists()):
            for suffix in ("", "-wal", "-shm"):
                Path(f"{DB_PATH}{suffix}").unlink(missing_ok=True)
    setup_django()
    from django.db import connection

    from innoladder.assessments import services
    from innoladder.assessments.models import Assessment, SchemeResult
    from innoladder.enterprises.models import Enterprise

    say(f"load average (1/5/15 min) at start: {uptime()} (2 cores, shared); database: {connection.vendor}")
    prepare_database(args.enterprises, args.keep)
    enterprises = Enterprise.objects.filter(park__name=PARK)
    total = enterprises.count()

    rows, anchor = raw_read(enterprises, 20_000)
    say(
        f"(anchor) raw read, {'server-side' if connection.vendor == 'postgresql' else 'plain'} cursor,"
        f" 1 process: {rows} rows of {total} enterprises in"
        f" {anchor:.1f} s ({rows / anchor:.0f} rows/s)"
    )

    connection.close()
    load_before = uptime()
    cpu = cpu_now()
    started = time.perf_counter()
    step = max(args.batch, total // 10)

    def progress(done: int, of: int) -> None:
        if done // step != (done - args.batch) // step or done == of:
            say(f"    stored {done}/{of} at {time.perf_counter() - started:.1f} s (load {uptime()})")

    summary = services.assess_many(
        user=None, queryset=enterprises, on=ON, batch_size=args.batch, workers=args.workers, progress=progress
    )
    full = time.perf_counter() - started
    full_cpu = cpu_now() - cpu
    load_after = uptime()
    stored = Assessment.objects.count()
    results = SchemeResult.objects.count()
    workers = args.workers if args.workers > 1 and services.may_fork() else 1
    say(
        f"(b) load + evaluate + store: {stored} enterprises ({results} scheme rows) in {full:.1f} s wall,"
        f" {full_cpu:.1f} s CPU in this process and the workers (database server not counted),"
        f" {workers} worker process(es), chunks of {args.batch}"
    )
    say(
        f"    {stored / full:.0f} enterprises/s, {(stored + results) / full:.0f} rows written/s;"
        f" {full / stored * 1000:.3f} ms wall, {full_cpu / stored * 1000:.3f} ms CPU per enterprise"
    )
    say(f"ratio (b) / (anchor): {full / anchor:.1f}x the raw read of the same rows")
    seconds = summary["seconds"]
    spent = sum(seconds.values()) or 1.0
    say(
        "    time per phase, summed over the workers: "
        + ", ".join(f"{phase} {value:.1f} s ({value / spent:.0%})" for phase, value in seconds.items())
        + f"; engine {seconds['engine'] / spent:.0%}, input/output and rows"
        f" {1 - seconds['engine'] / spent:.0%}"
    )
    own, child = peak_rss_mb()
    say(f"    peak RSS: {own:.0f} MB this process, {child:.0f} MB the largest worker")
    size = stored_bytes()
    if size:
        say(f"    stored: {size / stored:.0f} bytes per enterprise in the assessments tables and indexes")
    distinct = Assessment.objects.values("enterprise_id").distinct().count()
    if not summary["enterprises"] == stored == distinct == total:
        say(
            f"    CHECK: assessed {summary['enterprises']}, stored {stored} ({distinct} distinct), of {total}"
        )
    size_target, seconds_target = TARGETS.get(connection.vendor, TARGETS["sqlite"])
    scaled = full * size_target / total
    say(
        f"target {size_target:,} <= {seconds_target} s on {connection.vendor}:"
        f" {'met' if scaled <= seconds_target else 'NOT met'}"
        f" ({'measured' if total == size_target else 'scaled'}: {scaled:.0f} s)"
    )
    say(f"load average (1/5/15 min) before/after (b): {load_before} / {load_after}; at end: {uptime()}")


if __name__ == "__main__":
    main()
