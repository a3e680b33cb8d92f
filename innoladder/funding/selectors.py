"""Reads of the funding app, all through the scoping functions (default deny)."""

import datetime as dt
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum

from innoladder.core import viewkit as vk
from innoladder.core.parkscope import park_scoped
from innoladder.core.scoping import VIEW, for_user
from innoladder.enterprises.models import in_park

from . import choices as c
from .models import FundApplication, Programme, VoucherUse

ZERO = Decimal(0)
FEN = Decimal("0.01")


def _total(qs, field: str) -> Decimal:
    """Sum of a money field to the fen (SQLite sums decimals as floats)."""
    value = qs.aggregate(total=Sum(field))["total"]
    return Decimal(value or 0).quantize(FEN)


programme_list, programme_get = vk.selectors(lambda: Programme.objects.select_related("park"), park_scoped)


def fund_application_list(user, action: str = VIEW) -> QuerySet[FundApplication]:
    qs = FundApplication.objects.select_related("enterprise", "programme", "programme__park")
    return for_user(qs, user, action)


fund_application_get = vk.getter(fund_application_list)


voucher_use_list, voucher_use_get = vk.selectors(
    lambda: VoucherUse.objects.select_related("enterprise", "programme")
)


def voucher_used_in_year(enterprise_id: int, year: int, exclude_pk: int | None = None) -> Decimal:
    """What the enterprise's voucher has paid so far in `year` (unscoped: used inside services)."""
    qs = VoucherUse.objects.filter(enterprise_id=enterprise_id, used_on__year=year)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return _total(qs, "amount")


def voucher_balances(user, year: int | None = None, enterprise=None) -> list[dict]:
    """Per enterprise and year: quota (of the latest use's holder type), used, remaining."""
    uses = voucher_use_list(user).order_by("enterprise__name", "used_on", "id")
    if year:
        uses = uses.filter(used_on__year=year)
    if enterprise is not None:
        uses = uses.filter(enterprise=enterprise)
    rows: dict[tuple[int, int], dict] = {}
    rules_cache: dict[int, object] = {}
    for use in uses:
        key = (use.enterprise_id, use.used_on.year)
        if use.programme_id not in rules_cache:
            rules_cache[use.programme_id] = use.programme.voucher_rules()
        quota = rules_cache[use.programme_id].annual_quota.get(use.holder_type)
        row = rows.setdefault(
            key,
            {"enterprise": use.enterprise, "year": use.used_on.year, "used": ZERO, "fees": ZERO, "count": 0},
        )
        row["used"] += use.amount
        row["fees"] += use.fee
        row["count"] += 1
        row["holder_type"] = use.get_holder_type_display()
        row["quota"] = quota
    for row in rows.values():
        row["remaining"] = max(row["quota"] - row["used"], ZERO) if row["quota"] is not None else None
    return sorted(rows.values(), key=lambda r: (-r["year"], r["enterprise"].name))


# --- Selectors for the report generator: (user, park, start, end), recorded dates only ------------


def fund_applications_in_period(
    user, park, start: dt.date, end: dt.date, kind: str | None = None
) -> QuerySet[FundApplication]:
    """Applications filed (applied_on) in [start, end], optionally of one programme kind."""
    qs = in_park(fund_application_list(user), park).filter(applied_on__gte=start, applied_on__lte=end)
    if kind:
        qs = qs.filter(programme__kind=kind)
    return qs.order_by("applied_on", "id")


def fund_applications_by_kind(user, park, start: dt.date, end: dt.date) -> dict[str, dict]:
    """Per programme kind: number of applications, distinct enterprises, requested total."""
    rows = (
        fund_applications_in_period(user, park, start, end)
        .order_by()
        .values("programme__kind")
        .annotate(
            n=Count("id"), enterprises=Count("enterprise", distinct=True), requested=Sum("requested_amount")
        )
    )
    result = {
        kind: {"label": label, "n": 0, "enterprises": 0, "requested": ZERO}
        for kind, label in c.ProgrammeKind.choices
    }
    for row in rows:
        result[row["programme__kind"]].update(
            n=row["n"], enterprises=row["enterprises"], requested=Decimal(row["requested"] or 0).quantize(FEN)
        )
    return result


def funds_approved_total(user, park, start: dt.date, end: dt.date) -> Decimal:
    """Sum of approved amounts decided in [start, end] (approved or since paid)."""
    qs = in_park(fund_application_list(user), park).filter(
        decided_on__gte=start,
        decided_on__lte=end,
        status__in=(c.ApplicationStatus.APPROVED, c.ApplicationStatus.PAID),
    )
    return _total(qs, "approved_amount")


def funds_paid_total(user, park, start: dt.date, end: dt.date) -> Decimal:
    """Sum of amounts paid out in [start, end]."""
    qs = in_park(fund_application_list(user), park).filter(
        paid_on__gte=start, paid_on__lte=end, status=c.ApplicationStatus.PAID
    )
    return _total(qs, "paid_amount")
