"""Running assessments and storing them with the facts they used; comparing a re-run with the last one."""

from __future__ import annotations

import ctypes
import datetime as dt
import gc
import multiprocessing
import os
import signal
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings as django_settings
from django.db import connections, transaction
from django.utils import timezone

from innoladder import eligibility as e
from innoladder.core import audit
from innoladder.core.models import AuditEvent
from innoladder.core.services import acting_user
from innoladder.enterprises.models import Enterprise
from innoladder.ruletables.engine import with_tables

from . import facts_loader, snapshots, store
from . import serialize as s
from .models import Assessment

BATCH = 1000
ID_SLICE = 20_000
PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies


@dataclass(frozen=True)
class Change:
    """One difference between two assessments of the same enterprise, in words."""

    scheme: str
    name_zh: str
    kind: str
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Reassessment:
    """The new assessment, the one it replaced and the changes; iterating gives the changes."""

    assessment: Assessment
    previous: Assessment | None
    changes: tuple[Change, ...]

    def __iter__(self):
        return iter(self.changes)

    def __len__(self) -> int:
        return len(self.changes)


def _user_id(user) -> int | None:
    actor = acting_user(user)
    return actor.pk if actor is not None else None


@dataclass(frozen=True)
class Run:
    """What every assessment of one run shares (plain values: it is sent to the worker processes)."""

    on: dt.date
    run_by_id: int | None
    job_id: Any  # core.Job's primary key (a UUID) or None
    settings: e.Settings
    is_demo: bool
    # The user's explicit choice of an earlier fiscal year to read (None: each rule's own year).
    data_year: int | None = None

    def rulesets(self) -> list[e.RuleSet]:
        """The version of each scheme in force on the date, in ladder order (as ``e.assess``)."""
        # An administrator's rule table in force on the date replaces a tier's built-in rules (ruletables).
        return with_tables(list(e.in_force(self.on)), self.on)

    def verdicts(self, facts: e.EnterpriseFacts) -> tuple[e.Verdict, ...]:
        """What is stored of each rule set's result: the engine's verdict path (no criteria built)."""
        return e.verdicts(facts, self.on, self.settings, self.data_year, self.rulesets())


@contextmanager
def _gc_paused():
    """No cyclic garbage collection while a chunk is evaluated: the engine allocates ~100 small objects
    per enterprise and rule set, none in a cycle, and the collector's passes over them cost ~30% of the
    evaluation. Collection resumes (and catches up) when the chunk is done."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


PHASES = ("read", "engine", "prepare", "store")


def evaluate(run: Run, rulesets: list[e.RuleSet], facts: e.EnterpriseFacts) -> tuple[e.Verdict, ...]:
    """The verdict of every rule set of the run on one enterprise's facts (the engine's share of a batch):
    a batch stores verdicts and counts, never the criteria, so the explanations are not built."""
    return e.verdicts(facts, run.on, run.settings, run.data_year, rulesets)


def assess_chunk_timed(run: Run, ids: list[int]) -> tuple[int, dict[str, dict[str, int]], dict[str, float]]:
    """Load, evaluate and store the enterprises ``ids`` (one chunk).

    Returns the count, the counts per scheme and standing, and the seconds spent per phase (reading
    the facts, the engine, preparing the rows, storing them), so a batch can say what is engine and
    what is input/output.
    """
    clock = time.perf_counter
    started = clock()
    rulesets = run.rulesets()
    with _gc_paused():
        loaded = facts_loader.facts_for_ids(ids, run.on)
        read = clock()
        evaluated = [(pk, facts, evaluate(run, rulesets, facts)) for pk, facts in loaded]
        engine = clock()
        prepared = [store.prepare(run.on, pk, facts, results) for pk, facts, results in evaluated]
        # Freed while the collector is off: the objects go by reference counting, and the collection
        # that resumes with it finds only the prepared rows instead of walking every result object.
        del loaded, evaluated
    ready = clock()
    counts = store.write(run, prepared)[1] if prepared else {}
    seconds = dict(zip(PHASES, (read - started, engine - read, ready - engine, clock() - ready), strict=True))
    return len(prepared), counts, seconds


def assess_chunk(run: Run, ids: list[int]) -> tuple[int, dict[str, dict[str, int]]]:
    """Load, evaluate and store the enterprises ``ids`` (one chunk); returns (count, counts per scheme)."""
    count, counts, _ = assess_chunk_timed(run, ids)
    return count, counts


def _merge(total: dict[str, dict[str, int]], part: dict[str, dict[str, int]]) -> None:
    for scheme, standings in part.items():
        per_scheme = total.setdefault(scheme, {})
        for standing, count in standings.items():
            per_scheme[standing] = per_scheme.get(standing, 0) + count


def default_workers() -> int:
    """Processes for a park-wide batch: ``ASSESSMENT_WORKERS`` if set, else the CPU count (at most 4)."""
    configured = getattr(django_settings, "ASSESSMENT_WORKERS", None)
    if configured:
        return max(1, int(configured))
    return max(1, min(4, os.cpu_count() or 1))


def may_fork() -> bool:
    """Worker processes need their own connections to a shared database and no open transaction.

    Inside a transaction (the test suite, an atomic job) the children could not see its rows, and an
    in-memory SQLite database is private to its process: those run in this process.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    for alias in connections:
        conn = connections[alias]
        if conn.in_atomic_block:
            return False
        if conn.vendor == "sqlite" and conn.is_in_memory_db():
            return False
    return True


def _child_start(parent: int) -> None:
    """A worker process ends on SIGTERM (``Pool.terminate``) even when the parent (e.g. the task
    worker) installed its own graceful-shutdown handler, which the fork would otherwise inherit.

    It also dies with its parent: a task worker killed outright (``kill -9``) has its job marked
    interrupted (core.jobs), and a pool process left behind would store its chunk after that (Linux:
    PR_SET_PDEATHSIG; elsewhere it ends when its task queue closes, after the chunk in hand)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _chunk_in_child(args: tuple[Run, list[int]]):
    return assess_chunk_timed(*args)


def _run_chunks(run: Run, chunks: list[list[int]], workers: int):
    """Yield (count, counts, seconds) per stored chunk, here or in ``workers`` forked processes."""
    if workers <= 1 or len(chunks) <= 1 or not may_fork():
        for chunk in chunks:
            yield assess_chunk_timed(run, chunk)
        return
    # Each child opens its own connection: none may be inherited open across fork.
    connections.close_all()
    processes = min(workers, len(chunks))
    with multiprocessing.get_context("fork").Pool(processes, _child_start, (os.getpid(),)) as pool:
        yield from pool.imap_unordered(_chunk_in_child, [(run, chunk) for chunk in chunks])
        pool.close()
        pool.join()


def assess_many(
    *,
    user,
    queryset,
    on: dt.date,
    progress: Callable[[int, int], None] | None = None,
    job=None,
    settings: e.Settings = e.DEFAULT,
    is_demo: bool = False,
    batch_size: int = BATCH,
    workers: int = 1,
) -> dict[str, Any]:
    """Assess every enterprise of ``queryset`` on ``on`` and store the results, ``batch_size`` at a time.

    Each chunk is loaded with one query per table, evaluated and stored in its own transaction;
    with ``workers`` > 1 (and no open transaction) the chunks run in that many forked processes.
    ``progress(done, total)`` is called after each stored chunk. Returns counts per scheme and standing,
    and the seconds the chunks spent per phase (summed over the processes: read, engine, prepare, store).
    """
    # A server-side cursor on PostgreSQL: a million ids arrive in slices, not in one result set.
    ids = list(queryset.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=ID_SLICE))
    total = len(ids)
    run = Run(
        on=on,
        run_by_id=_user_id(user),
        job_id=job.pk if job is not None else None,
        settings=settings,
        is_demo=is_demo,
    )
    chunks = [ids[start : start + batch_size] for start in range(0, total, batch_size)]
    del ids
    done = 0
    counts: dict[str, dict[str, int]] = {}
    seconds = dict.fromkeys(PHASES, 0.0)
    for count, part, spent in _run_chunks(run, chunks, workers):
        _merge(counts, part)
        for phase, value in spent.items():
            seconds[phase] += value
        done += count
        if progress is not None:
            progress(done, total)
    audit.record(
        AuditEvent.CREATE,
        user=acting_user(user),
        object_type="assessments.Assessment",
        object_repr=f"{on.isoformat()} 批量评估",
        changes={"assessed_on": on.isoformat(), "enterprises": done},
        message=f"批量评估 {done} 家企业（基准日 {on.isoformat()}）",
    )
    return {
        "enterprises": done,
        "counts": counts,
        "assessed_on": on.isoformat(),
        "seconds": {phase: round(value, 3) for phase, value in seconds.items()},
    }


class DataYearChoiceError(ValueError):
    """The chosen data year cannot be used (later than the rules' year, or no figures for it)."""


def assess_enterprise(
    *,
    user,
    enterprise: Enterprise,
    on: dt.date | None = None,
    is_demo: bool = False,
    data_year: int | None = None,
) -> Assessment:
    """Assess one enterprise on ``on`` (today by default) and store the result.

    ``data_year``: the user's explicit choice to read an earlier fiscal year with figures instead of
    the year each rule prescribes on ``on`` (offered when that year has none); it is stored with the
    assessment and stated beside every verdict. A year without figures is refused
    (``DataYearChoiceError``) and nothing is stored.
    """
    on = on or timezone.localdate()
    run = Run(
        on=on,
        run_by_id=_user_id(user),
        job_id=None,
        settings=e.DEFAULT,
        is_demo=is_demo,
        data_year=data_year,
    )
    facts = facts_loader.load_facts(enterprise, on)
    if data_year is not None:
        try:
            e.check_data_year(facts, on, data_year)
        except e.DataYearError as error:
            raise DataYearChoiceError(str(error)) from error
    results = run.verdicts(facts)
    after: dict[str, Any] = {"assessed_on": on.isoformat()}
    message = f"评估「{enterprise.name}」（基准日 {on.isoformat()}）"
    if data_year is not None:
        after["data_year"] = data_year
        message = (
            f"评估「{enterprise.name}」（基准日 {on.isoformat()}，按{data_year}年度数据：最近有数据的年度）"
        )
    with transaction.atomic():
        # One enterprise: plain INSERTs (COPY is for chunks); the batch stores the same rows.
        created, _ = store.write(run, [store.prepare(on, enterprise.pk, facts, results)], copy=False)
        assessment = Assessment.objects.select_related("run_by").get(pk=created[enterprise.pk])
        audit.record(
            AuditEvent.CREATE,
            obj=assessment,
            user=acting_user(user),
            changes={"after": {**after, "versions": assessment.versions}},
            message=message,
        )
    return assessment


def _groups(data: dict) -> dict[str, Decimal]:
    return {name: Decimal(low) for name, low, _top in data.get("group_scores", [])}


def _condition_names(data: dict, status: str) -> list[str]:
    return [item["name_zh"] for item in data["criteria"] if s.is_condition(item) and item["status"] == status]


def _fmt(points: Decimal) -> str:
    return f"{points.normalize():f}"


def compare_results(previous: dict[str, dict], current: dict[str, dict]) -> tuple[Change, ...]:
    """Changes per scheme between two sets of stored results (scheme id → result dict)."""
    changes: list[Change] = []
    for scheme, now in current.items():
        name = now["name_zh"]
        before = previous.get(scheme)
        if before is None:
            continue
        if now["outcome"] != before["outcome"]:
            if now["outcome"] == "eligible":
                text, kind = f"现已符合「{name}」认定条件", "now_eligible"
            elif before["outcome"] == "eligible":
                missing = "、".join(
                    _condition_names(now, "fail") or _condition_names(now, "insufficient_data")
                )
                text = f"不再符合「{name}」认定条件" + (f"：{missing}" if missing else "")
                kind = "no_longer_eligible"
            elif now["outcome"] == "insufficient_data":
                text, kind = f"「{name}」数据不足，无法判定", "data_missing"
            else:
                text, kind = f"「{name}」数据已补齐，结论为不符合", "data_completed"
            changes.append(Change(scheme, name, kind, text))
        old_groups, new_groups = _groups(before), _groups(now)
        for group, points in new_groups.items():
            delta = points - old_groups.get(group, points)
            if delta < 0:
                text = f"「{name}」在「{group}」上减少 {_fmt(-delta)} 分"
                changes.append(Change(scheme, name, "points_lost", text))
            elif delta > 0:
                text = f"「{name}」在「{group}」上增加 {_fmt(delta)} 分"
                changes.append(Change(scheme, name, "points_gained", text))
        newly_failed = set(_condition_names(now, "fail")) - set(_condition_names(before, "fail"))
        newly_met = set(_condition_names(now, "pass")) - set(_condition_names(before, "pass"))
        for criterion in sorted(newly_failed):
            changes.append(Change(scheme, name, "condition_failed", f"「{name}」新增未满足条件：{criterion}"))
        for criterion in sorted(newly_met):
            changes.append(Change(scheme, name, "condition_met", f"「{name}」新满足条件：{criterion}"))
    return tuple(changes)


def results_by_scheme(assessment: Assessment) -> dict[str, dict]:
    """Scheme id → result dict of a stored assessment, re-explained from its snapshot (``snapshots``)."""
    rows = sorted(assessment.scheme_results.all(), key=lambda row: row.pk)
    explained = snapshots.explain(assessment, rows)
    return {
        row.scheme: s.result_dict(explained.results[row.pk]) for row in rows if row.pk in explained.results
    }


def reassess_enterprise(enterprise: Enterprise, on: dt.date | None = None, user=None) -> Reassessment:
    """Re-run the assessment (e.g. after annual data was accepted) and say what changed per scheme.

    Returns the new assessment, the one it replaces (None the first time) and the changes, e.g.
    "现已符合「高新技术企业」认定条件" or "「创新型中小企业」在「成长性」上减少 3 分".
    """
    previous = (
        Assessment.objects.filter(enterprise=enterprise, is_latest=True)
        .prefetch_related("scheme_results")
        .first()
    )
    before = results_by_scheme(previous) if previous is not None else {}
    assessment = assess_enterprise(user=user, enterprise=enterprise, on=on)
    after = results_by_scheme(assessment)
    return Reassessment(assessment, previous, compare_results(before, after))
