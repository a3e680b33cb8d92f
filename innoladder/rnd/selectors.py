"""Reads of the R&D ledger that carry policy; everything is built on core.scoping.for_user.

Used by the report generator (issue 9):
- ``subsidy_total(user, park, start, end)``: Decimal, yuan, the R&D subsidies secured (SubsidyAward.amount)
  by the park's enterprises with ``start <= awarded_on <= end``, within the user's scope;
  ``subsidy_awards(...)`` gives the rows it counts.
- ``ledgers_collected(user, park, year)``: the park's enterprises (QuerySet[Enterprise]) that have at least
  one ledger line dated in ``year``, within the user's scope.
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, DecimalField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from innoladder.accounts.choices import Role
from innoladder.core import viewkit as vk
from innoladder.core.models import MONEY
from innoladder.core.scoping import CHANGE, VIEW, can_see_park, for_user, is_staff_role, region_park_ids
from innoladder.enterprises.models import AnnualData, Enterprise, Park, in_park, park_q

from . import choices as c
from .models import DeductionRun, LedgerLine, RDProject, SubsidyAward, SubsidyRule, TaxYearProfile

ZERO = Decimal("0.00")
FEN = Decimal("0.01")
MONEY_FIELD = DecimalField(**MONEY)


def year_range(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


enterprise_list, enterprise_get = vk.selectors(lambda: Enterprise.objects.select_related("park"))


project_list, project_get = vk.selectors(lambda: RDProject.objects.select_related("enterprise"))


line_list, line_get = vk.selectors(lambda: LedgerLine.objects.select_related("enterprise", "project"))


def line_filter(qs: QuerySet[LedgerLine], params) -> QuerySet[LedgerLine]:
    """Apply the list page's filters (enterprise, project, year, category, text)."""
    if params.get("enterprise", "").isdigit():
        qs = qs.filter(enterprise_id=int(params["enterprise"]))
    if params.get("project", "").isdigit():
        qs = qs.filter(project_id=int(params["project"]))
    if params.get("year", "").isdigit():
        start, end = year_range(int(params["year"]))
        qs = qs.filter(date__gte=start, date__lte=end)
    if params.get("category") in c.Category.values:
        qs = qs.filter(category=params["category"])
    text = params.get("q", "").strip()
    if text:
        qs = qs.filter(summary__icontains=text) | qs.filter(voucher_no__icontains=text)
    return qs


def lines_of_year(enterprise: Enterprise, year: int) -> QuerySet[LedgerLine]:
    start, end = year_range(year)
    return LedgerLine.objects.filter(enterprise=enterprise, date__gte=start, date__lte=end)


def fen(value) -> Decimal:
    """Database sums come back with float noise on SQLite; amounts are kept to the fen."""
    return ZERO if value is None else Decimal(value).quantize(FEN, rounding=ROUND_HALF_UP)


def ledger_aggregates(enterprise: Enterprise, year: int) -> list[dict]:
    """Totals per project, category and overseas-individual flag, summed in the database."""
    rows = (
        lines_of_year(enterprise, year)
        .values("project_id", "category", "overseas_individual")
        .annotate(total=Sum("amount"))
        .order_by("project_id", "category", "overseas_individual")
    )
    return [{**row, "total": fen(row["total"])} for row in rows]


def ledger_totals(enterprise: Enterprise, year: int) -> dict:
    """The year's ledger total and its split by category (actual amounts, before any limit)."""
    rows = lines_of_year(enterprise, year).values("category").annotate(total=Sum("amount"))
    by_category = {row["category"]: fen(row["total"]) for row in rows}
    total = sum(by_category.values(), ZERO)
    overseas = by_category.get(c.Category.ENTRUSTED_OVERSEAS, ZERO)
    return {
        "total": total,
        "by_category": by_category,
        "entrusted_domestic": by_category.get(c.Category.ENTRUSTED_DOMESTIC, ZERO),
        "entrusted_overseas": overseas,
        "domestic": total - overseas,
        "personnel": by_category.get(c.Category.PERSONNEL, ZERO),
    }


def tax_profile(enterprise: Enterprise, year: int) -> TaxYearProfile | None:
    return TaxYearProfile.objects.filter(enterprise=enterprise, year=year).first()


def latest_run(enterprise: Enterprise, year: int) -> DeductionRun | None:
    return (
        DeductionRun.objects.filter(enterprise=enterprise, year=year).order_by("-computed_at", "-id").first()
    )


def run_list(user, action: str = VIEW) -> QuerySet[DeductionRun]:
    return for_user(DeductionRun.objects.select_related("enterprise", "computed_by"), user, action)


def annual_data(enterprise: Enterprise, year: int) -> AnnualData | None:
    return AnnualData.objects.filter(enterprise=enterprise, year=year).first()


# Park-level records -------------------------------------------------------------------------------


def park_list(user) -> QuerySet[Park]:
    """Parks whose totals the user may read: admin all; officers and auditors their parks."""
    if not user.is_authenticated:
        return Park.objects.none()
    if user.role == Role.ADMIN:
        return Park.objects.all()
    if user.role in (Role.OFFICER, Role.AUDITOR):
        parks = user.parks.all()
        return Park.objects.filter(pk__in=parks.values("pk"))
    if user.role == Role.REGIONAL:
        return Park.objects.filter(pk__in=region_park_ids(user))
    return Park.objects.none()


def rule_list(user, action: str = VIEW) -> QuerySet[SubsidyRule]:
    qs = SubsidyRule.objects.select_related("park")
    if action != VIEW and not is_staff_role(user):
        return qs.none()
    return qs.filter(park__in=park_list(user))


rule_get = vk.getter(rule_list)


def can_manage_rules(user) -> bool:
    return is_staff_role(user)


def subsidy_awards(user, park: Park, start: dt.date, end: dt.date) -> QuerySet[SubsidyAward]:
    """The subsidy awards of the park's enterprises dated in [start, end] that the user may see."""
    qs = SubsidyAward.objects.select_related("enterprise", "rule").filter(
        park_q("enterprise__park", park), awarded_on__gte=start, awarded_on__lte=end
    )
    return for_user(qs, user, VIEW)


def subsidy_total(user, park: Park, start: dt.date, end: dt.date) -> Decimal:
    """Yuan of R&D subsidies secured in [start, end] (the report's "补助资金 N 万元")."""
    return fen(subsidy_awards(user, park, start, end).aggregate(total=Sum("amount"))["total"])


def ledgers_collected(user, park: Park | None, year: int) -> QuerySet[Enterprise]:
    """The park's enterprises (every one the user may see when `park` is None) with at least one ledger line
    dated in ``year``."""
    start, end = year_range(year)
    with_lines = LedgerLine.objects.filter(date__gte=start, date__lte=end).values("enterprise_id")
    return in_park(enterprise_list(user), park, "park").filter(pk__in=with_lines)


def _per_enterprise(rows: QuerySet, **aggregate) -> QuerySet:
    """The one `aggregate` (name=expression) of `rows` grouped by enterprise, as a subquery's value."""
    (name,) = aggregate
    return rows.values("enterprise").annotate(**aggregate).values(name)


def park_overview(user, park: Park, year: int) -> list[dict]:
    """Per enterprise of the park: ledger total, lines, latest super-deduction, subsidies."""
    start, end = year_range(year)
    in_year = LedgerLine.objects.filter(enterprise=OuterRef("pk"), date__gte=start, date__lte=end)
    lines = _per_enterprise(in_year, total=Sum("amount"))
    count = _per_enterprise(in_year, n=Count("pk"))
    run = DeductionRun.objects.filter(enterprise=OuterRef("pk"), year=year).order_by("-computed_at", "-id")
    awards = _per_enterprise(
        SubsidyAward.objects.filter(enterprise=OuterRef("pk"), run__year=year), total=Sum("amount")
    )
    qs = (
        ledgers_collected(user, park, year)
        .annotate(
            ledger_total=Coalesce(
                Subquery(lines, output_field=MONEY_FIELD), Value(ZERO), output_field=MONEY_FIELD
            ),
            line_count=Subquery(count),
            extra_deduction=Subquery(run.values("extra_deduction")[:1], output_field=MONEY_FIELD),
            subsidy=Subquery(awards, output_field=MONEY_FIELD),
        )
        .order_by("name")
    )
    return list(qs)


def park_years(user, park: Park) -> list[dict]:
    """Ledgers collected per year: enterprises with lines and the ledger total, newest first."""
    qs = for_user(LedgerLine.objects.filter(enterprise__park=park), user, VIEW)
    rows: dict[int, dict] = {}
    for row in qs.values("date__year").annotate(
        enterprises=Count("enterprise", distinct=True), total=Sum("amount")
    ):
        rows[row["date__year"]] = {
            "year": row["date__year"],
            "enterprises": row["enterprises"],
            "total": row["total"],
        }
    return [rows[y] for y in sorted(rows, reverse=True)]


def user_can_change(user, enterprise: Enterprise) -> bool:
    return enterprise_list(user, CHANGE).filter(pk=enterprise.pk).exists()


def can_see_park_totals(user, park: Park) -> bool:
    return can_see_park(user, park)
