"""Rule tables as rule sets: what assessments use for a tier on a date when an administrator's table is
in force, and how a stored result names (and finds again) the table revision it used."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from innoladder import eligibility as e
from innoladder.eligibility import tables as t
from innoladder.eligibility.rulesets._common import RuleSetInfo

from .models import RuleTable, RuleTableRevision
from .tiers import TIER_NAMES

PREFIX = "ruletable"


def version_of(table_id: int, number: int) -> str:
    """The version a result stores, e.g. "ruletable:3:2" (internal: never shown to users)."""
    return f"{PREFIX}:{table_id}:{number}"


def parse_version(version: str) -> tuple[int, int] | None:
    parts = version.split(":")
    if len(parts) != 3 or parts[0] != PREFIX or not parts[1].isdigit() or not parts[2].isdigit():
        return None
    return int(parts[1]), int(parts[2])


def revision_data(table: RuleTable, conditions) -> dict:
    """What a revision keeps: everything evaluation and explanation need, as plain JSON."""
    return {
        "tier": table.tier,
        "title": table.title,
        "source": table.source,
        "source_url": table.source_url,
        "effective_from": table.effective_from.isoformat(),
        "effective_to": table.effective_to.isoformat() if table.effective_to else None,
        "conditions": [
            {
                "metric": c.metric,
                "window": c.window,
                "operator": c.operator,
                "threshold": str(c.threshold),
                "clause": c.clause,
            }
            for c in conditions
        ],
    }


def attribution(revision: RuleTableRevision) -> str:
    title, who, when = (
        revision.data["title"],
        revision.entered_by_name,
        timezone.localtime(revision.entered_at),
    )
    return f"「{title}」第{revision.number}版，{who} 于 {when:%Y-%m-%d} 录入"


def table_of(revision: RuleTableRevision) -> t.Table:
    data = revision.data
    return t.Table(
        scheme=data["tier"],
        version=version_of(revision.table_id, revision.number),
        name_zh=TIER_NAMES[data["tier"]],
        basis=f"管理员录入的规则表「{data['title']}」，依据：{data['source']}",
        effective_from=dt.date.fromisoformat(data["effective_from"]),
        effective_to=dt.date.fromisoformat(data["effective_to"]) if data["effective_to"] else None,
        conditions=tuple(
            t.Condition(c["metric"], c["window"], c["operator"], Decimal(c["threshold"]), c.get("clause", ""))
            for c in data["conditions"]
        ),
        attribution=attribution(revision),
    )


@dataclass(frozen=True)
class TableEvaluator:
    """``evaluate(facts, on, settings, data_year=None)`` of one table revision (the engine's signature)."""

    table: t.Table

    def __call__(
        self, facts: e.EnterpriseFacts, on: dt.date, settings: e.Settings, data_year: int | None = None
    ) -> e.RuleSetResult:
        return t.evaluate_table(self.table, facts, on, data_year)


def ruleset_of(revision: RuleTableRevision) -> e.RuleSet:
    table = table_of(revision)
    return e.RuleSet(RuleSetInfo(*table.identity(), score_max=None), TableEvaluator(table))


def in_force(on: dt.date) -> dict[str, e.RuleSet]:
    """Tier → the rule set of its enabled table in force on ``on`` (its latest revision)."""
    tables = (
        RuleTable.objects.filter(is_published=True, effective_from__lte=on, revision__gt=0)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .order_by("tier", "-effective_from", "-pk")
    )
    latest = {table.pk: (table.tier, table.revision) for table in tables}
    if not latest:
        return {}
    wanted = Q()
    for pk, (_tier, number) in latest.items():
        wanted |= Q(table_id=pk, number=number)
    found: dict[str, e.RuleSet] = {}
    revisions = {rev.table_id: rev for rev in RuleTableRevision.objects.filter(wanted)}
    for pk, (tier, _number) in latest.items():
        if tier not in found and pk in revisions:
            found[tier] = ruleset_of(revisions[pk])
    return found


def with_tables(rulesets: list[e.RuleSet], on: dt.date) -> list[e.RuleSet]:
    """The rule sets an assessment on ``on`` runs: a tier with an enabled table in force uses the table
    instead of the built-in version; a tier the system has no rules for at all is added after them."""
    tables = in_force(on)
    if not tables:
        return rulesets
    chosen = [tables.pop(ruleset.info.scheme, ruleset) for ruleset in rulesets]
    return chosen + list(tables.values())


def ruleset_for_version(version: str) -> e.RuleSet | None:
    """The table revision a stored result names, as a rule set (None: not a table, or gone)."""
    revision = revision_for_version(version)
    return ruleset_of(revision) if revision is not None else None


def revision_for_version(version: str) -> RuleTableRevision | None:
    parsed = parse_version(version)
    if parsed is None:
        return None
    return (
        RuleTableRevision.objects.filter(table_id=parsed[0], number=parsed[1]).select_related("table").first()
    )
