"""Facts for matching, read from the ORM in bulk: latest annual data, attributes and held tiers.

Held recognitions come from the recognitions app, built in parallel. `held_tiers` reads them through
a small adapter: while that app has no `Recognition` model (or one without the expected fields) it
returns an empty set for every enterprise, so tier conditions fail with "需取得…资质" until it lands.
"""

import datetime as dt

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q

from innoladder.enterprises.models import AnnualData

from . import matching

TIER_FIELD_NAMES = ("rule_set", "scheme", "tier", "kind")
END_FIELD_NAMES = ("valid_until", "expires_on", "ends_on")


def _field(model, names):
    for name in names:
        try:
            model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        return name
    return None


def held_tiers(enterprise_ids, on: dt.date) -> dict[int, frozenset[str]]:
    """Tiers (rule-set ids) each enterprise holds on `on`; empty while recognitions has no model."""
    try:
        model = apps.get_model("recognitions", "Recognition")
    except LookupError:
        return {}
    tier_field = _field(model, TIER_FIELD_NAMES)
    if tier_field is None or _field(model, ("enterprise",)) is None:
        return {}
    qs = model._default_manager.filter(enterprise_id__in=list(enterprise_ids))
    start_field = _field(model, ("valid_from", "recognised_on", "starts_on"))
    if start_field:
        qs = qs.filter(Q(**{f"{start_field}__isnull": True}) | Q(**{f"{start_field}__lte": on}))
    end_field = _field(model, END_FIELD_NAMES)
    if end_field:
        qs = qs.filter(Q(**{f"{end_field}__isnull": True}) | Q(**{f"{end_field}__gte": on}))
    found: dict[int, set[str]] = {}
    for enterprise_id, tier in qs.values_list("enterprise_id", tier_field):
        found.setdefault(enterprise_id, set()).add(tier)
    return {k: frozenset(v) for k, v in found.items()}


NUMERIC = [name for name in matching.FIELDS if name in {f.name for f in AnnualData._meta.concrete_fields}]


def latest_annual_values(enterprise_ids) -> dict[int, tuple[int, dict]]:
    """The latest year's figures per enterprise: {id: (year, {field: value})}."""
    rows = (
        AnnualData.objects.filter(enterprise_id__in=list(enterprise_ids))
        .order_by("enterprise_id", "-year")
        .values("enterprise_id", "year", *NUMERIC)
    )
    latest: dict[int, tuple[int, dict]] = {}
    for row in rows:
        if row["enterprise_id"] not in latest:
            latest[row["enterprise_id"]] = (row["year"], {k: row[k] for k in NUMERIC})
    return latest


def facts_for(enterprises, on: dt.date) -> dict[int, matching.Facts]:
    enterprises = list(enterprises)
    ids = [e.pk for e in enterprises]
    tiers = held_tiers(ids, on)
    annual = latest_annual_values(ids)
    result = {}
    for e in enterprises:
        year, raw = annual.get(e.pk, (None, {}))
        result[e.pk] = matching.Facts(
            tiers=tiers.get(e.pk, frozenset()),
            values=matching.derive_values(raw),
            tech_field=e.tech_field,
            strategic_emerging=e.strategic_emerging,
            year=year,
        )
    return result
