"""What the benchmarks on a throw-away database share (the exchange export, the import): Django set up on
a temporary var directory with the test settings, a database of their own, the calibration loop, the
rounds' timings and how figures are written.

Importing this module sets Django up: a bench imports it before any of the project's modules.
"""

import argparse
import atexit
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from benchdb import say

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="innoladder-bench-")
os.environ["INNOLADDER_VAR_DIR"] = TMP
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innoladder.test_settings")

import django  # noqa: E402

django.setup()


def calibration() -> float:
    """Seconds for 10 million additions in pure Python: 0.19-0.22 s on the idle 2-CPU host of
    docs/dev/imports.md; more on a slower or busy host, and every figure grows with it."""
    started = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return time.perf_counter() - started


def round_arguments(doc: str, count: str, default: int, rounds: int) -> argparse.Namespace:
    """The options of a bench that runs in rounds: how many records (`count`) and how many rounds."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument(count, nargs="?", type=int, default=default)
    parser.add_argument("--rounds", type=int, default=rounds)
    return parser.parse_args()


def start_round(number: int) -> float:
    """The calibration timed before round `number` (from 0), reported with the load average; its seconds."""
    seconds = calibration()
    say(f"round {number + 1}: calibration {seconds:.2f} s, load average {os.getloadavg()[0]:.1f}")
    return seconds


def throwaway_database(name: str) -> str:
    """A database of the bench's own, migrated: a throw-away database on DATABASE_URL's PostgreSQL server
    (e.g. scripts/pg_test_server.sh's) when that is set, dropped at exit; else the SQLite file of the
    temporary var directory. Returns the database's description for the figures' heading."""
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        connection.settings_dict["TEST"]["NAME"] = f"innoladder_bench_{name}_{os.getpid()}"
        original = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        atexit.register(connection.creation.destroy_test_db, original, verbosity=0)
        return f"PostgreSQL {connection.pg_version // 10000}"
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        return f"SQLite journal_mode={cursor.fetchone()[0]}"


class Rounds:
    """Wall and CPU seconds of each step, per round."""

    def __init__(self):
        self.walls: dict[str, list[float]] = defaultdict(list)
        self.cpus: dict[str, list[float]] = defaultdict(list)
        self.order: list[str] = []

    def time(self, label: str, func):
        wall, cpu = time.perf_counter(), time.process_time()
        result = func()
        self.add(label, time.perf_counter() - wall, time.process_time() - cpu)
        return result

    def add(self, label: str, wall: float, cpu: float) -> None:
        if label not in self.walls:
            self.order.append(label)
        self.walls[label].append(wall)
        self.cpus[label].append(cpu)

    def best(self, label: str) -> float:
        return min(self.walls[label])

    def median(self, label: str) -> float:
        return statistics.median(self.walls[label])

    def best_cpu(self, label: str) -> float:
        return min(self.cpus[label])
