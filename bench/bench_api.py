"""Benchmark of the REST API at scale: `GET /api/v1/enterprises/` pages of 100 at 100,000 enterprises.

Fills its own SQLite database (var/bench/api.sqlite3) through `manage.py generate_demo` as
bench/bench_registry.py does (or uses DATABASE_URL, e.g. PostgreSQL, when it is set), issues a token to a
park officer, and times single requests through Django's test client: the API page of 100 rows (token
authentication, rate-limit counter, scope, filters, count, serialisation, audit entry) against two
anchors measured in the same run: the same 100 rows read by raw SQL, and the web list page (50 rows) of
the same query. Prints p50/p95 in milliseconds and the ratios. Target: API p95 ≤ 100 ms.

    .venv/bin/python bench/bench_api.py [--enterprises 100000] [--runs 60] [--fresh]
"""

import os
import random
import statistics
import sys
import time

from benchdb import as_a_site_runs, bench_officer, fill, open_database, page_arguments, percentile, raw_page

TARGET_MS = 100


def main() -> int:
    args = page_arguments(__doc__, runs=60)

    open_database("api", fresh=args.fresh)
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from innoladder.api import services
    from innoladder.enterprises.models import Enterprise, Park

    out = sys.stdout
    fill(args.enterprises, out)
    as_a_site_runs()
    park = Park.objects.get(name="格尔木工业园")
    officer = bench_officer(park)
    officer.api_tokens.all().delete()
    _, token = services.token_issue(user=officer, name="bench", days=1, second_factor_verified=True)
    # The benchmark measures single requests, not the rate limit.
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"token": "1000000/min"}}
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    web = Client()
    web.force_login(officer)
    in_park = Enterprise.objects.filter(park=park).count()
    pages = max(1, min(40, in_park // 100))
    rng = random.Random(7)

    def raw(page: int) -> None:
        raw_page(park.pk, page, 100)

    def get(client, url: str) -> None:
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")

    scenarios = {
        "API page of 100": lambda page: get(api, f"/api/v1/enterprises/?park={park.pk}&page={page}"),
        "raw SQL read of the same 100 rows": raw,
        "web list page (50 rows)": lambda page: get(web, f"/enterprises/?park={park.pk}&page={page}"),
        "API page of 100, filtered": lambda page: get(
            api, f"/api/v1/enterprises/?status=active&tech_field=4&sort=-registered_on&page={min(page, 3)}"
        ),
    }
    out.write(
        f"database: {connection.vendor}; enterprises: {Enterprise.objects.count()}, in the park {in_park}\n"
    )
    p95s = {}
    for label, run in scenarios.items():
        for _ in range(3):  # warm caches
            run(rng.randint(1, pages))
        timings, cpu = [], []
        for _ in range(args.runs):
            page = rng.randint(1, pages)
            started, cpu_started = time.perf_counter(), time.process_time()
            run(page)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
        p95s[label] = percentile(timings, 0.95)
        p50 = statistics.median(timings)
        out.write(f"{label:36s} n={len(timings):3d}  p50={p50:7.1f} ms  p95={p95s[label]:7.1f} ms\n")
        # CPU time of this process (SQLite runs in-process): the request's own cost without the other load.
        cpu50, cpu95 = statistics.median(cpu), percentile(cpu, 0.95)
        out.write(f"{'':36s} cpu p50={cpu50:7.1f} ms  p95={cpu95:7.1f} ms\n")
    api_p95 = p95s["API page of 100"]
    out.write(f"ratio API / raw SQL (p95): {api_p95 / p95s['raw SQL read of the same 100 rows']:.1f}×\n")
    out.write(f"ratio API / web list page (p95): {api_p95 / p95s['web list page (50 rows)']:.2f}×\n")
    out.write(f"load average {os.getloadavg()[0]:.1f}\n")
    met = max(api_p95, p95s["API page of 100, filtered"]) <= TARGET_MS
    out.write(f"target API p95 ≤ {TARGET_MS} ms: {'met' if met else 'NOT MET'}\n")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
