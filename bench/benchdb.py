"""What the database benchmarks share: their own database under var/bench, Django set up on it, filled with
`manage.py generate_demo`, and the percentile they report."""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"


def page_arguments(doc: str, runs: int) -> argparse.Namespace:
    """The page benchmarks' options: how many enterprises, requests per scenario, rebuild the database."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=runs, help="requests per scenario")
    parser.add_argument("--fresh", action="store_true", help="rebuild the benchmark database")
    return parser.parse_args()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def open_database(name: str, *, fresh: bool) -> Path:
    """Django set up on var/bench/<name>.sqlite3 (emptied first when `fresh`), or on DATABASE_URL's
    database (PostgreSQL) when that is set, with the test settings; the migrations applied."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    db_file = BENCH_DIR / f"{name}.sqlite3"
    if fresh and "DATABASE_URL" not in os.environ:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_file}{suffix}").unlink(missing_ok=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{db_file}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innoladder.test_settings")
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return db_file


def fill(enterprises: int, out) -> int:
    """At least `enterprises` enterprises in the database (generate_demo adds the missing ones); how many
    there are."""
    from django.core.management import call_command
    from django.db import connection

    from innoladder.enterprises.models import Enterprise

    have = Enterprise.objects.count()
    if have < enterprises:
        out.write(f"filling {enterprises - have} enterprises into {connection.settings_dict['NAME']} …\n")
        started = time.monotonic()
        call_command("generate_demo", enterprises=enterprises - have, seed=2024, years=3)
        out.write(f"filled in {time.monotonic() - started:.0f} s\n")
    return Enterprise.objects.count()
