"""Benchmark: whole-park batch assessment on a fresh SQLite database.

Fills N synthetic enterprises with 3 years of annual data and IP (the registry's `generate_demo`
command when it exists, else a bulk fill of our own), then times
  (a) reading the facts of all of them from the database (the floor), and
  (b) load + evaluate + store (`assessments.services.assess_many`), optionally in several processes.

Usage: python bench/bench_batch_assess.py [--enterprises 100000] [--workers 2] [--keep]
Target (issue 4): (b) ≤ 120 s for 100,000 enterprises on SQLite on a 2-core machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
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
    os.environ["DATABASE_URL"] = f"sqlite:///{DB_PATH}"
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


def _worker(args: tuple[int, int, int]) -> int:
    """Assess the enterprises whose id falls in [low, high); each process has its own connection."""
    low, high, batch = args
    setup_django()
    from innoladder.assessments import services
    from innoladder.enterprises.models import Enterprise

    queryset = Enterprise.objects.filter(pk__gte=low, pk__lt=high)
    return services.assess_many(user=None, queryset=queryset, on=ON, batch_size=batch)["enterprises"]


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

    from innoladder.assessments import facts_loader
    from innoladder.assessments.models import Assessment
    from innoladder.enterprises.models import Enterprise

    if fresh:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        how = fill(args.enterprises)
        sys.stdout.write(
            f"filled {args.enterprises} enterprises ({how}) in {time.perf_counter() - started:.1f} s\n"
        )
    Assessment.objects.all().delete()
    total = Enterprise.objects.count()

    cpu = time.process_time()
    started = time.perf_counter()
    loaded = sum(
        len(batch) for batch in facts_loader.iter_facts(Enterprise.objects.all(), ON, chunk=args.batch)
    )
    read = time.perf_counter() - started
    sys.stdout.write(
        f"(a) read facts: {loaded} enterprises in {read:.1f} s = {loaded / read:.0f} enterprises/s\n"
    )

    ids = list(Enterprise.objects.order_by("pk").values_list("pk", flat=True))
    connection.close()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = time.process_time()
    started = time.perf_counter()
    if args.workers <= 1:
        _worker((ids[0], ids[-1] + 1, args.batch))
    else:
        step = -(-len(ids) // args.workers)
        parts = [(ids[i], ids[min(i + step, len(ids)) - 1] + 1, args.batch) for i in range(0, len(ids), step)]
        with multiprocessing.get_context("fork").Pool(args.workers) as pool:
            pool.map(_worker, parts)
    full = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    full_cpu = (
        time.process_time()
        - cpu
        + (after.ru_utime + after.ru_stime)
        - (children.ru_utime + children.ru_stime)
    )
    stored = Assessment.objects.count()
    sys.stdout.write(
        f"(b) load + evaluate + store: {stored} enterprises in {full:.1f} s = "
        f"{stored / full:.0f} enterprises/s ({args.workers} process(es)); "
        f"overhead over the read floor {full - read:.1f} s; CPU {full_cpu:.1f} s in all processes\n"
    )
    sys.stdout.write(
        f"target (b) ≤ 120 s for 100,000: {'met' if full * 100_000 / total <= 120 else 'NOT met'}"
    )
    sys.stdout.write(f" (scaled to 100,000: {full * 100_000 / total:.0f} s); database {DB_PATH}\n")
    sys.stdout.write(f"load average during the run: {os.getloadavg()[0]:.1f} (2-core machine shared)\n")


if __name__ == "__main__":
    main()
