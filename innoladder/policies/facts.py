"""Facts for matching, read from the ORM in bulk: latest annual data, attributes and held tiers.

Held recognitions come from the recognitions app through `held_tiers`, a small adapter: a tier counts
when its Recognition was issued on or before the date and is in force then (recognitions'
`held_q`: not revoked, not cancelled, not past `valid_until`). If that app has no Recognition
model it returns an empty set for every enterprise, so tier conditions then fail with "需取得…资质".
"""

import datetime as dt

from django.apps import apps

from innoladder.enterprises.models import AnnualData

from . import matching


def held_tiers(enterprise_ids, on: dt.date) -> dict[int, frozenset[str]]:
    """Tiers (rule-set ids) each enterprise holds on `on`; empty when recognitions has no model."""
    try:
        model = apps.get_model("recognitions", "Recognition")
        from innoladder.recognitions.selectors import held_q
    except (LookupError, ImportError):
        return {}
    rows = (
        model._default_manager.filter(enterprise_id__in=list(enterprise_ids), issued_on__lte=on)
        .filter(held_q(on))
        .values_list("enterprise_id", "scheme")
    )
    found: dict[int, set[str]] = {}
    for enterprise_id, scheme in rows:
        found.setdefault(enterprise_id, set()).add(scheme)
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
