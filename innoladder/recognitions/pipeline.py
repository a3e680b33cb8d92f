"""The cultivation ladder (梯度培育): counts per tier and pool, movement between two dates, conversion.

Every count is the length of a queryset returned by `measure_queryset`, so each number on the page links to
exactly the rows it counts.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from innoladder.core.scoping import for_user
from innoladder.enterprises.choices import Pool
from innoladder.enterprises.models import Enterprise

from . import choices as c
from . import rules, selectors
from .models import Application, Recognition

P = Pool
CANDIDATE_POOLS: dict[str, tuple[str, ...]] = {
    c.Scheme.TSME: (P.RESERVE, P.TIER1),
    c.Scheme.QH_TECH_ENTERPRISE: (P.RESERVE, P.TIER1),
    c.Scheme.INNOVATIVE_SME: (P.RESERVE, P.TIER1),
    c.Scheme.TECH_INNOVATIVE_SME: (P.RESERVE, P.TIER1),
    c.Scheme.HNTE: (P.HNTE_CANDIDATE,),
    c.Scheme.SRDI_SME: (P.TIER1, P.HNTE_CANDIDATE, P.TIER3),
    c.Scheme.LITTLE_GIANT: (P.TIER3, P.TIER4),
    c.Scheme.QH_TECH_LITTLE_GIANT: (P.TIER3, P.TIER4),
}
TIERS = tuple(CANDIDATE_POOLS)
STATE_MEASURES = ("candidates", "applying", "held", "expiring", "lost_year")
MOVEMENT_MEASURES = ("gained", "renewed", "lost", "passed", "decided")
MEASURE_LABELS = {
    "candidates": _("培育对象（库内未获该资质）"),
    "applying": _("申报中"),
    "held": _("有效持有"),
    "expiring": _("6个月内到期"),
    "lost_year": _("本年失去"),
    "gained": _("新增"),
    "renewed": _("重新认定"),
    "lost": _("失去"),
    "passed": _("申报通过"),
    "decided": _("已出结果"),
    "pool": _("库内企业"),
    "pool_held": _("库内持有资质"),
    "pool_applying": _("库内申报中"),
}


@dataclass(frozen=True)
class Period:
    today: dt.date
    start: dt.date
    end: dt.date


class Bases:
    """The user's scoped querysets, built once per page (each scoping call reads the user's parks)."""

    def __init__(self, user, park_id: int | list[int] | None):
        """`park_id`: one park, the ids of a region's parks, or None for every park the user sees."""
        self.enterprises = for_user(Enterprise.objects.select_related("park"), user)
        self.recognitions = selectors.recognition_list(user)
        self.applications = selectors.application_list(user)
        if park_id is not None:
            ids = park_id if isinstance(park_id, list) else [park_id]
            self.enterprises = self.enterprises.filter(park_id__in=ids)
            self.recognitions = self.recognitions.filter(enterprise__park_id__in=ids)
            self.applications = self.applications.filter(enterprise__park_id__in=ids)

    def recs(self, scheme: str | None) -> QuerySet[Recognition]:
        return self.recognitions.filter(scheme=scheme) if scheme else self.recognitions

    def apps(self, scheme: str | None) -> QuerySet[Application]:
        return self.applications.filter(batch__scheme=scheme) if scheme else self.applications


def _lost_ids(qs: QuerySet[Recognition], start: dt.date, end: dt.date) -> list[int]:
    """Recognitions that stopped holding in [start, end] with no renewal issued by `end`."""
    successor = Recognition.objects.filter(renews=OuterRef("pk"), issued_on__lte=end)
    rows = (
        qs.annotate(renewed_flag=Exists(successor))
        .filter(renewed_flag=False)
        .filter(
            Q(valid_until__range=(start - dt.timedelta(days=1), end))
            | Q(revoked_on__range=(start, end))
            | Q(cancelled_on__range=(start, end))
        )
    )
    ids = []
    for pk, valid_until, revoked_on, cancelled_on in rows.values_list(
        "pk", "valid_until", "revoked_on", "cancelled_on"
    ):
        ended = rules.ended_on(valid_until, revoked_on, cancelled_on)
        if ended is not None and start <= ended <= end:
            ids.append(pk)
    return ids


def measure_queryset(
    user,
    *,
    measure: str,
    scheme: str | None,
    period: Period,
    park_id: int | list[int] | None = None,
    pool: str | None = None,
    bases: Bases | None = None,
) -> QuerySet:
    """The rows behind one number; `scheme=None` means every scheme (used to count all tiers at once)."""
    b = bases or Bases(user, park_id)
    today = period.today
    if measure == "candidates":
        held = Recognition.objects.filter(selectors.held_q(today), enterprise=OuterRef("pk"), scheme=scheme)
        return (
            b.enterprises.filter(pool__in=CANDIDATE_POOLS.get(scheme, ()))
            .annotate(holds=Exists(held))
            .filter(holds=False)
        )
    if measure == "applying":
        return b.apps(scheme).filter(status__in=c.OPEN_STATUSES)
    if measure == "held":
        return b.recs(scheme).filter(selectors.held_q(today))
    if measure == "expiring":
        horizon = rules.add_months(today, 6)
        return b.recs(scheme).filter(selectors.held_q(today), valid_until__lte=horizon)
    if measure == "lost_year":
        qs = b.recs(scheme)
        return qs.filter(pk__in=_lost_ids(qs, dt.date(today.year, 1, 1), today))
    if measure == "gained":
        return b.recs(scheme).filter(issued_on__range=(period.start, period.end), renews__isnull=True)
    if measure == "renewed":
        return b.recs(scheme).filter(issued_on__range=(period.start, period.end), renews__isnull=False)
    if measure == "lost":
        qs = b.recs(scheme)
        return qs.filter(pk__in=_lost_ids(qs, period.start, period.end))
    if measure in ("passed", "decided"):
        statuses = (c.ApplicationStatus.PASSED,) if measure == "passed" else c.DECIDED_STATUSES
        return b.apps(scheme).filter(status__in=statuses, decided_on__range=(period.start, period.end))
    if measure in ("pool", "pool_held", "pool_applying"):
        qs = b.enterprises.filter(pool=pool or "")
        if measure == "pool_held":
            held = Recognition.objects.filter(selectors.held_q(today), enterprise=OuterRef("pk"))
            qs = qs.annotate(holds=Exists(held)).filter(holds=True)
        elif measure == "pool_applying":
            applying = Application.objects.filter(enterprise=OuterRef("pk"), status__in=c.OPEN_STATUSES)
            qs = qs.annotate(applies=Exists(applying)).filter(applies=True)
        return qs
    raise ValueError(f"unknown measure {measure!r}")


def conversion(passed: int, decided: int) -> Decimal | None:
    if not decided:
        return None
    return (Decimal(passed) * 100 / Decimal(decided)).quantize(Decimal("0.1"))


def tier_rows(user, period: Period, park_id: int | list[int] | None = None) -> list[dict]:
    """Counts per tier: each measure is one grouped query over all schemes (candidates: one per scheme)."""
    bases = Bases(user, park_id)
    grouped: dict[str, dict[str, int]] = {}
    for measure in STATE_MEASURES + MOVEMENT_MEASURES:
        if measure == "candidates":
            continue
        qs = measure_queryset(user, measure=measure, scheme=None, period=period, bases=bases)
        key = "batch__scheme" if qs.model is Application else "scheme"
        grouped[measure] = {
            row[key]: row["n"] for row in qs.order_by().values(key).annotate(n=Count("pk", distinct=True))
        }
    rows = []
    for scheme in TIERS:
        counts = {m: grouped.get(m, {}).get(scheme, 0) for m in STATE_MEASURES + MOVEMENT_MEASURES}
        counts["candidates"] = measure_queryset(
            user, measure="candidates", scheme=scheme, period=period, bases=bases
        ).count()
        rows.append(
            {
                "scheme": scheme,
                "label": c.Scheme(scheme).label,
                "counts": counts,
                "conversion": conversion(counts["passed"], counts["decided"]),
            }
        )
    return rows


def pool_rows(user, period: Period, park_id: int | list[int] | None = None) -> list[dict]:
    bases = Bases(user, park_id)
    rows = []
    for value, label in Pool.choices:
        if not value:
            continue
        counts = {
            m: measure_queryset(user, measure=m, scheme=None, period=period, pool=value, bases=bases).count()
            for m in ("pool", "pool_held", "pool_applying")
        }
        rows.append({"pool": value, "label": label, "counts": counts})
    return rows
