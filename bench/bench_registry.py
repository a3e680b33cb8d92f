"""Benchmark of the enterprise registry at scale: list and detail pages at 100,000 enterprises.

Fills its own SQLite database (var/bench/registry.sqlite3) through `manage.py generate_demo`, then times
the filtered, paginated list page and the detail page through Django's test client as a logged-in park
officer, and prints p50/p95 in milliseconds. Target: p95 ≤ 150 ms on SQLite on a 2-core machine.

The detail page answers with the registry's own sections; each module's section and the timeline load
into it as fragments. The benchmark times the page, every fragment, and the whole: page plus all its
fragments one after the other, i.e. the server time to fill one enterprise's page completely. The anchor,
measured in the same run: one page of 50 of the park's enterprises read by raw SQL; each scenario's p50 is
printed as a ratio to it. PostgreSQL when DATABASE_URL is set.

    .venv/bin/python bench/bench_registry.py [--enterprises 100000] [--runs 40] [--fresh]

The database is kept between runs (filling takes minutes); --fresh rebuilds it.
"""

import os
import random
import statistics
import sys
import time

from benchdb import as_a_site_runs, bench_officer, fill, open_database, page_arguments, percentile, raw_page


def main() -> int:
    args = page_arguments(__doc__, runs=40)

    open_database("registry", fresh=args.fresh)
    from django.conf import settings
    from django.test import Client

    from innoladder.enterprises.models import Enterprise, Park

    out = sys.stdout
    have = fill(args.enterprises, out)
    as_a_site_runs()
    park = Park.objects.get(name="格尔木工业园")
    officer = bench_officer(park)

    # Not setup_test_environment(): it instruments every template render (copies each context for
    # response.context), which costs more than the page itself on the detail page with its many panels.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(officer)
    rng = random.Random(7)
    ids = list(Enterprise.objects.filter(park=park).values_list("pk", flat=True)[:: max(1, have // 500 or 1)])

    def list_urls():
        page = rng.randint(1, 40)
        return rng.choice(
            (
                f"/enterprises/?page={page}",
                f"/enterprises/?status=active&pool=tier1&page={page}",
                f"/enterprises/?tech_field=4&sort=-registered_on&page={page}",
                f"/enterprises/?industry=C26&status=active&sort=name&page={page}",
                "/enterprises/?q=锂业&status=active",
                "/enterprises/?tag=新能源&sort=-updated_at",
                f"/enterprises/?sub_zone=察尔汗盐湖工业园&pool=reserve&page={page}",
            )
        )

    from innoladder.core import enterprise_page

    sections = enterprise_page.section_labels()
    scenarios = {
        "list (filtered, paginated)": list_urls,
        "detail (一企一档)": lambda: f"/enterprises/{rng.choice(ids)}/",
    }
    # The anchor, in the same run: one page of 50 of the park's enterprises read by raw SQL.
    pages = max(1, min(40, Enterprise.objects.filter(park=park).count() // 50))
    anchor = []
    for _ in range(args.runs):
        started = time.perf_counter()
        raw_page(park.pk, rng.randint(1, pages), 50)
        anchor.append((time.perf_counter() - started) * 1000)
    out.write(f"enterprises in database: {Enterprise.objects.count()}\n")
    failed = False

    def get(url: str) -> tuple[float, float]:
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        return elapsed, (time.process_time() - cpu_started) * 1000

    def report(label: str, timings: list[float], cpu: list[float], slowest: str = "") -> float:
        p95 = percentile(timings, 0.95)
        note = f"  (slowest {slowest})" if slowest else ""
        p50 = statistics.median(timings)
        out.write(f"{label:30s} n={len(timings):3d}  p50={p50:7.1f} ms  p95={p95:7.1f} ms{note}\n")
        # CPU time of this process (SQLite runs in-process): the request's cost without the other load.
        load = os.getloadavg()[0]
        out.write(
            f"{'':30s} cpu p50={statistics.median(cpu):7.1f} ms  p95={percentile(cpu, 0.95):7.1f} ms"
            f"  (load average {load:.1f})\n"
        )
        return p95

    for label, make_url in scenarios.items():
        for _ in range(3):  # warm caches
            client.get(make_url())
        timings, cpu = [], []
        slowest = ("", 0.0)
        for _ in range(args.runs):
            url = make_url()
            elapsed, used = get(url)
            timings.append(elapsed)
            cpu.append(used)
            slowest = max(slowest, (url, elapsed), key=lambda x: x[1])
        failed |= report(label, timings, cpu, slowest[0]) > 150
        ratio = statistics.median(timings) / statistics.median(anchor)
        out.write(f"{'':30s} anchor: raw SQL read of a page of 50, p50={statistics.median(anchor):.2f} ms;")
        out.write(f" ratio (p50) {ratio:.0f}×\n")

    # Every fragment of the detail page, and the page filled completely (page + all fragments in series).
    parts = {label: f"sections/{label}/" for label in sections} | {"timeline": "timeline/"}
    part_times: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in ("page", *parts)}
    whole, whole_cpu = [], []
    for _ in range(args.runs):
        pk = rng.choice(ids)
        total = total_cpu = 0.0
        for name, suffix in (("page", ""), *parts.items()):
            elapsed, used = get(f"/enterprises/{pk}/{suffix}")
            part_times[name][0].append(elapsed)
            part_times[name][1].append(used)
            total += elapsed
            total_cpu += used
        whole.append(total)
        whole_cpu.append(total_cpu)
    out.write("detail page fragments (each loads separately into the page):\n")
    for name, (timings, cpu) in part_times.items():
        if name != "page":
            failed |= report(f"  {name}", timings, cpu) > 150
    report("detail page filled completely", whole, whole_cpu)
    out.write("target p95 ≤ 150 ms: " + ("NOT MET\n" if failed else "met\n"))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
