"""Running assessments and storing them with the facts they used; comparing a re-run with the last one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from innoladder import eligibility as e
from innoladder.core import audit
from innoladder.core.models import AuditEvent
from innoladder.enterprises.models import Enterprise

from . import facts_loader
from . import serialize as s
from .models import Assessment, SchemeResult

BATCH = 1000


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


def _decimal(value: str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


def _build(
    enterprise_id: int,
    facts: e.EnterpriseFacts,
    on: dt.date,
    *,
    user,
    job,
    settings: e.Settings,
    is_demo: bool,
) -> tuple[Assessment, list[dict[str, Any]]]:
    results = e.assess(facts, on, settings)
    plan = e.next_step_plan(facts, results, on)
    assessment = Assessment(
        enterprise_id=enterprise_id,
        assessed_on=on,
        run_by=user if user is not None and user.is_authenticated else None,
        job=job,
        facts=s.facts_dict(facts),
        plan=s.plan_dict(plan),
        versions={r.ruleset_id: r.version for r in results},
        is_latest=True,
        is_demo=is_demo,
    )
    rows = []
    for result in results:
        data = s.result_dict(result)
        standing, met, total, failed = s.standing_of(data, s.held(facts, result.ruleset_id, on))
        low, high = result.score_range if result.score_range else (None, None)
        rows.append(
            {
                "enterprise_id": enterprise_id,
                "scheme": result.ruleset_id,
                "ruleset_version": result.version,
                "outcome": result.outcome,
                "standing": standing,
                "score": result.score,
                "score_low": low,
                "score_high": high,
                "met_count": result.met_count,
                "total_count": result.total_count,
                "conditions_met": met,
                "conditions_total": total,
                "unmet": failed,
                "is_latest": True,
                "result": data,
            }
        )
    return assessment, rows


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
    "is_latest",
    "result",
)


def _insert_results(rows: list[tuple[int, dict[str, Any]]]) -> None:
    """One multi-row INSERT per batch through the DB-API (portable SQL; a park batch writes ~6 rows per
    enterprise, and building model instances cost more than evaluating the rules)."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(name) for name in RESULT_COLUMNS)
    marks = ", ".join(["%s"] * len(RESULT_COLUMNS))
    # Only constant identifiers are interpolated; every value is a bound parameter.
    sql = f"INSERT INTO {quote(SchemeResult._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
    adapt = connection.ops.adapt_json_value
    params = [
        (
            assessment_id,
            *(row[name] for name in RESULT_COLUMNS[1:-1]),
            adapt(row["result"], s.CompactJSONEncoder),
        )
        for assessment_id, row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _store(pairs: list[tuple[Assessment, list[dict[str, Any]]]]) -> list[Assessment]:
    ids = [assessment.enterprise_id for assessment, _ in pairs]
    with transaction.atomic():
        Assessment.objects.filter(enterprise_id__in=ids, is_latest=True).update(is_latest=False)
        SchemeResult.objects.filter(enterprise_id__in=ids, is_latest=True).update(is_latest=False)
        created = Assessment.objects.bulk_create([assessment for assessment, _ in pairs])
        _insert_results([(assessment.pk, row) for assessment, rows in pairs for row in rows])
    return created


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
) -> dict[str, Any]:
    """Assess every enterprise of ``queryset`` on ``on`` and store the results, ``batch_size`` at a time.

    ``progress(done, total)`` is called after each stored batch. Returns counts per scheme and standing.
    """
    total = queryset.count()
    done = 0
    counts: dict[str, dict[str, int]] = {}
    for chunk in facts_loader.iter_facts(queryset, on, chunk=batch_size):
        pairs = [
            _build(pk, facts, on, user=user, job=job, settings=settings, is_demo=is_demo)
            for pk, facts in chunk
        ]
        _store(pairs)
        for _, rows in pairs:
            for row in rows:
                per_scheme = counts.setdefault(row["scheme"], {})
                per_scheme[row["standing"]] = per_scheme.get(row["standing"], 0) + 1
        done += len(chunk)
        if progress is not None:
            progress(done, total)
    audit.record(
        AuditEvent.CREATE,
        user=user if user is not None and user.is_authenticated else None,
        object_type="assessments.Assessment",
        object_repr=f"{on.isoformat()} 批量评估",
        changes={"assessed_on": on.isoformat(), "enterprises": done},
        message=f"批量评估 {done} 家企业（基准日 {on.isoformat()}）",
    )
    return {"enterprises": done, "counts": counts, "assessed_on": on.isoformat()}


def assess_enterprise(
    *, user, enterprise: Enterprise, on: dt.date | None = None, is_demo: bool = False
) -> Assessment:
    """Assess one enterprise on ``on`` (today by default) and store the result."""
    on = on or timezone.localdate()
    facts = facts_loader.load_facts(enterprise, on)
    with transaction.atomic():
        (assessment,) = _store(
            [_build(enterprise.pk, facts, on, user=user, job=None, settings=e.DEFAULT, is_demo=is_demo)]
        )
        audit.record(
            AuditEvent.CREATE,
            obj=assessment,
            user=user if user is not None and user.is_authenticated else None,
            changes={"after": {"assessed_on": on.isoformat(), "versions": assessment.versions}},
            message=f"评估「{enterprise.name}」（基准日 {on.isoformat()}）",
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
    return {row.scheme: row.result for row in assessment.scheme_results.all()}


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
