"""The job worker: django-tasks' `db_worker`, plus a ticker thread that recovers the jobs of dead workers
and enqueues the periodic runs that are due (core.schedule). Run one or more; each periodic run is
enqueued once whatever their number."""

import logging
import os
import threading

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from innoladder.core import schedule

logger = logging.getLogger("innoladder.worker")


class Ticker:
    """Calls schedule.tick() at once and then every `seconds`, from its own thread and connection."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="worker-ticker", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stopped.set()

    def _loop(self) -> None:
        try:
            while True:
                self.tick_once()
                if self.stopped.wait(self.seconds):
                    return
        finally:
            connection.close()

    def tick_once(self) -> None:
        close_old_connections()
        try:
            outcome = schedule.tick()
        except DatabaseError:
            # A busy SQLite database or a lost connection: the next tick tries again.
            logger.warning("worker tick failed", exc_info=True)
            return
        if outcome["recovered"] or outcome["started"]:
            logger.info(
                "worker tick: recovered jobs %s, started %s", outcome["recovered"], outcome["started"]
            )


class Command(db_worker.Command):
    help = "运行后台任务进程：执行排队的任务，按时启动定时任务（如每日到期提醒），并收回已停止进程的任务"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--tick",
            type=float,
            default=None,
            help="检查定时任务与中断任务的间隔秒数（默认 WORKER_TICK_SECONDS）",
        )

    def handle(self, *args, **options):
        seconds = options.pop("tick") or settings.WORKER_TICK_SECONDS
        # With --reload the parent process only watches files; the worker is its child.
        watching = (
            options["reload"] and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true" and not options["batch"]
        )
        if not watching:
            Ticker(max(1.0, seconds)).start()
        super().handle(*args, **options)
