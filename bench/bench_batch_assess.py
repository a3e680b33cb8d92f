"""Benchmark: whole-park batch assessment on SQLite.

Fills N synthetic enterprises with 3 years of annual data and IP (the registry's `generate_demo`
command when it exists, else a bulk fill of our own), then times
  (a) reading the facts of all of them from the database in one process (the floor), and
  (b) load + evaluate + store through `assessments.services.assess_many` -- the same code path as the
      "assess_batch" job and `manage.py assess_park` -- in --workers forked processes.
Both are reported as wall and CPU time (CPU of this process plus its finished worker processes),
with the workers used, the bytes stored per enterprise and the load average around (b).

Usage: python bench/bench_batch_assess.py [--enterprises 100000] [--workers 2] [--batch 1000] [--keep]
(--keep reuses the filled database; filling 100,000 takes a few minutes.)
Target (issue 4): (b) <= 120 s for 100,000 enterprises on SQLite on a 2-core machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_DIR = ROOT / "var" / "bench"
DB_PATH = DB_DIR / "bench_batch_assess.sqlite3"
ON = dt.date(2025, 6, 30)


def setup_django() -> None:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{DB_PATH}")  # PostgreSQL when DATABASE_URL is set
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innoladder.settings")
    import django

    django.setup()


def own_fill(count: int, park_name: str, seed: int = 1, batch: int = 5000) -> None:
    """Bulk-create enterprises with 3 years of figures and 0–4 IP records each."""
    from innoladder.enterprises.models import AnnualData, Enterprise, IPRecord, Park

    rng = random.Random(seed)
    park, _ = Park.objects.get_or_create(name=park_name)
    kinds = ["invention_patent", "utility_model", "software_copyright", "design_patent"]
    for start in range(0, count, batch):
        size = min(batch, count - start)
        ents = Enterprise.objects.bulk_create(
            [
                Enterprise(
                    uscc=f"91632801B{start + i:09d}",
                    name=f"合成企业{start + i:06d}有限公司",
                    park=park,
                    registered_on=dt.date(rng.randint(2005, 2023), rng.randint(1, 12), rng.randint(1, 28)),
                    industry_code=rng.choice(["C2613", "C3985", "I6513", "C2662"]),
                    tech_field=rng.choice(["1", "4", "6", "7", "8", ""]),
                    niche_market_since=rng.randint(2008, 2023),
                )
                for i in range(size)
            ]
        )
        years, ips = [], []
        for ent in ents:
            scale = rng.choice([500, 3000, 12000, 40000])  # 万元
            employees = rng.randint(10, 600)
            for year in (ON.year - 3, ON.year - 2, ON.year - 1):
                sales = Decimal(rng.randint(scale // 2, scale) * 10000)
                years.append(
                    AnnualData(
                        enterprise=ent,
                        year=year,
                        employees=employees,
                        tech_staff=rng.randint(0, employees // 2),
                        rd_staff=rng.randint(0, employees // 3),
                        sales_revenue=sales,
                        main_revenue=sales * Decimal(rng.randint(50, 100)) / 100,
                        operating_revenue=sales,
                        total_income=sales,
                        non_taxable_income=Decimal(0),
                        hitech_revenue=sales * Decimal(rng.randint(20, 95)) / 100,
                        rd_expense=sales * Decimal(rng.randint(0, 100)) / 1000,
                        total_cost=sales * Decimal(rng.randint(60, 105)) / 100,
                        total_assets=sales * Decimal(rng.randint(80, 200)) / 100,
                        total_liabilities=sales * Decimal(rng.randint(20, 90)) / 100,
                        net_profit=sales * Decimal(rng.randint(-5, 15)) / 100,
                        equity_financing=Decimal(0),
                        tech_conversions=rng.randint(0, 5),
                    )
                )
            for n in range(rng.randint(0, 4)):
                ips.append(
                    IPRecord(
                        enterprise=ent,
                        kind=rng.choice(kinds),
                        number=f"ZL{ent.pk}-{n}",
                        title="合成知识产权",
                        granted_on=dt.date(rng.randint(2012, 2024), 6, 1),
                        core_to_main_product=True,
                    )
                )
        AnnualData.objects.bulk_create(years, batch_size=2000)
        IPRecord.objects.bulk_create(ips, batch_size=2000)


def fill(count: int) -> str:
    from django.core.management import call_command, get_commands

    park = "基准测试园区"
    if "generate_demo" in get_commands():
        call_command(
            "generate_demo", enterprises=count, park=park, years=3, until=ON.year - 1, seed=1, verbosity=0
        )
        return "generate_demo"
    own_fill(count, park)
    return "own bulk fill"


def say(text: str) -> None:
    """Benchmarks report their figures on standard output."""
    sys.stdout.write(text + "\n")


def cpu_now() -> float:
    """CPU seconds of this process plus every finished (waited-for) child process."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def stored_bytes() -> tuple[int, int]:
    """Bytes of the assessments tables (SQLite's dbstat when compiled in, else the JSON text alone)."""
    from django.db import DatabaseError, connection

    tables = ("assessments_assessment", "assessments_schemeresult")
    with connection.cursor() as cursor:
        try:
            cursor.execute(
                "SELECT SUM(pgsize) FROM dbstat WHERE name IN (%s, %s) OR name IN "
                "(SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN (%s, %s))",
                [*tables, *tables],
            )
            pages = int(cursor.fetchone()[0] or 0)
        except DatabaseError:  # dbstat is an optional SQLite module
            pages = 0
        cursor.execute(
            "SELECT SUM(LENGTH(CAST(facts AS BLOB)) + LENGTH(CAST(versions AS BLOB))"
            " + LENGTH(CAST(settings AS BLOB))) FROM assessments_assessment"
        )
        json_bytes = int(cursor.fetchone()[0] or 0)
    return pages, json_bytes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--enterprises", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--keep", action="store_true", help="reuse the filled database if present")
    args = parser.parse_args()

    DB_DIR.mkdir(parents=True, exist_ok=True)
    fresh = not (args.keep and DB_PATH.exists())
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{DB_PATH}{suffix}").unlink(missing_ok=True)
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    from innoladder.assessments import facts_loader, services
    from innoladder.assessments.models import Assessment, SchemeResult
    from innoladder.enterprises.models import Enterprise

    call_command("migrate", verbosity=0)
    if fresh:
        started = time.perf_counter()
        how = fill(args.enterprises)
        say(f"filled {args.enterprises} enterprises ({how}) in {time.perf_counter() - started:.1f} s")
    Assessment.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM")
    total = Enterprise.objects.count()
    say(f"enterprises in the database: {total}; load average before: {os.getloadavg()}")

    cpu = cpu_now()
    started = time.perf_counter()
    loaded = sum(
        len(batch) for batch in facts_loader.iter_facts(Enterprise.objects.all(), ON, chunk=args.batch)
    )
    read = time.perf_counter() - started
    read_cpu = cpu_now() - cpu
    say(
        f"(a) read facts (floor, 1 process): {loaded} enterprises in {read:.1f} s wall, {read_cpu:.1f} s CPU"
        f" = {read / loaded * 1000:.3f} ms wall, {read_cpu / loaded * 1000:.3f} ms CPU per enterprise"
    )

    connection.close()
    load_before = os.getloadavg()[0]
    cpu = cpu_now()
    started = time.perf_counter()
    summary = services.assess_many(
        user=None, queryset=Enterprise.objects.all(), on=ON, batch_size=args.batch, workers=args.workers
    )
    full = time.perf_counter() - started
    full_cpu = cpu_now() - cpu
    load_after = os.getloadavg()[0]
    stored = Assessment.objects.count()
    results = SchemeResult.objects.count()
    workers = args.workers if args.workers > 1 and services.may_fork() else 1
    say(
        f"(b) load + evaluate + store: {stored} enterprises ({results} scheme rows) in {full:.1f} s wall, "
        f"{full_cpu:.1f} s CPU in all processes, {workers} worker process(es)"
    )
    say(
        f"    per enterprise: {full / stored * 1000:.3f} ms wall, {full_cpu / stored * 1000:.3f} ms CPU;"
        f" {stored / full:.0f} enterprises/s; overhead over the read floor {full - read:+.1f} s wall"
    )
    pages, json_bytes = stored_bytes()
    if pages:
        say(f"    stored: {pages / stored:.0f} bytes per enterprise in the assessments tables and indexes")
    say(f"    stored JSON (facts snapshot, versions, settings): {json_bytes / stored:.0f} bytes/enterprise")
    distinct = Assessment.objects.values("enterprise_id").distinct().count()
    if not summary["enterprises"] == stored == distinct == total:
        say(
            f"    CHECK: assessed {summary['enterprises']}, stored {stored} ({distinct} distinct), of {total}"
        )
    scaled = full * 100_000 / total
    say(
        f"target (b) <= 120 s for 100,000: {'met' if scaled <= 120 else 'NOT met'}"
        f" ({'measured' if total == 100_000 else 'scaled'}: {scaled:.0f} s); database {DB_PATH}"
    )
    say(f"load average (1 min) before/after (b): {load_before:.1f} / {load_after:.1f} (2 cores, shared)")


if __name__ == "__main__":
    main()
