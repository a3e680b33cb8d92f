"""Benchmark: the enterprise page (一企一档) of an enterprise with very many records.

Fills one enterprise with --ip intellectual-property records (and --rows of every other registry list:
awards, standards, institutions, incidents, people), then fetches, as its park officer, the page, each
module's section fragment and the timeline fragment through Django's test client, and prints for each:
bytes, milliseconds and database queries. Issue 21 finding 14: with 90,000 IP rows the page was 28.8 MB
and took 14.8 s; every section is now bounded (first rows, count, 「查看全部」). The anchor, measured in
the same run: the enterprise's IP records counted and its first 50 read by raw SQL (one cursor, no ORM);
the whole is printed as a ratio to it.

Usage: python bench/bench_enterprise_page.py [--ip 90000] [--rows 200] [--keep]
(the database is var/bench/bench_enterprise_page.sqlite3, or DATABASE_URL's (PostgreSQL) when that is set;
--keep reuses it as filled).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time

from benchdb import open_database

USCC = "91632801MA7G2XY87R"
say = sys.stdout.write  # the figures, as the other benches write them


def fill(ip: int, rows: int) -> None:
    from innoladder.accounts.choices import Role
    from innoladder.accounts.models import User
    from innoladder.enterprises.models import (
        Award,
        Enterprise,
        Incident,
        IPRecord,
        Park,
        Person,
        RDInstitution,
        StandardWork,
    )

    park = Park.objects.create(name="基准园区")
    officer = User.objects.create_user("bench-officer", password="Bench#2026page", role=Role.OFFICER)
    officer.parks.add(park)
    enterprise = Enterprise.objects.create(uscc=USCC, name="知识产权大户有限公司", park=park)
    kinds = ["invention_patent", "utility_model", "software_copyright", "design_patent"]
    start = dt.date(2000, 1, 1)
    for first in range(0, ip, 10_000):
        IPRecord.objects.bulk_create(
            IPRecord(
                enterprise=enterprise,
                kind=kinds[i % 4],
                number=f"ZL{2000 + i % 25}1{i:07d}.X",
                title=f"一种提锂工艺及其装置（第{i}号）",
                granted_on=start + dt.timedelta(days=i % 9000),
            )
            for i in range(first, min(ip, first + 10_000))
        )
    for i in range(rows):
        year = 2000 + i % 25
        Award.objects.create(enterprise=enterprise, name=f"科学技术奖{i}", year=year, level="provincial")
        StandardWork.objects.create(enterprise=enterprise, title=f"标准{i}", year=year, level="group")
        RDInstitution.objects.create(
            enterprise=enterprise, name=f"研发中心{i}", kind="enterprise_tech_center", level="municipal"
        )
        Incident.objects.create(
            enterprise=enterprise, kind="abnormal_operation_list", occurred_on=start + dt.timedelta(days=i)
        )
        Person.objects.create(enterprise=enterprise, name=f"员工{i}", position="工程师")


def measure() -> None:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from innoladder.accounts.models import User
    from innoladder.core import enterprise_page
    from innoladder.enterprises.models import Enterprise, IPRecord

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # the test client's host
    enterprise = Enterprise.objects.get(uscc=USCC)
    say(f"enterprise with {IPRecord.objects.filter(enterprise=enterprise).count():,} IP records\n")
    client = Client()
    client.force_login(User.objects.get(username="bench-officer"))
    base = f"/enterprises/{enterprise.pk}/"
    urls = [base, f"{base}timeline/"]
    urls += [f"{base}sections/{label}/" for label in enterprise_page.section_labels()]
    urls += [f"{base}all/enterprises/ip/", f"{base}all/enterprises/ip/?page=1800"]
    client.get("/")  # the first request of a process loads templates and URL modules: not the page's cost
    total_bytes = total_ms = 0.0
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url, HTTP_HX_REQUEST="true" if url != base else "")
            ms = (time.perf_counter() - started) * 1000
        size = len(response.content)
        total_bytes += size
        total_ms += ms
        kb = size / 1024
        say(f"{response.status_code} {url:55s} {kb:9.1f} KB {ms:8.1f} ms {len(queries):4d} queries\n")
    say(f"all of the above: {total_bytes / 1024 / 1024:.2f} MB, {total_ms / 1000:.2f} s\n")
    table = IPRecord._meta.db_table
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table} WHERE enterprise_id = %s", [enterprise.pk])  # noqa: S608
        cursor.execute(
            f"SELECT * FROM {table} WHERE enterprise_id = %s ORDER BY id LIMIT 50",  # noqa: S608
            [enterprise.pk],
        )
        cursor.fetchall()
    anchor_ms = (time.perf_counter() - started) * 1000
    say(f"anchor: IP records counted and 50 read by raw SQL: {anchor_ms:.1f} ms;")
    say(f" ratio of all of the above to it: {total_ms / anchor_ms:.0f}×\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ip", type=int, default=90_000)
    parser.add_argument("--rows", type=int, default=200)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    open_database("bench_enterprise_page", fresh=not args.keep)
    from innoladder.enterprises.models import Enterprise

    if not Enterprise.objects.filter(uscc=USCC).exists():
        started = time.perf_counter()
        fill(args.ip, args.rows)
        say(f"filled in {time.perf_counter() - started:.1f} s\n")
    measure()


if __name__ == "__main__":
    main()
