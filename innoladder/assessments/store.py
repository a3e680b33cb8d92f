"""Storing assessments in bulk: one assessment row per enterprise, one verdict row per scheme.

On PostgreSQL a chunk goes in through COPY: the assessment ids are drawn from their sequence first,
so the verdict rows name their assessment without reading it back, and the server parses two
streams instead of planning and executing ~7 statements per enterprise (COPY made the write of a
chunk ~10x cheaper than executemany). Elsewhere (SQLite) the same rows go in through executemany
INSERTs, which the sqlite3 module runs in C. Either way the rows are the same, in one transaction
per chunk.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from innoladder import eligibility as e

from . import facts_loader, snapshots
from . import serialize as s
from .models import Assessment, SchemeResult

ASSESSMENT_COLUMNS = (
    "enterprise_id",
    "assessed_on",
    "run_by_id",
    "job_id",
    "facts",
    "versions",
    "settings",
    "data_year",
    "is_latest",
    "is_demo",
    "created_at",
)
RESULT_COLUMNS = (
    "assessment_id",
    "enterprise_id",
    "scheme",
    "ruleset_version",
    "outcome",
    "standing",
    "score",
    "score_low",
    "score_high",
    "met_count",
    "total_count",
    "conditions_met",
    "conditions_total",
    "unmet",
    "data_year",
    "data_year_fallback",
    "data_year_missing",
    "is_latest",
)
SCHEME, STANDING = 1, 4  # positions in a prepared verdict row (RESULT_COLUMNS without assessment_id)


@dataclass
class Prepared:
    """One enterprise's assessment, ready to insert: the engine's objects are not kept alive."""

    enterprise_id: int
    facts_json: str
    versions: tuple[tuple[str, str], ...]
    rows: list[tuple]  # RESULT_COLUMNS without assessment_id


def to_json(value: Any) -> str:
    """The stored JSON text (what JSONField writes with the compact encoder on every backend)."""
    return json.dumps(value, cls=s.CompactJSONEncoder)


def prepare(on, enterprise_id: int, facts: e.EnterpriseFacts, results: tuple[e.Verdict, ...]) -> Prepared:
    """The rows of one enterprise's assessment on ``on`` from the engine's verdicts (``e.verdicts``)."""
    rows = []
    for result in results:
        standing, met, total, failed = s.verdict(result, s.held(facts, result.ruleset_id, on))
        low, high = result.score_range if result.score_range else (None, None)
        rows.append(
            (
                enterprise_id,
                result.ruleset_id,
                result.version,
                result.outcome,
                standing,
                result.score,
                low,
                high,
                result.met_count,
                result.total_count,
                met,
                total,
                failed,
                result.data_year,
                result.data_year_fallback and result.data_year is not None,
                result.data_year_missing,
                True,
            )
        )
    versions = tuple((result.ruleset_id, result.version) for result in results)
    return Prepared(enterprise_id, s.snapshot_json(facts), versions, rows)


def _insert_sql(model, columns: tuple[str, ...]) -> str:
    quote = connection.ops.quote_name
    names = ", ".join(quote(name) for name in columns)
    marks = ", ".join(["%s"] * len(columns))
    # Only constant identifiers are interpolated; every value is a bound parameter.
    return f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({marks})"  # noqa: S608


def _copy(model, columns: tuple[str, ...], rows: list[tuple]) -> None:
    quote = connection.ops.quote_name
    sql = f"COPY {quote(model._meta.db_table)} ({', '.join(quote(name) for name in columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def _fast_compression() -> None:
    """lz4 instead of pglz for the values this transaction stores compressed (PostgreSQL 14+ built with
    lz4; elsewhere nothing changes). A facts snapshot is ~2 KB, just over the size at which PostgreSQL
    compresses a row: pglz cost ~25 µs of server CPU per enterprise, a sixth of storing it. Reading
    a value back is the same either way (each value records its method)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('default_toast_compression', 'lz4', true) WHERE EXISTS (SELECT 1"
            " FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals))"
        )


def _next_ids(model, count: int) -> list[int]:
    """``count`` new primary keys from the table's own sequence (PostgreSQL)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def write(run, prepared: list[Prepared], *, copy: bool | None = None):
    """Store one assessment per enterprise and one verdict row per scheme, in one transaction.

    The earlier assessments of these enterprises stop being the latest. ``copy``: COPY instead of
    INSERT (default: on PostgreSQL). The facts snapshot is the only per-enterprise JSON; versions and
    settings are the same for the whole chunk and are encoded once. Returns the new assessment id per
    enterprise id, and counts per scheme and standing.
    """
    if copy is None:
        copy = connection.vendor == "postgresql"
    ops = connection.ops
    on = ops.adapt_datefield_value(run.on)
    created_at = ops.adapt_datetimefield_value(timezone.now())
    settings_json = to_json(snapshots.settings_snapshot(run.settings))
    job_id = Assessment._meta.get_field("job").get_db_prep_save(run.job_id, connection)
    versions_json: dict[tuple[tuple[str, str], ...], str] = {}
    assessments = []
    for item in prepared:
        if item.versions not in versions_json:
            versions_json[item.versions] = to_json(dict(item.versions))
        assessments.append(
            (
                item.enterprise_id,
                on,
                run.run_by_id,
                job_id,
                item.facts_json,
                versions_json[item.versions],
                settings_json,
                run.data_year,
                True,
                run.is_demo,
                created_at,
            )
        )
    of_chunk = facts_loader.id_filter("enterprise_id", [item.enterprise_id for item in prepared])
    with transaction.atomic():
        Assessment.objects.filter(of_chunk, is_latest=True).update(is_latest=False)
        SchemeResult.objects.filter(of_chunk, is_latest=True).update(is_latest=False)
        if copy:
            _fast_compression()
            ids = _next_ids(Assessment, len(assessments))
            _copy(
                Assessment,
                ("id", *ASSESSMENT_COLUMNS),
                [(pk, *row) for pk, row in zip(ids, assessments, strict=True)],
            )
            created = {item.enterprise_id: pk for item, pk in zip(prepared, ids, strict=True)}
        else:
            with connection.cursor() as cursor:
                cursor.executemany(_insert_sql(Assessment, ASSESSMENT_COLUMNS), assessments)
            created = dict(
                Assessment.objects.filter(of_chunk, is_latest=True).values_list("enterprise_id", "pk")
            )
        rows = [(created[item.enterprise_id], *row) for item in prepared for row in item.rows]
        if copy:
            _copy(SchemeResult, RESULT_COLUMNS, rows)
        else:
            with connection.cursor() as cursor:
                cursor.executemany(_insert_sql(SchemeResult, RESULT_COLUMNS), rows)
    counts: dict[str, dict[str, int]] = {}
    for item in prepared:
        for row in item.rows:
            per_scheme = counts.setdefault(row[SCHEME], {})
            per_scheme[row[STANDING]] = per_scheme.get(row[STANDING], 0) + 1
    return created, counts
