"""Build the rules engine's ``EnterpriseFacts`` from the registry, in bulk.

Facts for many enterprises load with a fixed number of queries per chunk (one per table), reading
plain value tuples rather than model instances, so a whole park loads quickly. The registry's
choices are mapped to the engine's vocabulary here (docs/facts-format.md).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.apps import apps
from django.db.models import Q, QuerySet

from innoladder import eligibility as e
from innoladder.enterprises.models import (
    AnnualData,
    Award,
    Enterprise,
    Incident,
    IPRecord,
    RDInstitution,
    StandardWork,
)

CHUNK = 1000

# Every YearData field the registry also records, in the engine's order (matched by name).
YEAR_FIELDS = tuple(
    f.name
    for f in dataclasses.fields(e.YearData)
    if f.name in {g.name for g in AnnualData._meta.get_fields()}
)
# The registry records every YearData field: a row then builds one positionally, about twice as fast as
# by keyword (a chunk builds ~3,000); should a field be added to the engine only, rows go by name again.
YEARS_POSITIONAL = YEAR_FIELDS == tuple(f.name for f in dataclasses.fields(e.YearData))
# Every IPRecord field the registry also records, in the engine's order: (engine name, registry name).
IP_RENAMED = {"award": "award_winning"}
IP_NAMES = tuple(
    (f.name, IP_RENAMED.get(f.name, f.name))
    for f in dataclasses.fields(e.IPRecord)
    if IP_RENAMED.get(f.name, f.name) in {g.name for g in IPRecord._meta.get_fields()}
)
IP_FIELDS = tuple(registry for _engine, registry in IP_NAMES)
IP_ENGINE_FIELDS = tuple(engine for engine, _registry in IP_NAMES)
# Registry choice → engine vocabulary (the engine's names are in docs/facts-format.md).
INSTITUTION_KINDS = {
    "eng_tech_center": "engineering_tech_center",
    "eng_lab": "engineering_lab",
    "eng_research_center": "engineering_research_center",
}
LEVELS = {"international": "national", "park": "below"}
AWARD_KINDS = {"industry": "other"}
QINGHAI = "青海"


def id_filter(field: str, ids: list[int]) -> Q:
    """``field IN ids`` — as a range when the sorted ids are consecutive (a whole park's chunk), which
    selects the same rows and spares binding a thousand parameters per query."""
    if ids and ids == sorted(ids) and ids[-1] - ids[0] + 1 == len(ids) and len(set(ids)) == len(ids):
        return Q(**{f"{field}__gte": ids[0], f"{field}__lte": ids[-1]})
    return Q(**{f"{field}__in": ids})


def _niche_years(since: int | None, on: dt.date) -> Decimal | None:
    """Full years in the niche market up to the end of last year (the entry year is not counted)."""
    if since is None:
        return None
    return Decimal(max(0, on.year - 1 - since))


def _tech_field(code: str) -> str | None:
    return code or None


def _recognition_rows(ids: list[int]) -> Iterator[tuple[int, e.RecognitionHeld]]:
    """Recognitions held, from the recognitions app when it is installed; nothing otherwise."""
    try:
        model = apps.get_model("recognitions", "Recognition")
    except LookupError:
        return
    names = {field.name for field in model._meta.get_fields()}
    expiry = next((n for n in ("valid_until", "expires_on", "valid_to") if n in names), None)
    ended = [n for n in ("revoked_on", "cancelled_on") if n in names]
    fields = ["enterprise_id", "scheme", "issued_on", expiry, "level", "number", *ended]
    fields = [name for name in fields if name is not None and (name == "enterprise_id" or name in names)]
    for row in model._default_manager.filter(id_filter("enterprise_id", ids)).values(*fields):
        if not row["scheme"] or row["scheme"] == "other":
            continue  # free-text "other" recognitions mean nothing to the rules
        expires = row.get(expiry) if expiry else None
        for name in ended:
            # A revoked or cancelled recognition stops the day before it ended.
            if row.get(name) is not None:
                stop = row[name] - dt.timedelta(days=1)
                expires = stop if expires is None else min(expires, stop)
        yield (
            row["enterprise_id"],
            e.RecognitionHeld(
                scheme=row["scheme"],
                issued_on=row["issued_on"],
                expires_on=expires,
                level=row.get("level") or "national",
                number=row.get("number") or "",
            ),
        )


def _ip(row: tuple) -> e.IPRecord:
    return e.IPRecord(**dict(zip(IP_ENGINE_FIELDS, row, strict=True)))


def _group(rows: Iterable[tuple]) -> dict[int, list[tuple]]:
    grouped: dict[int, list[tuple]] = defaultdict(list)
    for row in rows:
        grouped[row[0]].append(row[1:])
    return grouped


def registry_querysets(of_chunk: Q, on: dt.date) -> dict[str, QuerySet]:
    """The registry rows the facts of the enterprises ``of_chunk`` are built from: one query per table,
    value tuples led by the enterprise id, ordered by it (the benchmark reads the same ones raw)."""
    return {
        "years": AnnualData.objects.filter(of_chunk, year__lt=on.year)
        .order_by("enterprise_id", "year")
        .values_list("enterprise_id", *YEAR_FIELDS),
        "ips": IPRecord.objects.filter(of_chunk)
        .order_by("enterprise_id", "id")
        .values_list("enterprise_id", *IP_FIELDS),
        "awards": Award.objects.filter(of_chunk, year__lte=on.year)
        .order_by("enterprise_id", "year", "id")
        .values_list("enterprise_id", "level", "kind", "name", "year", "rank"),
        "standards": StandardWork.objects.filter(of_chunk, year__lte=on.year)
        .order_by("enterprise_id", "year", "id")
        .values_list("enterprise_id", "level", "year", "rank", "title"),
        "institutions": RDInstitution.objects.filter(of_chunk)
        .order_by("enterprise_id", "id")
        .values_list("enterprise_id", "kind", "level", "name"),
        "incidents": Incident.objects.filter(of_chunk, occurred_on__lte=on)
        .order_by("enterprise_id", "occurred_on", "id")
        .values_list("enterprise_id", "kind", "occurred_on", "removed_on"),
    }


def _chunk_facts(enterprises: list[tuple], on: dt.date) -> list[tuple[int, e.EnterpriseFacts]]:
    ids = [row[0] for row in enterprises]
    grouped = {
        name: _group(rows) for name, rows in registry_querysets(id_filter("enterprise_id", ids), on).items()
    }
    years, ips, awards = grouped["years"], grouped["ips"], grouped["awards"]
    standards, institutions, incidents = grouped["standards"], grouped["institutions"], grouped["incidents"]
    recognitions: dict[int, list[e.RecognitionHeld]] = defaultdict(list)
    for enterprise_id, held in _recognition_rows(ids):
        recognitions[enterprise_id].append(held)

    found = []
    for pk, uscc, name, registered_on, industry, field, emerging, since, province in enterprises:
        facts = e.EnterpriseFacts(
            uscc=uscc,
            name=name,
            registered_on=registered_on,
            registered_in_qinghai=QINGHAI in (province or "") if province else None,
            industry_code=industry or "",
            tech_field=_tech_field(field),
            strategic_emerging=emerging,
            niche_market_years=_niche_years(since, on),
            years=tuple(
                e.YearData(*row)
                if YEARS_POSITIONAL
                else e.YearData(**dict(zip(YEAR_FIELDS, row, strict=True)))
                for row in years.get(pk, ())
            ),
            ips=tuple(_ip(row) for row in ips.get(pk, ())),
            awards=tuple(
                e.Award(
                    level=LEVELS.get(level, level), kind=AWARD_KINDS.get(kind, kind), name=n, year=y, rank=r
                )
                for level, kind, n, y, r in awards.get(pk, ())
            ),
            standards=tuple(
                e.StandardWork(level=level, year=y, rank=r, name=title)
                for level, y, r, title in standards.get(pk, ())
            ),
            institutions=tuple(
                e.RDInstitution(
                    kind=INSTITUTION_KINDS.get(kind, kind), level=LEVELS.get(level, level), name=n
                )
                for kind, level, n in institutions.get(pk, ())
            ),
            recognitions=tuple(sorted(recognitions.get(pk, ()), key=lambda r: (r.issued_on, r.scheme))),
            incidents=tuple(
                e.Incident(kind=kind, occurred_on=occurred, removed_on=removed)
                for kind, occurred, removed in incidents.get(pk, ())
            ),
        )
        found.append((pk, facts))
    return found


ENTERPRISE_FIELDS = (
    "pk",
    "uscc",
    "name",
    "registered_on",
    "industry_code",
    "tech_field",
    "strategic_emerging",
    "niche_market_since",
    "park__province",
)


def iter_facts(enterprises, on: dt.date, chunk: int = CHUNK) -> Iterator[list[tuple[int, e.EnterpriseFacts]]]:
    """Yield lists of (enterprise id, facts) for an Enterprise queryset, ``chunk`` enterprises at a time.

    The enterprise rows stream through a server-side cursor on PostgreSQL (``iterator``), so a whole
    park is never held in memory at once.
    """
    rows = enterprises.order_by("pk").values_list(*ENTERPRISE_FIELDS).iterator(chunk_size=chunk)
    while batch := list(itertools.islice(rows, chunk)):
        yield _chunk_facts(batch, on)


def facts_for_ids(ids: list[int], on: dt.date) -> list[tuple[int, e.EnterpriseFacts]]:
    """(enterprise id, facts) for the enterprises ``ids`` (one chunk), in id order."""
    rows = list(
        Enterprise.objects.filter(id_filter("pk", ids)).order_by("pk").values_list(*ENTERPRISE_FIELDS)
    )
    return _chunk_facts(rows, on)


def load_facts(enterprise: Enterprise, on: dt.date) -> e.EnterpriseFacts:
    """The facts of one enterprise as known on ``on``."""
    for _pk, facts in facts_for_ids([enterprise.pk], on):
        return facts
    raise Enterprise.DoesNotExist
