"""Reads of the rule tables and of what the system knows of each tier's criteria."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from innoladder.accounts.choices import Role

from . import tiers
from .models import RuleTable, RuleTableRevision

VIEWERS = (Role.ADMIN, Role.OFFICER, Role.AUDITOR, Role.AGENCY, Role.REGIONAL)
EDITORS = (Role.ADMIN,)


def may_view(user) -> bool:
    """The tier page is for the bureau and its agencies (enterprises see the notices with their results)."""
    return user.is_authenticated and user.is_active and user.role in VIEWERS


def may_edit(user) -> bool:
    """Entering and enabling rule tables is the park administrator's (园区管理员) work."""
    return user.is_authenticated and user.is_active and user.role in EDITORS


def table_list(user) -> QuerySet[RuleTable]:
    if not may_view(user):
        return RuleTable.objects.none()
    queryset = RuleTable.objects.select_related("created_by").prefetch_related("conditions")
    return queryset if may_edit(user) else queryset.filter(is_published=True)


def table_get(user, pk: int) -> RuleTable:
    return get_object_or_404(table_list(user), pk=pk)


def revisions(table: RuleTable) -> QuerySet[RuleTableRevision]:
    return table.revisions.select_related("entered_by")


def tables_in_force(on: dt.date, tier: str | None = None) -> QuerySet[RuleTable]:
    queryset = RuleTable.objects.filter(is_published=True, revision__gt=0, effective_from__lte=on).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=on)
    )
    return queryset.filter(tier=tier) if tier else queryset


@dataclass
class TierNotice:
    """What officers are told once about a tier on a date: its missing criteria, or the table used."""

    tier: str
    name: str
    gap: tiers.CriteriaGap | None
    table: RuleTable | None

    @property
    def sources(self) -> tuple[tiers.Source, ...]:
        return self.gap.sources if self.gap is not None else ()


def tier_notice(tier: str, on: dt.date) -> TierNotice | None:
    """None when the system has the tier's criteria on ``on``; no query for such a tier."""
    gap = tiers.gap_on(tier, on)
    if gap is None:
        return None
    table = tables_in_force(on, tier).select_related("created_by").order_by("-effective_from", "-pk").first()
    return TierNotice(tier, tiers.TIER_NAMES[tier], gap, table)


@dataclass
class TierRow:
    tier: str
    name: str
    issuer: str
    built_in: list[tiers.BuiltIn]
    notice: TierNotice | None
    tables: list[RuleTable]
    may_have_table: bool


def tier_overview(user, on: dt.date) -> list[TierRow]:
    """Every tier of the ladder: its built-in versions, its notice on ``on`` and its rule tables."""
    by_tier: dict[str, list[RuleTable]] = {}
    for table in table_list(user):
        by_tier.setdefault(table.tier, []).append(table)
    return [
        TierRow(
            tier=tier,
            name=name,
            issuer=tiers.ISSUERS[tier],
            built_in=tiers.built_in(tier, on),
            notice=tier_notice(tier, on),
            tables=by_tier.get(tier, []),
            may_have_table=tier in tiers.TABLE_TIERS,
        )
        for tier, name in tiers.TIER_NAMES.items()
    ]
