"""Writes of rule tables: every save validated, kept as a numbered revision and audited."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from innoladder.core import audit
from innoladder.core.models import AuditEvent
from innoladder.core.services import StaleEditError, acting_user
from innoladder.eligibility import tables as t

from .engine import revision_data
from .models import RuleCondition, RuleTable, RuleTableRevision

HEADER_FIELDS = ("tier", "title", "effective_from", "effective_to", "source", "source_url", "note")


@dataclass(frozen=True)
class ConditionInput:
    metric: str
    window: str
    operator: str
    threshold: Decimal
    clause: str = ""

    def as_condition(self) -> t.Condition:
        return t.Condition(self.metric, self.window, self.operator, self.threshold, self.clause)  # type: ignore[arg-type]


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def _locked(table: RuleTable, expected_version: int | None) -> RuleTable:
    """The stored table, locked for this transaction; ``StaleEditError`` if it moved on since
    ``expected_version`` was read (None: not checked)."""
    current = RuleTable.objects.select_for_update().get(pk=table.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleEditError()
    return current


def _overlapping(table: RuleTable):
    """Other enabled tables of the same tier whose effective range meets this one's."""
    others = RuleTable.objects.filter(tier=table.tier, is_published=True).exclude(pk=table.pk)
    if table.effective_to is not None:
        others = others.filter(effective_from__lte=table.effective_to)
    return others.filter(Q(effective_to__isnull=True) | Q(effective_to__gte=table.effective_from))


def _check(table: RuleTable, conditions: Sequence[ConditionInput | RuleCondition]) -> None:
    """Refuse, with every reason in Chinese, what cannot be used; nothing is saved then."""
    draft = t.Table(
        scheme=table.tier,
        version="",
        name_zh="",
        basis="",
        effective_from=table.effective_from,
        effective_to=table.effective_to,
        conditions=tuple(c.as_condition() for c in conditions),
    )
    errors = t.check_table(draft)
    if not table.is_published:
        errors = [text for text in errors if text != "规则表中至少要有一项条件"]
    if table.is_published:
        for other in _overlapping(table):
            errors.append(
                f"与已启用的规则表「{other.title}」的生效期重叠，同一层级同一天只能有一张规则表生效"
            )
    if errors:
        raise ValidationError(errors)


def _snapshot(table: RuleTable, conditions) -> dict:
    data = {name: audit._plain(getattr(table, name)) for name in (*HEADER_FIELDS, "is_published")}
    data["conditions"] = [str(c.as_condition()) for c in conditions]
    return data


def _revise(table: RuleTable, conditions, user) -> RuleTableRevision:
    table.revision += 1
    table.save(update_fields=["revision"])
    return RuleTableRevision.objects.create(
        table=table,
        number=table.revision,
        data=revision_data(table, conditions),
        entered_by=acting_user(user),
        entered_by_name=_name(user),
    )


@transaction.atomic
def ruletable_save(
    *,
    user,
    table: RuleTable | None = None,
    conditions: list[ConditionInput],
    expected_version: int | None = None,
    **fields,
) -> RuleTable:
    """Create a table or save an edit (header and the whole list of conditions); a new revision each time.

    Raises ``ValidationError`` (a list of Chinese messages) or ``StaleEditError``; nothing is kept then.
    """
    if table is None:
        before = None
        table = RuleTable(created_by=acting_user(user))
    else:
        current = _locked(table, expected_version)
        before = _snapshot(current, current.conditions.all())
        table = current
        table.version += 1
    for name in HEADER_FIELDS:
        if name in fields:
            setattr(table, name, fields[name])
    table.full_clean(exclude=["revision"])
    _check(table, conditions)
    table.save()
    table.conditions.all().delete()
    rows = []
    for position, item in enumerate(conditions, start=1):
        row = RuleCondition(
            table=table,
            position=position,
            metric=item.metric,
            window=item.window,
            operator=item.operator,
            threshold=item.threshold,
            clause=item.clause,
        )
        row.full_clean(exclude=["table"])
        rows.append(row)
    RuleCondition.objects.bulk_create(rows)
    revision = _revise(table, rows, user)
    after = _snapshot(table, rows)
    if before is None:
        event, changes, verb = AuditEvent.CREATE, {"after": after}, "录入"
    else:
        event, changes, verb = AuditEvent.UPDATE, audit.diff(before, after), "修改"
    audit.record(
        event,
        obj=table,
        user=user,
        changes=changes,
        message=f"{verb}规则表「{table}」（第{revision.number}版）",
    )
    return table


@transaction.atomic
def ruletable_set_published(*, user, table: RuleTable, published: bool, expected_version: int | None = None):
    """Enable a table (new assessments on its dates use it) or disable it; audited."""
    current = _locked(table, expected_version)
    if current.is_published == published:
        return current
    current.is_published = published
    if published:
        _check(current, list(current.conditions.all()))
    current.version += 1
    current.save(update_fields=["is_published", "version", "updated_at"])
    audit.record(
        AuditEvent.UPDATE,
        obj=current,
        user=user,
        changes={"is_published": [not published, published]},
        message=f"{'启用' if published else '停用'}规则表「{current}」",
    )
    return current
