"""Reads of the enterprise registry, all built on the scoping function (default deny, 404 outside scope)."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext

from innoladder.core.enterprise_page import SECTION_ROWS, Bounded, TimelineEvent, bounded, listing_url
from innoladder.core.scoping import CHANGE, VIEW, for_user

from . import choices as c
from .filtersets import EnterpriseFilterSet
from .models import (
    AnnualData,
    Award,
    Enterprise,
    Incident,
    IPRecord,
    Park,
    Person,
    RDInstitution,
    Region,
    StandardWork,
)


def region_list(user) -> QuerySet[Region]:
    """Regions whose parks' figures the user may read added up: admin every region, a regional officer
    their region and the regions below it; nobody else (a region's figures name other parks' enterprises)."""
    from innoladder.accounts.choices import Role

    if not user.is_authenticated or not user.is_active:
        return Region.objects.none()
    if user.role == Role.ADMIN:
        return Region.objects.all()
    if user.role == Role.REGIONAL and user.region_id is not None:
        return Region.objects.filter(pk__in=user.region.region_ids())
    return Region.objects.none()


def enterprise_list(user, action: str = VIEW) -> QuerySet[Enterprise]:
    return for_user(Enterprise.objects.select_related("park"), user, action)


def enterprise_get(user, pk: int, action: str = VIEW) -> Enterprise:
    """The enterprise if the user may act on it; otherwise 404, so ids cannot be probed."""
    return get_object_or_404(enterprise_list(user, action), pk=pk)


def enterprise_search(user, params) -> tuple[EnterpriseFilterSet, QuerySet[Enterprise]]:
    """The list page's rows: scoped, filtered and sorted by the GET parameters."""
    filterset = EnterpriseFilterSet(params, user=user)
    # Park and officer come by prefetch, not by join: with joins SQLite may reorder the tables and sort the
    # whole park in a temporary B-tree instead of walking the (park, sort column) index for one page.
    queryset = for_user(Enterprise.objects.prefetch_related("park", "assigned_officer"), user, VIEW)
    queryset = filterset.order(filterset.filter(queryset))
    return filterset, queryset


def enterprise_row_names(
    rows, known_parks: dict[int, str], known_officers: dict[int, str]
) -> tuple[dict[int, str], dict[int, str]]:
    """Names of the parks and contact officers a page of list rows refers to: those the filter's options
    already read, and one read for any other park, one for any other officer (named as `str(user)`)."""
    from innoladder.accounts.models import User

    parks = dict(known_parks)
    if missing := {row.park_id for row in rows} - parks.keys():
        parks.update(Park.objects.filter(pk__in=missing).values_list("pk", "name"))
    officers = dict(known_officers)
    if missing := {row.assigned_officer_id for row in rows if row.assigned_officer_id} - officers.keys():
        officers.update(
            (user.pk, str(user))
            for user in User.objects.filter(pk__in=missing).only("display_name", "username")
        )
    return parks, officers


PICK_LIMIT = 20


def enterprise_pick(user, text: str, action: str = CHANGE) -> tuple[list[Enterprise], bool]:
    """The first PICK_LIMIT enterprises matching `text` (as the list's keyword) that the user may act on,
    and whether there are more: the searchable picker of the forms (core/widgets.py)."""
    text = text.strip()
    if not text:
        return [], False
    filterset = EnterpriseFilterSet({"q": text}, user=user)
    rows = list(filterset.filter(enterprise_list(user, action)).order_by("name", "pk")[: PICK_LIMIT + 1])
    return rows[:PICK_LIMIT], len(rows) > PICK_LIMIT


def child_get(model, user, pk: int, action: str = CHANGE):
    """A child record (IP, award, …) of an enterprise the user may act on; otherwise 404."""
    return get_object_or_404(for_user(model.objects.select_related("enterprise"), user, action), pk=pk)


def _records_of(queryset: QuerySet, user, enterprises: QuerySet[Enterprise]) -> QuerySet:
    """The rows of `queryset` the user may read that belong to one of `enterprises` (the exports' sheets)."""
    return for_user(queryset, user, VIEW).filter(enterprise__in=enterprises.order_by().values("pk"))


def annual_data_for(user, enterprises: QuerySet[Enterprise]) -> QuerySet[AnnualData]:
    return _records_of(AnnualData.objects.select_related("enterprise", "confirmed_by"), user, enterprises)


def ip_records_for(user, enterprises: QuerySet[Enterprise]) -> QuerySet[IPRecord]:
    return _records_of(IPRecord.objects.select_related("enterprise"), user, enterprises).order_by(
        "enterprise__name", "-granted_on", "pk"
    )


def yoy_change(current, previous) -> Decimal | None:
    """Year-over-year change as a fraction (0.125 = +12.5%); None when either year is missing or zero."""
    if current is None or previous is None or previous == 0:
        return None
    return ((Decimal(current) - Decimal(previous)) / abs(Decimal(previous))).quantize(Decimal("0.0001"))


ANNUAL_TABLE_ROWS = (
    ("employees", "职工总数", "int"),
    ("tech_staff", "科技人员", "int"),
    ("rd_staff", "研发人员", "int"),
    ("sales_revenue", "销售收入", "money"),
    ("main_revenue", "主营业务收入", "money"),
    ("operating_revenue", "营业收入", "money"),
    ("total_income", "收入总额", "money"),
    ("non_taxable_income", "不征税收入", "money"),
    ("hitech_revenue", "高新技术产品(服务)收入", "money"),
    ("rd_expense", "研发费用", "money"),
    ("rd_domestic", "境内研发费用", "money"),
    ("rd_entrusted_domestic", "委托境内研发费用", "money"),
    ("rd_entrusted_overseas", "委托境外研发费用", "money"),
    ("total_cost", "成本费用支出总额", "money"),
    ("total_assets", "资产总额", "money"),
    ("total_liabilities", "负债总额", "money"),
    ("net_assets", "净资产", "money"),
    ("net_profit", "净利润", "money"),
    ("taxes_paid", "上缴税金", "money"),
    ("export_value", "出口额", "money"),
    ("equity_financing", "股权融资", "money"),
    ("tech_conversions", "技术成果转化数", "int"),
)


@dataclass
class AnnualCell:
    value: object
    change: Decimal | None


@dataclass
class AnnualLine:
    name: str
    label: str
    kind: str
    cells: list[AnnualCell] = field(default_factory=list)


def annual_table(rows: list[AnnualData]) -> tuple[list[AnnualData], list[AnnualLine]]:
    """Indicators down, years across (oldest first), each cell with its change on the year before."""
    years = sorted(rows, key=lambda r: r.year)
    lines = []
    for name, label, kind in ANNUAL_TABLE_ROWS:
        line = AnnualLine(name, gettext(label), kind)  # the model field's label, in the catalogue
        previous = None
        for row in years:
            value = getattr(row, name)
            change = None
            if previous is not None and previous.year == row.year - 1:
                change = yoy_change(value, getattr(previous, name))
            line.cells.append(AnnualCell(value, change))
            previous = row
        lines.append(line)
    return years, lines


@dataclass
class EnterpriseFile:
    """Everything this app shows on the 一企一档 page for one enterprise; every list bounded (the first
    rows, the total and the link to all of them)."""

    enterprise: Enterprise
    years: list[AnnualData]
    annual_lines: list[AnnualLine]
    ip_records: Bounded
    ip_counts: dict[str, int]
    awards: Bounded
    standards: Bounded
    institutions: Bounded
    incidents: Bounded
    people: Bounded
    can_change: bool
    can_delete: bool


def own_events(enterprise, ip_records, awards, institutions, incidents) -> list[TimelineEvent]:
    """This app's own dated entries: registration, IP grants, awards, institutions, incidents."""
    e = enterprise
    found = []
    if e.registered_on:
        found.append(
            TimelineEvent(e.registered_on, gettext("企业成立"), gettext("企业档案"), e.get_absolute_url())
        )
    for r in ip_records:
        if r.granted_on:
            title = gettext("%(kind)s授权：%(title)s") % {"kind": r.get_kind_display(), "title": r.title}
            found.append(TimelineEvent(r.granted_on, title, gettext("知识产权")))
    for a in awards:
        on = a.awarded_on or _year_end(a.year)
        title = gettext("%(level)s%(name)s") % {"level": a.get_level_display(), "name": a.name}
        found.append(TimelineEvent(on, title, gettext("获奖")))
    for i in institutions:
        if i.year:
            title = gettext("%(level)s%(name)s认定") % {"level": i.get_level_display(), "name": i.name}
            found.append(TimelineEvent(_year_end(i.year), title, gettext("研发机构")))
    for x in incidents:
        found.append(TimelineEvent(x.occurred_on, x.get_kind_display(), gettext("不良记录")))
    return found


def _year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def enterprise_file(user, pk: int) -> EnterpriseFile:
    enterprise = get_object_or_404(enterprise_list(user, VIEW).select_related("assigned_officer"), pk=pk)
    years, lines = annual_table(
        list(AnnualData.objects.filter(enterprise=enterprise).select_related("confirmed_by"))
    )
    own = own_lists(enterprise)
    lists = {key: bounded(qs, enterprise, "enterprises", key) for key, qs in own.items() if key != "ip"}
    ip_records, ip_counts = _ip_section(own["ip"], enterprise)
    return EnterpriseFile(
        enterprise=enterprise,
        years=years,
        annual_lines=lines,
        ip_records=ip_records,
        ip_counts=ip_counts,
        awards=lists["award"],
        standards=lists["standard"],
        institutions=lists["institution"],
        incidents=lists["incident"],
        people=lists["person"],
        can_change=for_user(Enterprise.objects.filter(pk=enterprise.pk), user, CHANGE).exists(),
        can_delete=for_user(Enterprise.objects.filter(pk=enterprise.pk), user, "delete").exists(),
    )


def _ip_section(queryset, enterprise) -> tuple[Bounded, dict[str, int]]:
    """The first IP rows with the class Ⅰ/Ⅱ counts of all of them: counted from the rows when they are
    all shown, else by one aggregate query that also gives the total."""
    rows = list(queryset[: SECTION_ROWS + 1])
    url = listing_url(enterprise, "enterprises", "ip")
    if len(rows) <= SECTION_ROWS:
        counts = {
            "class1": sum(1 for r in rows if r.kind in c.CLASS_I_KINDS),
            "class2": sum(1 for r in rows if r.kind in c.CLASS_II_KINDS),
        }
        return Bounded(rows, len(rows), url), counts
    counts = queryset.order_by().aggregate(
        total=Count("pk"),
        class1=Count("pk", filter=Q(kind__in=c.CLASS_I_KINDS)),
        class2=Count("pk", filter=Q(kind__in=c.CLASS_II_KINDS)),
    )
    return Bounded(rows[:SECTION_ROWS], counts.pop("total"), url), counts


def own_lists(enterprise) -> dict[str, QuerySet]:
    """The registry's lists of one enterprise (already in scope), in the order the page shows them."""
    return {
        "ip": IPRecord.objects.filter(enterprise=enterprise).order_by(
            F("granted_on").desc(nulls_last=True), "pk"
        ),
        "award": Award.objects.filter(enterprise=enterprise).order_by("-year", "pk"),
        "standard": StandardWork.objects.filter(enterprise=enterprise).order_by("-year", "pk"),
        "institution": RDInstitution.objects.filter(enterprise=enterprise).order_by(
            F("year").desc(nulls_last=True), "pk"
        ),
        "incident": Incident.objects.filter(enterprise=enterprise).order_by("-occurred_on", "pk"),
        "person": Person.objects.filter(enterprise=enterprise).order_by("name", "pk"),
    }


def enterprise_timeline(user, pk: int, limit: int | None = None) -> tuple[Enterprise, list[TimelineEvent]]:
    """The registry's own dated entries for the timeline fragment (without the rest of the file): at
    most `limit` of each kind, the most recent first."""
    enterprise = enterprise_get(user, pk)
    found = own_events(
        enterprise,
        IPRecord.objects.filter(enterprise=enterprise)
        .exclude(granted_on=None)
        .order_by("-granted_on")[:limit],
        Award.objects.filter(enterprise=enterprise).order_by("-year")[:limit],
        RDInstitution.objects.filter(enterprise=enterprise).exclude(year=None).order_by("-year")[:limit],
        Incident.objects.filter(enterprise=enterprise).order_by("-occurred_on")[:limit],
    )
    return enterprise, found
