"""A real `manage.py run_worker` process on the test database, for tests that kill workers (transactional
tests only: the worker must see what the test committed)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]


def database_url() -> str:
    """The test database (not the configured one) as a DATABASE_URL."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    if connection.vendor == "postgresql":
        auth = quote(db["USER"] or "", safe="")
        if db.get("PASSWORD"):
            auth += ":" + quote(db["PASSWORD"], safe="")
        host = quote(db.get("HOST") or "", safe="")
        port = f":{db['PORT']}" if db.get("PORT") else ""
        return f"postgres://{auth}@{host}{port}/{db['NAME']}"
    raise RuntimeError(f"worker tests run on SQLite or PostgreSQL, not {connection.vendor}")


class Worker:
    """One worker process with a short lease and tick, so that recovery happens within seconds."""

    def __init__(self, log: Path, *, lease: int = 2, assessment_workers: int = 2):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "innoladder.settings",
            "DATABASE_URL": database_url(),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "JOB_LEASE_SECONDS": str(lease),
            "ASSESSMENT_WORKERS": str(assessment_workers),
            "CONN_MAX_AGE": "0",
        }
        self.log = log
        self._log_file = log.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", "--interval", "0.1", "--tick", "1"]
            + ["--no-reload", "--no-startup-delay"],
            cwd=ROOT,
            env=env,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )

    @property
    def pid(self) -> int:
        return self.process.pid

    def children(self) -> list[int]:
        """Processes this worker forked (a batch assessment's pool)."""
        found = []
        for task in Path(f"/proc/{self.pid}/task").glob("*"):
            text = (task / "children").read_text() if (task / "children").exists() else ""
            found.extend(int(pid) for pid in text.split())
        return found

    def kill(self) -> None:
        """What `kill -9 <pid>` does: the worker (not its process group) dies at once."""
        os.kill(self.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self._log_file.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if not self._log_file.closed:
            self._log_file.close()

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def alive(pid: int) -> bool:
    """Whether a process exists and is not a zombie waiting for its parent."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


def wait_for(condition, *, timeout: float, what: str, worker: Worker | None = None, interval: float = 0.05):
    """Poll `condition()` until it returns something true; fail after `timeout` seconds saying `what` was
    awaited (and what `worker` wrote)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    log = f"\n{worker.output()}" if worker is not None else ""
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}{log}")
