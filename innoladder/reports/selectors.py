"""Reads of the reports module: which parks and reports a user may see, and the rows behind a figure."""

from django.apps import apps
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext

from innoladder.accounts.choices import Role
from innoladder.core.scoping import VIEW, enterprise_q, is_staff_role, region_park_ids
from innoladder.enterprises.models import Park, Region
from innoladder.enterprises.selectors import region_list

from .facts import Fact
from .models import WorkReport
from .providers import ENTERPRISE_READ

READERS = (Role.ADMIN, Role.OFFICER, Role.AUDITOR, Role.REGIONAL)


def _reader(user) -> bool:
    return user.is_authenticated and user.is_active and user.role in READERS


def parks_for(user) -> QuerySet[Park]:
    """Parks whose reports and dashboards the user may read: admin all, officers and auditors their parks,
    a regional officer the parks of their region (and its sub-regions), nobody else."""
    if not _reader(user):
        return Park.objects.none()
    if user.role == Role.ADMIN:
        return Park.objects.all()
    if user.role == Role.REGIONAL:
        return Park.objects.filter(pk__in=region_park_ids(user))
    own = user.parks.all()
    return Park.objects.filter(pk__in=own.values("pk"))


def regions_for(user) -> QuerySet[Region]:
    """Regions whose added-up reports and dashboards the user may read (`region_list`)."""
    return region_list(user)


def park_get(user, pk) -> Park:
    return get_object_or_404(parks_for(user), pk=pk)


def region_get(user, pk) -> Region:
    return get_object_or_404(regions_for(user), pk=pk)


def default_park(user, requested=None) -> Park | None:
    """The park asked for in the query string (404 when out of scope), else the user's first park."""
    if requested not in (None, ""):
        try:
            return park_get(user, int(requested))
        except (TypeError, ValueError):
            return None
    return parks_for(user).order_by("name").first()


def default_scope(user, params) -> Park | Region | None:
    """What a report page counts, from its query string: `scope=region:<id>`, `region=<id>` or `park=<id>`
    (404 when out of scope); else a regional officer's own region, anyone else's first park."""
    kind, _, pk = (params.get("scope") or "").partition(":")
    if kind in ("park", "region"):
        params = {kind: pk}
    requested = params.get("region")
    if requested not in (None, ""):
        try:
            return region_get(user, int(requested))
        except (TypeError, ValueError):
            return None
    if params.get("park") in (None, "") and user.is_authenticated and user.role == Role.REGIONAL:
        return regions_for(user).filter(pk=user.region_id).first()
    return default_park(user, params.get("park"))


def scope_query(scope) -> str:
    """The query string naming a scope, for links: "region=3" or "park=1"."""
    kind = "region" if isinstance(scope, Region) else "park"
    return f"{kind}={scope.pk}"


def scope_choices(user) -> list[tuple[str, list[tuple[str, str]]]]:
    """The regions, then the parks, the user may choose as a report's scope ("region:3", "park:1")."""
    groups = []
    regions = [(f"region:{r.pk}", r.name) for r in regions_for(user).order_by("division_code")]
    if regions:
        groups.append((gettext("区域（各园区合计）"), regions))
    groups.append((gettext("园区"), [(f"park:{p.pk}", p.name) for p in parks_for(user).order_by("name")]))
    return groups


def can_write(user, scope) -> bool:
    """Generating and editing reports is the bureau's work: admins and the park's officers for a park; for
    a region, admins and the region's regional officers (the region's report is their own output, though
    they change no enterprise record)."""
    if isinstance(scope, Region):
        if not (user.is_authenticated and user.role in (Role.ADMIN, Role.REGIONAL)):
            return False
        return regions_for(user).filter(pk=scope.pk).exists()
    return is_staff_role(user) and parks_for(user).filter(pk=scope.pk).exists()


def report_list(user) -> QuerySet[WorkReport]:
    """Reports of the parks and the regions the user may read."""
    visible = Q(park__in=parks_for(user)) | Q(region__in=regions_for(user))
    return WorkReport.objects.filter(visible).select_related("park", "region", "created_by")


def report_get(user, pk) -> WorkReport:
    return get_object_or_404(report_list(user).prefetch_related("edits"), pk=pk)


def report_facts(report: WorkReport) -> list[Fact]:
    return [Fact.from_json(data) for data in report.facts]


def fact_get(report: WorkReport, key: str) -> Fact:
    data = report.fact(key)
    if data is None:
        from django.http import Http404

        raise Http404
    return Fact.from_json(data)


# Ids per `IN (…)` list: under the 999 parameters Django allows a SQLite query, with room for the others.
ID_CHUNK = 900


def _chunks(ids: list[int]):
    for start in range(0, len(ids), ID_CHUNK):
        yield ids[start : start + ID_CHUNK]


def _visible_ids(user, model, rows: dict, decided: dict[int, bool] | None = None) -> set[int]:
    """Of `rows` (rows of `model` by id), the ids `for_user(model, user)` keeps. `decided`: whether each
    enterprise is visible, as far as known (filled here), when several models' rows are scoped in turn.

    Decided on the enterprises at the model's scope path, in a query of their own: joined to the rows and
    filtered on the park, SQLite (without table statistics) drove the look-up from the park's enterprises
    and probed every id for each of them, enterprises × rows (issue 23). The same rule: a row is visible when
    an enterprise at its path is (`enterprise_q`); every row for a rule without condition."""
    condition = enterprise_q(user, VIEW)
    if condition is None:
        return set()
    if not condition:
        return set(rows)
    path = model.scope_enterprise_path
    if not path:
        pairs = [(pk, pk) for pk in rows]
    elif path == "enterprise" and model._meta.get_field(path).many_to_one:
        pairs = [(pk, row.enterprise_id) for pk, row in rows.items()]
    else:
        pairs = []
        for chunk in _chunks(sorted(rows)):
            found = model._default_manager.filter(pk__in=chunk).order_by()
            pairs.extend(found.values_list("pk", f"{path}__pk"))
    enterprise = apps.get_model("enterprises", "Enterprise")
    decided = {} if decided is None else decided
    for chunk in _chunks(sorted({e for _, e in pairs if e is not None and e not in decided})):
        decided.update(dict.fromkeys(chunk, False))
        found = enterprise._base_manager.filter(condition, pk__in=chunk).values_list("pk", flat=True)
        decided.update(dict.fromkeys(found, True))
    return {pk for pk, e in pairs if e is not None and decided[e]}


def _shown_fields(model, pk: int) -> set[str]:
    """The columns a row of `model` shows in a row list: those its name (`str`) and its link read, found on
    the row `pk` loaded with every column deferred (each one read is then loaded on its own)."""
    probe = model._default_manager.filter(pk=pk).only(model._meta.pk.attname).first()
    if probe is None:
        return set()
    deferred = probe.get_deferred_fields()
    str(probe)
    if hasattr(probe, "get_absolute_url"):
        probe.get_absolute_url()
    return deferred - probe.get_deferred_fields()


def _read_rows(model, wanted: set[int], dates: set[str], enterprises: dict[int, object]) -> dict[int, object]:
    """The rows of `model` with the ids `wanted`, by id: model objects holding the columns a row list shows
    (`_shown_fields`; any other is loaded when read) and `dates`, with their enterprise (its
    `ENTERPRISE_READ` columns, one object per enterprise in `enterprises`, shared by the models read in turn).

    Read as values by id in sorted chunks (each id a primary-key look-up) and built with `from_db`: a report
    counts tens of thousands of rows, and a queryset's object per row with every column converted and its
    enterprise built again for each row was most of the time of the report's tables (issue 23)."""
    ordered = sorted(wanted)
    meta = model._meta
    enterprise_model = apps.get_model("enterprises", "Enterprise")
    is_enterprise = meta.label == "enterprises.Enterprise"
    joined = not is_enterprise and any(f.name == "enterprise" and f.many_to_one for f in meta.concrete_fields)
    read = {meta.pk.attname} | {meta.get_field(name).attname for name in dates}
    if is_enterprise:
        read |= {meta.get_field(name).attname for name in ENTERPRISE_READ}
    elif joined:
        read.add(meta.get_field("enterprise").attname)
    read |= _shown_fields(model, ordered[0])
    # `from_db` takes the values in the order of the model's fields
    names = [f.attname for f in meta.concrete_fields if f.attname in read]
    enterprise_read = {enterprise_model._meta.get_field(name).attname for name in ENTERPRISE_READ}
    enterprise_names = [
        f.attname for f in enterprise_model._meta.concrete_fields if f.attname in enterprise_read
    ]
    columns = names + ([f"enterprise__{name}" for name in enterprise_names] if joined else [])
    db = model._default_manager.db
    width, key = len(names), enterprise_names.index(enterprise_model._meta.pk.attname)
    shared = is_enterprise and names == enterprise_names
    by_pk = {}
    for chunk in _chunks(ordered):
        for values in model._default_manager.filter(pk__in=chunk).order_by().values_list(*columns):
            if shared:
                # an enterprise counted as a row is the same object as the enterprise of other models' rows
                row = enterprises.get(values[key])
                if row is None:
                    row = enterprises[values[key]] = model.from_db(db, names, values)
                by_pk[row.pk] = row
                continue
            row = model.from_db(db, names, values[:width])
            if joined and values[width + key] is not None:
                enterprise = enterprises.get(values[width + key])
                if enterprise is None:
                    enterprise = enterprises[values[width + key]] = enterprise_model.from_db(
                        db, enterprise_names, values[width:]
                    )
                row.enterprise = enterprise
            by_pk[row.pk] = row
    return by_pk


def facts_rows(user, facts: list[Fact]) -> dict[str, list]:
    """The rows each figure counted (by fact key), as the viewer may see them now (scoped), in the order
    they were counted.

    The rows of one model are read once for all the figures counting them (`_read_rows`). Which of them the
    viewer may see is decided apart (`_visible_ids`)."""
    by_model: dict[str, set[int]] = {}
    dates: dict[str, set[str]] = {}
    for fact in facts:
        if fact.model and fact.row_ids:
            by_model.setdefault(fact.model, set()).update(fact.row_ids)
            dates.setdefault(fact.model, set()).update([fact.date_field] if fact.date_field else [])
    loaded: dict[str, dict] = {}
    enterprises: dict[int, object] = {}
    decided: dict[int, bool] = {}
    for label, wanted in by_model.items():
        model = apps.get_model(label)
        by_pk = _read_rows(model, wanted, dates[label], enterprises)
        visible = _visible_ids(user, model, by_pk, decided)
        loaded[label] = {pk: row for pk, row in by_pk.items() if pk in visible}
    result = {}
    for fact in facts:
        by_pk = loaded.get(fact.model, {}) if fact.row_ids else {}
        result[fact.key] = [by_pk[pk] for pk in fact.row_ids if pk in by_pk]
    return result


def fact_rows(user, fact: Fact) -> list:
    """The rows one figure counted, as the viewer may see them now (`facts_rows`)."""
    return facts_rows(user, [fact])[fact.key]
