"""Benchmark: the exchange export of a large park, beside a raw SQL read of the same rows.

Creates a throw-away SQLite database (or, with DATABASE_URL set, a throw-away database on that PostgreSQL
server), one park of N enterprises (default 20,000) with three years of annual data each (every money
column filled) and one recognition for every second enterprise, and an officer of the park. Then times,
in wall-clock and CPU seconds, best and median of `--rounds`:

  0. THE ANCHOR: one raw SQL SELECT per table (the park's enterprises, all their annual data, their
     recognitions) fetched into Python tuples: the floor of reading the data, with no scoping, no paging,
     no latest-year choice and no formatting;
  1. the JSON export as the job writes it (`services.json_chunks`: scoped, paged by primary key, latest
     year per enterprise, every field formatted), written to a file;
  2. the xlsx export (`services.xlsx_bytes`: the same rows through the shared write-only workbook writer).

A calibration loop (10 million additions) is timed before every round: this host's speed varies.

Run:  /work/main/.venv/bin/python bench/bench_exchange.py [enterprises] [--rounds N]
"""

import datetime as dt
from decimal import Decimal
from pathlib import Path

from scratch import TMP, Rounds, round_arguments, say, start_round, throwaway_database  # sets Django up

# isort: split
from benchdb import bench_officer
from django.db import connection, models
from django.utils import timezone

from innoladder.core.testing.factories import make_uscc
from innoladder.enterprises.models import AnnualData, Enterprise, Park
from innoladder.exchange import services
from innoladder.recognitions.models import Recognition

MONEY = [f.name for f in AnnualData._meta.concrete_fields if isinstance(f, models.DecimalField)]


def build(count: int):
    park = Park.objects.create(name="格尔木工业园")
    Enterprise.objects.bulk_create(
        [
            Enterprise(
                uscc=make_uscc(200_000 + n),
                name=f"基准企业{n}有限公司",
                park=park,
                registered_on=dt.date(2015, 1, 1),
                registered_capital=Decimal("5000000.00"),
                industry_code="3985",
                tech_field="4",
                size_class="small",
            )
            for n in range(count)
        ],
        batch_size=2000,
    )
    ids = list(Enterprise.objects.filter(park=park).values_list("pk", flat=True))
    money = {name: Decimal(f"{1_000_000 + i * 1234}.56") for i, name in enumerate(MONEY)}
    annual = [
        AnnualData(enterprise_id=pk, year=year, employees=100, tech_staff=20, rd_staff=10, **money)
        for pk in ids
        for year in (2025, 2026, 2027)
    ]
    AnnualData.objects.bulk_create(annual, batch_size=2000)
    Recognition.objects.bulk_create(
        [
            Recognition(
                enterprise_id=pk,
                scheme="hnte",
                level="national",
                number=f"GR2026630{i:05d}",
                issued_on=dt.date(2026, 11, 20),
                valid_until=dt.date(2029, 11, 19),
            )
            for i, pk in enumerate(ids[::2])
        ],
        batch_size=2000,
    )
    return bench_officer(park)


def anchor(park_id: int) -> int:
    tables = [
        ("SELECT * FROM enterprises_enterprise WHERE park_id = %s", [park_id]),
        (
            "SELECT a.* FROM enterprises_annualdata a "
            "JOIN enterprises_enterprise e ON e.id = a.enterprise_id WHERE e.park_id = %s",
            [park_id],
        ),
        (
            "SELECT r.* FROM recognitions_recognition r "
            "JOIN enterprises_enterprise e ON e.id = r.enterprise_id WHERE e.park_id = %s",
            [park_id],
        ),
    ]
    rows = 0
    with connection.cursor() as cursor:
        for sql, params in tables:
            cursor.execute(sql, params)
            rows += len(cursor.fetchall())
    return rows


def export_json(officer) -> int:
    path = Path(TMP) / "export.json"
    with path.open("w", encoding="utf-8") as stream:
        for chunk in services.json_chunks(officer, today=timezone.localdate()):
            stream.write(chunk)
    return path.stat().st_size


def export_xlsx(officer) -> int:
    content, _counts = services.xlsx_bytes(officer, today=timezone.localdate())
    return len(content)


def main(count: int, rounds: int) -> None:
    database = throwaway_database("exchange")
    officer = build(count)
    park_id = officer.parks.get().pk
    records = count + count // 2
    say(f"{count:,} enterprises × 3 years of annual data, {count // 2:,} recognitions, {database}")
    timings = Rounds()
    sizes = {}
    for number in range(rounds):
        start_round(number)
        for label, func, arg in (
            ("0. anchor: raw SQL read", anchor, park_id),
            ("1. JSON export", export_json, type(officer).objects.get(pk=officer.pk)),
            ("2. xlsx export", export_xlsx, type(officer).objects.get(pk=officer.pk)),
        ):
            sizes[label] = timings.time(label, lambda func=func, arg=arg: func(arg))
    base = timings.best("0. anchor: raw SQL read")
    for label in timings.order:
        best, median = timings.best(label), timings.median(label)
        extra = f"{sizes[label]:,} rows read" if label.startswith("0") else f"{sizes[label] / 1e6:.1f} MB"
        say(
            f"{label:28} best {best:6.2f} s  median {median:6.2f} s  cpu {timings.best_cpu(label):6.2f} s  "
            f"{records / best:8,.0f} records/s  ×{best / base:5.1f} anchor  ({extra})"
        )


if __name__ == "__main__":
    args = round_arguments(__doc__, "enterprises", 20_000, rounds=2)
    main(args.enterprises, args.rounds)
