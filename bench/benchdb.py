"""What the database benchmarks share: their own database under var/bench, Django set up on it, filled with
`manage.py generate_demo`, the percentile they report and how they write their figures."""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"


def say(text: str) -> None:
    """Benchmarks report their figures on standard output, a line as soon as it is known."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


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


def as_a_site_runs() -> None:
    """Measured as a site runs: Django never runs ANALYZE. With sqlite_stat1 present (one park holding all
    rows) SQLite's planner prefers filtering indexes and sorts the whole park per page."""
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone()[0]:
            cursor.execute("DELETE FROM sqlite_stat1")


def bench_officer(park):
    """The benches' park officer, with a password changed now (without it the password-age policy
    redirects every page to the change form)."""
    import random

    from innoladder.accounts.choices import Role
    from innoladder.accounts.models import User

    officer, _ = User.objects.get_or_create(username="bench_officer", defaults={"role": Role.OFFICER})
    officer.set_password(f"bench-{random.random()}")
    officer.must_change_password = False
    officer.save()
    officer.parks.add(park)
    return officer


PAGE_COLUMNS = (
    "id, uscc, name, park_id, sub_zone, industry_code, industry_name, tech_field, size_class, pool, "
    "status, registered_on, tags, updated_at, version"
)


def raw_page(park_id: int, page: int, size: int) -> list[tuple]:
    """The anchor of the list benches: one page of the park's enterprises read by raw SQL (one cursor,
    no ORM, no scope, no count, no markup), in the list's default order."""
    from django.db import connection

    sql = f"SELECT {PAGE_COLUMNS} FROM enterprises_enterprise WHERE park_id = %s "  # noqa: S608 - constant
    sql += "ORDER BY name, id LIMIT %s OFFSET %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [park_id, size, (page - 1) * size])
        rows = cursor.fetchall()
    assert len(rows) == size, f"page {page} of {size} rows has {len(rows)}"
    return rows
