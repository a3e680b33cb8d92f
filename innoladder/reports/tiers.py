"""Recognitions held on a date, per scheme (the tiers of the ladder), from recorded issue/end dates."""

import datetime as dt
from decimal import Decimal

from django.apps import apps
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from innoladder.core.scoping import for_user
from innoladder.enterprises.models import park_q

from .charts import wan
from .providers import selector
from .tables import GROUP_HEADERS, GROUP_KINDS, Table


def held_on(user, park, on: dt.date) -> QuerySet:
    recognition = apps.get_model("recognitions", "Recognition")
    return (
        for_user(recognition.objects.all(), user)
        .filter(park_q("enterprise__park", park), enterprise__status="active", issued_on__lte=on)
        .filter(selector("recognitions", "held_q")(on))
    )


def scheme_choices() -> list[tuple[str, str]]:
    recognition = apps.get_model("recognitions", "Recognition")
    return [(v, str(label)) for v, label in recognition._meta.get_field("scheme").choices]


def enterprises_by_scheme(user, park, on: dt.date) -> dict[str, set[int]]:
    found: dict[str, set[int]] = {}
    for scheme, enterprise_id in held_on(user, park, on).values_list("scheme", "enterprise_id"):
        found.setdefault(scheme, set()).add(enterprise_id)
    return found


def tier_table(user, park, year: int):

    annual = apps.get_model("enterprises", "AnnualData")
    on = dt.date(year, 12, 31)
    held = enterprises_by_scheme(user, park, on)
    figures = {
        row["enterprise_id"]: row
        for row in for_user(annual.objects.all(), user)
        .filter(park_q("enterprise__park", park), year=year)
        .values("enterprise_id", "sales_revenue", "rd_expense", "tech_staff")
    }
    rows = []
    for scheme, label in scheme_choices():
        ids = held.get(scheme, set())
        if not ids:
            continue
        with_data = [figures[i] for i in ids if i in figures]
        revenue = sum((r["sales_revenue"] or Decimal(0) for r in with_data), Decimal(0))
        rd = sum((r["rd_expense"] or Decimal(0) for r in with_data), Decimal(0))
        ratio = (rd / revenue).quantize(Decimal("0.0001")) if revenue else None
        staff = sum(r["tech_staff"] or 0 for r in with_data)
        rows.append([label, len(ids), len(with_data), wan(revenue), wan(rd), ratio, staff])
    return Table(
        key="tier",
        title=_("%(year)s年末分层级（有效资质）统计") % {"year": year},
        headers=[_("资质层级"), *map(str, GROUP_HEADERS)],
        kinds=["text", *GROUP_KINDS],
        rows=rows,
        note=_("按12月31日仍有效的资质统计（发证日期、有效期、撤销/取消日期）；一家企业可同时持有多项资质。"),
    )
