"""Benchmark: the enterprise list over HTTP, gunicorn with 2 workers, 8 concurrent clients, beside the Django
admin changelist of the same enterprises served by the same processes (the anchor).

Fills its own database (var/bench/list_http.sqlite3 through `manage.py generate_demo`, or the database of
DATABASE_URL when set), collects the static files, starts gunicorn (production settings: DEBUG off, the
cached template loader, the full middleware stack) with this module as its WSGI application, logs an officer
in through the real login form (a password set now, so the password-age policy lets every page through;
a second factor is not required for officers by default), then drives `--clients` keep-alive clients
(threads with http.client) for `--seconds` against:

  1. /enterprises/?page=N          the registry list page as the app serves it,
  2. /bench-admin/…/enterprise/?p=N  the Django admin changelist of the same park's enterprises
     (the anchor: the app's own admin at /sysadmin/ registers no enterprise and refuses business roles,
     so this module adds a plain AdminSite for the bench process only, with the app's middleware in
     front, opened by the same officer marked staff in the bench database).

The list page is kept whole per user and query (core.pagecache, docs/adr/0008-page-cache.md): every page
of the run is requested once before the measure, so the figures are those of kept pages, as a user paging
through the list again sees them until the next write. `--page-cache-seconds 0` turns the cache off in the
server and measures the render on every request.

Prints requests per second, p50/p95 latency, the workers' CPU per request (user + system time from /proc,
the figure a shared machine does not inflate) and the ratios list ÷ anchor. Target (issue 23): the list at
≥ 300 req/s and p95 ≤ 100 ms.

    .venv/bin/python bench/bench_list_http.py [--enterprises 5000] [--seconds 15] [--clients 8] [--fresh]
        [--page-cache-seconds 0]
"""

import argparse
import http.client
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from benchdb import say

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
DB_FILE = BENCH_DIR / "list_http.sqlite3"
STATIC_DIR = BENCH_DIR / "static"
PASSWORD = "Bench-list-Passw0rd!"
ADMIN_PREFIX = "bench-admin/"


# --- the WSGI application gunicorn imports (this module, in each worker) ------------------------------


def _bench_urlpatterns():
    """The app's URLs plus a plain admin site listing enterprises (the anchor), for the bench only."""
    from django.contrib import admin
    from django.urls import include, path

    from innoladder.enterprises.models import Enterprise

    class StaffAdminSite(admin.AdminSite):
        site_header = "bench"

    class EnterpriseAdmin(admin.ModelAdmin):
        list_display = ("name", "uscc", "park", "status", "updated_at")
        list_select_related = ("park",)
        list_per_page = 50
        ordering = ("name", "pk")

        def has_view_permission(self, request, obj=None):
            return request.user.is_active and request.user.is_staff

        has_module_permission = has_view_permission

        def get_queryset(self, request):
            # The same scoping as the list page: the officer's parks only.
            return super().get_queryset(request).filter(park__in=request.user.parks.all())

    site = StaffAdminSite(name="benchadmin")
    site.register(Enterprise, EnterpriseAdmin)
    return [path(ADMIN_PREFIX, site.urls), path("", include("innoladder.urls"))]


def _application():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innoladder.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    module = sys.modules[__name__]
    module.urlpatterns = _bench_urlpatterns()
    settings.ROOT_URLCONF = __name__
    return get_wsgi_application()


if __name__ != "__main__":
    application = _application()


# --- the driver --------------------------------------------------------------------------------------


def server_cpu_seconds(master: int) -> float:
    """User + system CPU seconds used so far by gunicorn's workers (the children of `master`), from /proc:
    the server's own cost per request, whatever else the shared machine is doing."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # a process that ended meanwhile
            continue
        if int(fields[1]) == master:  # ppid
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(enterprises: int) -> dict:
    """Migrate and fill the database, set up the officer, collect static files; the servers' environment."""
    env = os.environ.copy()
    env.setdefault("DATABASE_URL", f"sqlite:///{DB_FILE}")
    env.update(
        DJANGO_SETTINGS_MODULE="innoladder.settings",
        DJANGO_DEBUG="0",
        SECRET_KEY=env.get("SECRET_KEY") or "bench-" + secrets.token_urlsafe(40),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",  # plain HTTP on loopback; nginx terminates TLS in production
        STATIC_ROOT=str(STATIC_DIR),
        INNOLADDER_VAR_DIR=str(BENCH_DIR / "var"),
        PYTHONPATH=str(ROOT),
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--verbosity", "0"], env=env, check=True)
    subprocess.run([*manage, "collectstatic", "--noinput", "--verbosity", "0"], env=env, check=True)
    script = f"""
from innoladder.accounts.choices import Role
from innoladder.accounts.models import User
from innoladder.enterprises.models import Enterprise, Park
from django.core.management import call_command
have = Enterprise.objects.count()
if have < {enterprises}:
    call_command("generate_demo", enterprises={enterprises} - have, seed=2024, years=3)
park = Park.objects.get(name="格尔木工业园")
user, _ = User.objects.get_or_create(username="bench_list_officer", defaults={{"role": Role.OFFICER}})
user.set_password({PASSWORD!r})  # changed now: the password-age policy lets every page through
user.must_change_password = False
user.is_staff = True  # the bench database only: opens the anchor admin changelist
user.locked_until = None
user.save()
user.parks.set([park])
print(Enterprise.objects.filter(park=park).count())
"""
    out = subprocess.run(
        [*manage, "shell", "-c", script], env=env, check=True, capture_output=True, text=True
    )
    env["BENCH_ENTERPRISES"] = out.stdout.strip().splitlines()[-1]
    return env


class Client:
    """One keep-alive connection with its cookies (gunicorn's sync workers close after each answer;
    http.client then reconnects by itself)."""

    def __init__(self, port: int, cookies: dict | None = None):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies = dict(cookies or {})

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, dict, bytes]:
        headers = {"Host": "127.0.0.1", "Connection": "keep-alive"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            self.conn.close()
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
        data = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
        return response.status, dict(response.getheaders()), data


def login(port: int) -> dict:
    client = Client(port)
    status, _, page = client.request("GET", "/accounts/login/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if status != 200 or token is None:
        raise SystemExit(f"login page answered {status}")
    body = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token.group(1).decode(),
            "username": "bench_list_officer",
            "password": PASSWORD,
        }
    )
    status, headers, _ = client.request("POST", "/accounts/login/", body)
    if status != 302 or "sessionid" not in client.cookies:
        raise SystemExit(f"login failed: {status} {headers.get('Location', '')}")
    return client.cookies


def drive(
    port: int, cookies: dict, make_path, clients: int, seconds: float
) -> tuple[int, list[float], float]:
    """`clients` threads request make_path(i) back to back for `seconds`; (requests, latencies ms, wall s)."""
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors: list[str] = []
    stop = time.perf_counter() + seconds

    def run(slot: int) -> None:
        client = Client(port, cookies)
        n = slot
        while time.perf_counter() < stop:
            path = make_path(n)
            started = time.perf_counter()
            status, headers, _ = client.request("GET", path)
            latencies[slot].append((time.perf_counter() - started) * 1000)
            if status != 200:
                errors.append(f"{path} answered {status} {headers.get('Location', '')}")
                return
            n += clients

    started = time.perf_counter()
    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    if errors:
        raise SystemExit(errors[0])
    flat = [x for slot in latencies for x in slot]
    return len(flat), flat, wall


WRK_SCRIPT = r"""
local n = 0
local pages = tonumber(os.getenv("BENCH_PAGES"))
local template = os.getenv("BENCH_PATH")
request = function()
  n = n + 1
  return wrk.format(nil, string.format(template, n % pages + 1))
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %f %f %f %d %d\n", summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read, summary.errors.timeout))
end
"""


def drive_wrk(port: int, cookies: dict, template: str, pages: int, clients: int, seconds: float):
    """The same load through wrk (C, no GIL: the client takes less of the 2 CPUs): (req/s, p50, p95)."""
    script = BENCH_DIR / "list_http.lua"
    script.write_text(WRK_SCRIPT)
    cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
    out = subprocess.run(
        [
            "wrk",
            "--timeout",
            "30s",
            "-t",
            "2",
            "-c",
            str(clients),
            "-d",
            f"{seconds:.0f}s",
            "-s",
            str(script),
            "-H",
            f"Cookie: {cookie}",
            f"http://127.0.0.1:{port}/",
        ],
        env={**os.environ, "BENCH_PAGES": str(pages), "BENCH_PATH": template},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    requests, wall, p50, p95, errors, timeouts = out.split("RESULT", 1)[1].split()
    if int(errors):
        raise SystemExit(f"wrk saw {errors} failed requests on {template}:\n{out}")
    if int(timeouts):  # answers slower than wrk's timeout (a busy host): counted, not in the latencies
        say(f"  ({timeouts} requests took longer than 30 s)")
    return int(requests) / float(wall), float(p50), float(p95), int(requests)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=5000)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--client", choices=("auto", "wrk", "python"), default="auto")
    parser.add_argument("--fresh", action="store_true", help="rebuild the benchmark database")
    parser.add_argument(
        "--page-cache-seconds",
        type=int,
        default=None,
        help="the server's PAGE_CACHE_SECONDS (0: no page cache)",
    )
    args = parser.parse_args()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    if args.fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{DB_FILE}{suffix}").unlink(missing_ok=True)
    env = prepare(args.enterprises)
    if args.page_cache_seconds is not None:
        env["PAGE_CACHE_SECONDS"] = str(args.page_cache_seconds)
    pages = max(1, min(100, int(env["BENCH_ENTERPRISES"]) // 50))
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--workers",
            str(args.workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--chdir",
            str(ROOT / "bench"),
            "--log-level",
            "warning",
            "bench_list_http:application",
        ],
        env=env,
    )
    try:
        deadline = time.monotonic() + 180  # a busy shared host takes long to start the workers
        while time.monotonic() < deadline and server.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        cookies = login(port)
        scenarios = {
            "list page /enterprises/": "/enterprises/?page=%d",
            "anchor: Django admin changelist": f"/{ADMIN_PREFIX}enterprises/enterprise/?p=%d",
        }
        use_wrk = args.client == "wrk" or (args.client == "auto" and shutil.which("wrk"))
        say(
            f"gunicorn {args.workers} sync workers, {args.clients} concurrent clients "
            f"({'wrk' if use_wrk else 'python threads'}), {args.seconds:.0f} s each; "
            f"{env['BENCH_ENTERPRISES']} enterprises in the officer's park; {os.cpu_count()} CPUs; "
            f"database {env['DATABASE_URL'].split(':', 1)[0]}; "
            f"page cache {env.get('PAGE_CACHE_SECONDS', 'default')} s"
        )
        results = {}
        for label, template in scenarios.items():
            # Every page once (the list keeps each), then warm every worker, and check every answer is the
            # page (200, not a redirect to a login).
            first = Client(port, cookies)
            for n in range(pages):
                status, _, _ = first.request("GET", template % (n + 1))
                if status != 200:
                    raise SystemExit(f"{template % (n + 1)} answered {status}")
            drive(port, cookies, lambda n, t=template: t % (n % pages + 1), args.clients, 2)
            cpu_before = server_cpu_seconds(server.pid)
            if use_wrk:
                rate, p50, p95, count = drive_wrk(port, cookies, template, pages, args.clients, args.seconds)
            else:
                count, latencies, wall = drive(
                    port, cookies, lambda n, t=template: t % (n % pages + 1), args.clients, args.seconds
                )
                rate, p50, p95 = count / wall, statistics.median(latencies), percentile(latencies, 0.95)
            cpu_ms = (server_cpu_seconds(server.pid) - cpu_before) / count * 1000
            results[label] = (rate, cpu_ms)
            say(
                f"{label:34s} {rate:7.1f} req/s  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  "
                f"server CPU {cpu_ms:5.2f} ms/request  (n={count}, load average {os.getloadavg()[0]:.1f})"
            )
        (list_rate, list_cpu), (anchor_rate, anchor_cpu) = results.values()
        say(f"ratio list ÷ anchor: {list_rate / anchor_rate:.2f}× the admin changelist's throughput")
        cpus = min(args.workers, os.cpu_count() or 1)
        say(
            f"server CPU per request: list {list_cpu:.2f} ms, anchor {anchor_cpu:.2f} ms "
            f"(the list costs {list_cpu / anchor_cpu:.2f}× the anchor's CPU; at this cost {cpus} CPUs "
            f"given to the workers alone, no client, would serve at most {cpus * 1000 / list_cpu:.0f} "
            "list pages a second)"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
