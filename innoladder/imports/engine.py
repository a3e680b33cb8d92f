"""Validate every row of a parsed sheet into a plan, and write a plan all-or-nothing.

The plan holds the field values of records to create, the changes of existing records (the changed
fields' new values and their audit diff) and the number of unchanged rows, plus every row error; the
dry run's plan holds only the counts and the errors. Writing uses
executemany INSERT/UPDATE statements inside one transaction, writes one audit entry per written row, and
re-checks every written row against the importing user's "change" scope (NetBox's post-check): one row
outside scope rolls the whole import back.

Speed (issue 6: 50,000 annual-data rows): existing records are loaded once in chunks by natural key as
the driver returns them (`stored.py`), each column's converter is resolved once per file, no per-row
query, form or full_clean runs, and the scope checks are one query each.
"""

from __future__ import annotations

import datetime as dt
import operator
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connections, models, router, transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils import timezone

from innoladder.accounts.choices import Role
from innoladder.core import audit
from innoladder.core.models import AuditEvent
from innoladder.core.scoping import CHANGE, for_user
from innoladder.enterprises.models import Enterprise

from . import columns, values
from . import datasets as d
from .columns import display
from .datasets import Dataset
from .reader import ParsedSheet
from .stored import StoredRows

BULK_BATCH = 2000
CHECK_CHUNK = 900
_MISSING = object()


_CONCURRENT_EDIT = "导入期间有记录被他人修改，已全部回滚，未写入任何数据。请重新上传预检。"


class ConcurrentEdit(Exception):
    """A record changed between reading and writing it; the transaction is rolled back."""


class ScopeViolation(Exception):
    """A written row is outside the importing user's change scope; the transaction is rolled back."""


@dataclass
class RowError:
    row: int
    header: str
    raw: str
    message: str

    def as_list(self) -> list:
        return [self.row, self.header, self.raw, self.message]


@dataclass
class ImportContext:
    """What converters, clean hooks and defaults may use: the user, the dataset and lookups."""

    user: object
    dataset: Dataset
    today: dt.date
    enterprise_ids: dict[str, int] = field(default_factory=dict)  # uscc → id, writable only
    batch: object | None = None
    cache: dict = field(default_factory=dict)  # for custom converters' lookups

    @property
    def writable_enterprise_ids(self) -> set[int]:
        return set(self.enterprise_ids.values())

    def enterprise_value(self, enterprise_id: int, field: str):
        """A field of a row's enterprise (its park, its code …), read once per import and enterprise."""
        known = self.cache.setdefault(f"enterprise.{field}", {})
        if enterprise_id not in known:
            known[enterprise_id] = (
                Enterprise.objects.filter(pk=enterprise_id).values_list(field, flat=True).first()
            )
        return known[enterprise_id]


@dataclass
class NewRow:
    """A record to create: its field values by attname (row values, defaults and stamp) and a label."""

    values: dict
    label: str


@dataclass
class Change:
    """An existing record's changes: the new values of the changed attnames (version and update time
    included), the audit trail's diff ({attname: [old, new]} as JSON-ready values, as audit.diff
    writes it), and the record's enterprise for the audit trail."""

    pk: object
    values: dict
    diff: dict
    label: str
    enterprise_id: int | None = None

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(self.values)


@dataclass
class Plan:
    dataset: Dataset
    creates: list[NewRow] = field(default_factory=list)
    updates: list[Change] = field(default_factory=list)
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    rows_total: int = 0
    created: int = 0  # counted also when the plan holds no rows (a dry run's count-only plan)
    updated: int = 0
    # The converted columns a commit may take as they are: (row numbers, columns.reusable(...)).
    converted: tuple | None = None

    @property
    def error_rows(self) -> int:
        return len({e.row for e in self.errors})


def make_context(user, dataset: Dataset, *, batch=None, today: dt.date | None = None) -> ImportContext:
    ctx = ImportContext(user=user, dataset=dataset, today=today or timezone.localdate(), batch=batch)
    if any(c.type == d.ENTERPRISE for c in dataset.columns) or dataset.model is Enterprise:
        ctx.enterprise_ids = dict(for_user(Enterprise.objects.all(), user, CHANGE).values_list("uscc", "pk"))
    return ctx


def _text_limits(dataset: Dataset) -> dict[str, int]:
    limits = {}
    for col in dataset.columns:
        if col.type in (d.TEXT, d.USCC) and col.parse is None:
            try:
                model_field = dataset.model._meta.get_field(col.field)
            except LookupError:
                continue
            if getattr(model_field, "max_length", None):
                limits[col.field] = col.max_length or model_field.max_length
    return limits


def build_plan(
    dataset: Dataset, parsed: ParsedSheet, ctx: ImportContext, *, counts_only: bool = False
) -> Plan:
    """Convert and check every row, match natural keys, decide create/update/unchanged.

    With counts_only (the dry run) the plan holds the errors and the counts but not the rows to write:
    a row is known to change at its first changed value, and no old values are read for the audit.
    """
    plan = Plan(dataset=dataset, rows_total=len(parsed.rows))
    matches = list(parsed.matches.values())
    unitless = _unitless_money(matches)
    for m in unitless:
        plan.errors.append(
            RowError(parsed.header_row, m.original, m.original, values.unit_problem(m.column, None))
        )
    unread = {m.column.field for m in unitless}
    text_limits = _text_limits(dataset)
    by_name = _foreign_keys_by_name(dataset.model)
    key_attnames = _key_columns(dataset)
    converted: list[tuple[int, dict, tuple, tuple]] = []
    seen_keys: dict[tuple, int] = {}
    headers = {m.column.field: m.original for m in matches}
    key_headers = "、".join(parsed.matches[f].original for f in dataset.natural_key if f in parsed.matches)
    key_indexes = [parsed.matches[f].index for f in dataset.natural_key if f in parsed.matches]
    specs = [
        columns.Spec(
            index=m.index,
            attname=m.column.attname,
            required=m.column.required,
            header=m.original,
            converter=values.converter_for(m.column, m.unit, ctx),
            column_converter=values.column_converter_for(m.column, m.unit),
            limit=text_limits.get(m.column.field),
            reuse_key=_reuse_key(m, text_limits.get(m.column.field)),
        )
        for m in matches
        if m.column.field not in unread
    ]
    attnames = [spec.attname for spec in specs]
    numbers = [number for number, _ in parsed.rows]
    reuse = None
    if parsed.converted is not None and parsed.converted[0] == numbers:
        reuse = parsed.converted[1]
    cells = columns.convert([raw for _, raw in parsed.rows], specs, reuse)
    plan.converted = (numbers, columns.reusable(cells, specs))
    cell_errors = cells.errors
    absent = columns.ABSENT
    clean = dataset.clean
    errors = plan.errors
    for position, ((row_number, raw_values), row) in enumerate(zip(parsed.rows, cells.rows(), strict=True)):
        if cells.complete:
            vals = dict(zip(attnames, row, strict=True))
        else:
            vals = {a: v for a, v in zip(attnames, row, strict=True) if v is not absent}
        problems = cell_errors.get(position)
        row_errors = [RowError(row_number, *p) for p in problems] if problems else []
        if not row_errors and clean is not None:
            for field_name, message in (clean(vals, ctx) or {}).items():
                header = headers.get(field_name, "") if field_name else ""
                raw = ""
                if field_name in headers:
                    col = dataset.column(field_name)
                    raw = display(vals.get(col.attname))
                row_errors.append(RowError(row_number, header or "（整行）", raw, message))
        if row_errors:
            errors.extend(row_errors)
            continue
        for name, attname in by_name:  # a record given by a clean hook: stored as its id
            if name in vals:
                value = vals.pop(name)
                vals[attname] = value.pk if isinstance(value, models.Model) else value
        key = tuple([vals[a] for a in key_attnames])
        first = seen_keys.get(key)
        if first is not None:
            errors.append(
                RowError(row_number, key_headers, _key_raw(raw_values, key_indexes), f"与第 {first} 行重复")
            )
            continue
        seen_keys[key] = row_number
        converted.append((row_number, vals, key, raw_values))
    defaults = dataset.resolved_defaults(ctx)
    stamp = dataset.resolved_stamp(ctx)
    stored = StoredRows(dataset.model, _read_fields(dataset.model, key_attnames, converted, stamp))
    existing = _load_existing(dataset, [key for _, _, key, _ in converted], stored=stored)
    pk_at = stored.index[dataset.model._meta.pk.attname]
    writable_existing = _writable_pks(dataset.model, [row[pk_at] for row in existing.values()], ctx.user)
    version_at = stored.index.get("version")
    has_updated_at = "updated_at" in {f.attname for f in dataset.model._meta.concrete_fields}
    enterprise_at = _enterprise_position(dataset.model, stored)
    new_row_check = _new_row_check(dataset, ctx)
    now = timezone.now()
    title = dataset.title
    if not counts_only:  # the changes of every matched row the user may change, column by column
        matched = [(row, vals) for _, vals, key, _ in converted if (row := existing.get(key)) is not None]
        matched = [(row, vals) for row, vals in matched if row[pk_at] in writable_existing]
        befores, stamped, diffs = _changes(stored, matched, stamp)
        befores, stamped, diffs = iter(befores), iter(stamped), iter(diffs)
        labels = iter(_key_texts([raw for *_, raw in converted], key_indexes, f"{title} "))
    for row_number, vals, key, raw_values in converted:
        label = "" if counts_only else next(labels)
        row = existing.get(key)
        if row is None:
            merged = {**defaults, **vals, **stamp}
            problem = new_row_check(merged)
            if problem:
                errors.append(RowError(row_number, key_headers, _key_raw(raw_values, key_indexes), problem))
                continue
            plan.created += 1
            if not counts_only:
                plan.creates.append(NewRow(merged, label))
            continue
        pk = row[pk_at]
        if pk not in writable_existing:
            errors.append(
                RowError(
                    row_number,
                    key_headers,
                    _key_raw(raw_values, key_indexes),
                    "该记录不在您的管理范围内，无权修改",
                )
            )
            continue
        if counts_only:
            if stored.differs(row, vals):
                plan.updated += 1
            else:
                plan.unchanged += 1
            continue
        before, extra, diff = next(befores), next(stamped), next(diffs)
        if not before:
            plan.unchanged += 1
            continue
        plan.updated += 1
        new_values = {a: vals[a] for a in before}
        for attname in extra:
            new_values[attname] = stamp[attname]
        if version_at is not None:
            new_values["version"] = row[version_at] + 1
        if has_updated_at:
            new_values["updated_at"] = now
        enterprise_id = pk if enterprise_at == -1 else None if enterprise_at is None else row[enterprise_at]
        plan.updates.append(Change(pk, new_values, diff, label, enterprise_id))
    errors.sort(key=lambda e: e.row)
    return plan


def _changes(stored: StoredRows, matched: list[tuple[tuple, dict]], stamp: dict) -> tuple[list, list, list]:
    """For each matched (stored row, imported values): the stored values of the changed fields, those of
    the stamp's fields that change with them, and the audit trail's diff ({attname: [old, new]} as
    JSON-ready values), found and written column by column."""
    rows = [row for row, _ in matched]
    vals_list = [vals for _, vals in matched]
    columns: list = []
    befores = stored.changes_many(rows, vals_list, columns)
    diffs: list[dict] = [{} for _ in rows]
    for attname, positions, olds in columns:
        news = _json_column([vals_list[p][attname] for p in positions])
        for position, old, new in zip(positions, _json_column(olds), news, strict=True):
            diffs[position][attname] = [old, new]
    stamped: list[dict] = [{}] * len(rows)
    if stamp:  # the stamp's fields change only with a row that changes
        changing = [p for p, before in enumerate(befores) if before]
        columns = []
        found = stored.changes_many([rows[p] for p in changing], [stamp] * len(changing), columns)
        stamped = [{} for _ in rows]
        for p, extra in zip(changing, found, strict=True):
            stamped[p] = extra
        for attname, positions, olds in columns:
            new = _plain(stamp[attname])
            for position, old in zip(positions, _json_column(olds), strict=True):
                diffs[changing[position]][attname] = [old, new]
    return befores, stamped, diffs


def _reuse_key(match, limit: int | None) -> tuple | None:
    """What identifies a column's conversion when it depends on nothing but the cells and the header
    (not a dataset's own parse, which may look things up, nor an enterprise code, matched against the
    user's scope as it is when converting)."""
    col = match.column
    if col.parse is not None or col.type == d.ENTERPRISE:
        return None
    return (col.field, match.index, match.unit, col.type, limit)


def _unitless_money(matches: list) -> list:
    """The money columns whose header in the file names no unit: one error for the file (at its header
    row), and the column is not read, so nothing is written and no amount is guessed."""
    return [m for m in matches if m.column.type == d.MONEY and m.column.parse is None and not m.unit]


def _key_columns(dataset: Dataset) -> tuple[str, ...]:
    """The natural key's attnames as stored: a foreign key given by name ("project") is its id column."""
    meta = dataset.model._meta
    return tuple(meta.get_field(a).attname for a in dataset.key_attnames)


def _foreign_keys_by_name(model) -> list[tuple[str, str]]:
    """(name, attname) of the model's foreign keys: "project" → "project_id"."""
    return [(f.name, f.attname) for f in model._meta.concrete_fields if f.name != f.attname]


def _key_raw(raw_values: tuple, key_indexes: list[int]) -> str:
    width = len(raw_values)
    return " / ".join(display(raw_values[i]).strip() if i < width else "" for i in key_indexes)


def _read_fields(model, key_attnames: tuple, converted: list, stamp: dict) -> set[str]:
    """The fields of existing records an import reads: the id, version, enterprise, natural key, and
    every field a row or the stamp gives (what is compared)."""
    wanted = {model._meta.pk.attname, "version", "enterprise_id", *key_attnames, *stamp}
    for names in {tuple(vals) for _, vals, _, _ in converted}:
        wanted.update(names)
    return wanted


def _key_texts(raw_rows: list[tuple], key_indexes: list[int], prefix: str) -> list[str]:
    """`prefix` + `_key_raw` of every row, column by column."""
    if not key_indexes:
        return [prefix] * len(raw_rows)
    parts = []
    for i in key_indexes:
        cells = [r[i] if i < len(r) else None for r in raw_rows]
        kinds = set(map(type, cells))
        if kinds == {str} and max(map(len, cells)) <= 200:
            parts.append(list(map(str.strip, cells)))
        elif kinds == {int}:
            parts.append(list(map(str, cells)))
        else:
            parts.append([display(cell).strip() for cell in cells])
    return list(map(prefix.__add__, map(" / ".join, zip(*parts, strict=True))))


def _load_existing(
    dataset: Dataset, keys: list[tuple], stored: StoredRows | None = None
) -> dict[tuple, tuple]:
    """Existing records by natural key as raw rows (`stored`'s order, by default every field), fetched in
    chunks on the key's first column."""
    if not keys:
        return {}
    stored = stored or StoredRows(dataset.model)
    attnames = _key_columns(dataset)
    positions = [stored.index[a] for a in attnames]
    as_stored = not any(stored.needs_python(a) for a in attnames)
    firsts = sorted({k[0] for k in keys}, key=str)
    wanted = set(keys)
    found: dict[tuple, tuple] = {}
    for start in range(0, len(firsts), CHECK_CHUNK):
        chunk = firsts[start : start + CHECK_CHUNK]
        for row in stored.rows(**{f"{attnames[0]}__in": chunk}):
            if as_stored:
                key = tuple([row[i] for i in positions])
            else:
                key = tuple(stored.python(a, row[i]) for a, i in zip(attnames, positions, strict=True))
            if key in wanted:
                found[key] = row
    return found


def _enterprise_position(model, stored: StoredRows) -> int | None:
    """Where a stored row holds its enterprise for the audit trail: -1 for the id itself (an enterprise),
    the enterprise_id column, or None (park-level records)."""
    path = getattr(model, "scope_enterprise_path", None)
    if path == "":
        return -1
    if path == "enterprise":
        return stored.index["enterprise_id"]
    return None


def _writable_pks(model, pks: list, user) -> set:
    """Which of these ids the user may change, in one query whatever their number.

    The query asks for every id within the ids' range that the user's change scope lets through,
    instead of `pk IN (…)` chunks: with the scope's join, SQLite plans those chunks enterprise by
    enterprise, once per chunk, which made the check the slowest step of a 50,000-row import.
    """
    if not pks:
        return set()
    qs = model._base_manager.all()
    if all(type(pk) is int for pk in pks):
        qs = qs.filter(pk__gte=min(pks), pk__lte=max(pks))
    wanted = set(pks)
    return {pk for pk in for_user(qs, user, CHANGE).values_list("pk", flat=True).iterator() if pk in wanted}


def _new_row_check(dataset: Dataset, ctx: ImportContext) -> Callable[[dict], str]:
    """Whether the user may create a record with these values (before writing; the post-check repeats it)."""
    path = dataset.model.scope_enterprise_path
    user = ctx.user
    staff = user.role in (Role.ADMIN, Role.OFFICER)
    if path == "":
        park_ids = None if user.role == Role.ADMIN else set(user.parks.values_list("pk", flat=True))

        def check_enterprise(vals: dict) -> str:
            if not staff:
                return "您无权新增企业，只能更新本企业的信息"
            park_id = vals.get("park_id")
            if park_id is None:
                return "新增企业须填写所属园区"
            if park_ids is not None and park_id not in park_ids:
                return "新增企业的所属园区不在您的管理范围内"
            return ""

        return check_enterprise
    if path == "enterprise":
        writable = ctx.writable_enterprise_ids

        def check_child(vals: dict) -> str:
            if vals.get("enterprise_id") not in writable:
                return "未找到该企业，或您无权导入该企业的数据"
            return ""

        return check_child
    return lambda vals: "" if staff else "只有园区工作人员可以导入该数据"


def write_plan(plan: Plan, user, *, progress: Callable[[int, str], None] | None = None) -> dict:
    """Write the plan in one transaction with bulk statements, audit every written row, then post-check
    scope; all or nothing."""
    model = plan.dataset.model
    total = len(plan.creates) + len(plan.updates)
    done = 0
    db = router.db_for_write(model)
    conn = connections[db]
    with transaction.atomic(using=db):
        writer = _RowWriter(model, conn)
        for start in range(0, len(plan.creates), BULK_BATCH):
            chunk = plan.creates[start : start + BULK_BATCH]
            writer.insert([row.values for row in chunk])
            done += len(chunk)
            if progress:
                progress(done, f"已写入 {done}/{total} 行")
        groups: dict[tuple[str, ...], list[Change]] = defaultdict(list)
        for change in plan.updates:
            groups[change.fields].append(change)
        for fields, changes in groups.items():
            writer.update(changes, fields)
            done += len(changes)
            if progress:
                progress(done, f"已写入 {done}/{total} 行")
        created_pks = writer.created_pks(plan)
        written = created_pks + [change.pk for change in plan.updates]
        outside = _count_outside_scope(model, written, user)
        if outside:
            raise ScopeViolation(
                f"有 {outside} 行数据不在您的管理范围内（只能导入本人有权修改的企业的数据），"
                "已全部回滚，未写入任何数据。"
            )
        _audit_rows(plan, created_pks, user)
    return {"created": len(plan.creates), "updated": len(plan.updates), "unchanged": plan.unchanged}


class _RowWriter:
    """INSERT and UPDATE through executemany with portable, parameterised SQL (INSERT by one COPY
    stream on PostgreSQL, where a server round of planning per row made most of the commit's wall time).

    Django's bulk_create prepares every value through the query compiler, which on a 25-column,
    50,000-row import cost more than everything else together; here each field's preparation is chosen
    once: values that already have the column's exact Python type (int, str, Decimal) go to the driver
    as they are, everything else through the field's own get_db_prep_save. Field defaults (callables
    per row) and auto_now/auto_now_add are applied as Django's save would.
    """

    def __init__(self, model, conn):
        self.model = model
        self.conn = conn
        meta = model._meta
        self.pk_field = meta.pk
        self.auto_pk = isinstance(meta.pk, models.AutoField | models.BigAutoField | models.SmallAutoField)
        self.fields = [f for f in meta.concrete_fields if not (f.primary_key and self.auto_pk)]
        self.preps = {f.attname: self._prep_for(f) for f in meta.concrete_fields}
        # Foreign keys given by name with an instance (a dataset's defaults or stamp; sheet values are
        # turned into ids in build_plan): stored under the attname as the instance's id.
        self.by_name = _foreign_keys_by_name(model)

    def _prep_for(self, field) -> tuple[frozenset, Callable]:
        """(the value types the driver takes as they are for this field, the preparation of any other)."""
        conn = self.conn
        kind = type(field)
        if isinstance(field, models.ForeignKey):
            kind = type(field.target_field)
        if kind in _INT_FIELDS or kind in (models.AutoField, models.BigAutoField, models.SmallAutoField):
            exact = frozenset((int, type(None)))
        elif kind in (models.CharField, models.TextField):
            exact = frozenset((str, type(None)))
        elif kind is models.DecimalField:
            adapt = conn.ops.adapt_decimalfield_value
            digits, places = field.max_digits, field.decimal_places
            as_is = type(conn.ops).adapt_decimalfield_value is BaseDatabaseOperations.adapt_decimalfield_value

            def decimal(value):
                if type(value) is Decimal:
                    return adapt(value, digits, places)
                return field.get_db_prep_save(value, conn)

            return frozenset((Decimal, type(None))) if as_is else frozenset(), decimal
        else:
            last = [_MISSING, None]  # the same value again (the import's one timestamp): prepared once

            def other(value):
                if value is last[0]:
                    return last[1]
                prepared = field.get_db_prep_save(value, conn)
                last[0], last[1] = value, prepared
                return prepared

            return frozenset(), other

        def simple(value):
            if value is None or type(value) in exact:
                return value
            return field.get_db_prep_save(value, conn)

        return exact, simple

    def _column(self, attname: str, values: list) -> list:
        """One field's values of many rows as the driver takes them: as they are when every one already
        has a type the driver takes for this field, else each prepared by the field."""
        exact, prep = self.preps[attname]
        if exact and exact.issuperset(map(type, values)):
            return values
        if values and len(set(map(id, values))) == 1:  # one object in every row: a stamp, the import's time
            return [prep(values[0])] * len(values)
        return list(map(prep, values))

    def _fillers(self) -> tuple[dict, dict]:
        """What rows get besides their own values: ({attname: time} for auto_now/auto_now_add, set on
        every row), ({attname: (is a per-row callable, default)} for a field a row leaves out)."""
        now = timezone.now()
        today = timezone.localdate()
        times, defaults = {}, {}
        for f in self.fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                times[f.attname] = now if isinstance(f, models.DateTimeField) else today
            elif f.has_default() and callable(f.default):
                defaults[f.attname] = (True, f.get_default)
            else:
                defaults[f.attname] = (False, f.get_default())
        return times, defaults

    def insert(self, rows: list[dict]) -> None:
        """INSERT the rows; each row dict gets the defaults and times it was written with."""
        if not rows:
            return
        quote = self.conn.ops.quote_name
        meta = self.model._meta
        columns = ", ".join(quote(f.column) for f in self.fields)
        marks = ", ".join(["%s"] * len(self.fields))
        sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608 - model meta
        times, defaults = self._fillers()
        wanted = set(defaults)
        by_name = self.by_name
        for row in rows:
            for name, attname in by_name:
                if name in row:
                    value = row.pop(name)
                    row[attname] = value.pk if isinstance(value, models.Model) else value
            missing = wanted.difference(row)
            for attname in missing:
                per_row, default = defaults[attname]
                row[attname] = default() if per_row else default
            row.update(times)
        prepared = [self._column(f.attname, [row[f.attname] for row in rows]) for f in self.fields]
        with self.conn.cursor() as cursor:
            if self.conn.vendor == "postgresql":  # one COPY stream instead of one INSERT per row
                copy_sql = f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN"
                with cursor.cursor.copy(copy_sql) as copy:
                    for values in zip(*prepared, strict=True):
                        copy.write_row(values)
            else:
                cursor.executemany(sql, list(zip(*prepared, strict=True)))

    def update(self, changes: list[Change], attnames: tuple[str, ...]) -> None:
        """One parameterised UPDATE per row through executemany: portable SQL, and far quicker than
        bulk_update's CASE WHEN on wide rows.

        Versioned models keep optimistic locking: a row edited by someone since it was read is not
        overwritten; the import fails and rolls back instead.
        """
        meta = self.model._meta
        quote = self.conn.ops.quote_name
        fields = [meta.get_field(a) for a in attnames]
        assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
        where = f"{quote(meta.pk.column)} = %s"
        versioned = "version" in attnames
        if versioned:
            where += f" AND {quote(meta.get_field('version').column)} = %s"
        sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {where}"  # noqa: S608 - model meta
        if self.conn.vendor == "postgresql":
            self._update_by_copy(changes, fields, versioned)
            return
        with self.conn.cursor() as cursor:
            for start in range(0, len(changes), BULK_BATCH):
                chunk = changes[start : start + BULK_BATCH]
                prepared = [self._column(f.attname, [c.values[f.attname] for c in chunk]) for f in fields]
                prepared.append(self._column(meta.pk.attname, [c.pk for c in chunk]))
                if versioned:
                    prepared.append([c.values["version"] - 1 for c in chunk])
                cursor.executemany(sql, list(zip(*prepared, strict=True)))
                if versioned and cursor.rowcount != len(chunk):
                    raise ConcurrentEdit(_CONCURRENT_EDIT)

    def _update_by_copy(self, changes: list[Change], fields: list, versioned: bool) -> None:
        """PostgreSQL: the new values by one COPY into a temporary table of the table's own column types,
        then one UPDATE … FROM it (with the version check), instead of one UPDATE per row."""
        meta = self.model._meta
        quote = self.conn.ops.quote_name
        table = quote(meta.db_table)
        pk = quote(meta.pk.column)
        names = [quote(f.column) for f in fields]
        old_version = quote("import_old_version")
        staging = quote(f"import_update_{uuid.uuid4().hex}")
        picked = ", ".join(
            [pk, *names] + ([f"{quote(meta.get_field('version').column)} AS {old_version}"] * versioned)
        )
        assignments = ", ".join(f"{name} = s.{name}" for name in names)
        where = f"t.{pk} = s.{pk}"
        if versioned:
            where += f" AND t.{quote(meta.get_field('version').column)} = s.{old_version}"
        prepared = [self._column(meta.pk.attname, [c.pk for c in changes])]
        prepared += [self._column(f.attname, [c.values[f.attname] for c in changes]) for f in fields]
        if versioned:
            prepared.append([c.values["version"] - 1 for c in changes])
        with self.conn.cursor() as cursor:
            cursor.execute(f"CREATE TEMPORARY TABLE {staging} AS SELECT {picked} FROM {table} WITH NO DATA")  # noqa: S608
            with cursor.cursor.copy(f"COPY {staging} FROM STDIN") as copy:
                for values in zip(*prepared, strict=True):
                    copy.write_row(values)
            cursor.execute(f"UPDATE {table} AS t SET {assignments} FROM {staging} AS s WHERE {where}")  # noqa: S608
            updated = cursor.rowcount
            cursor.execute(f"DROP TABLE {staging}")
        if versioned and updated != len(changes):
            raise ConcurrentEdit(_CONCURRENT_EDIT)

    def created_pks(self, plan: Plan) -> list:
        """The ids of the inserted rows: generated here (UUID keys) or found again by natural key."""
        attname = self.pk_field.attname
        if not self.auto_pk:
            return [row.values[attname] for row in plan.creates]
        key_columns = list(_key_columns(plan.dataset))
        keys = [tuple(row.values[a] for a in key_columns) for row in plan.creates]
        found = _load_pks(self.model, key_columns, keys)
        pks = []
        for row, key in zip(plan.creates, keys, strict=True):
            pk = found[key]
            row.values[attname] = pk
            pks.append(pk)
        return pks


_INT_FIELDS = (
    models.IntegerField,
    models.SmallIntegerField,
    models.BigIntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.PositiveBigIntegerField,
)


def _load_pks(model, columns: list[str], keys: list[tuple]) -> dict[tuple, object]:
    """Natural key (as stored: attnames) → id, fetched in chunks on the key's first column."""
    if not keys:
        return {}
    pk_name = model._meta.pk.attname
    firsts = sorted({k[0] for k in keys}, key=str)
    wanted = set(keys)
    found: dict[tuple, object] = {}
    manager = model._base_manager
    for start in range(0, len(firsts), CHECK_CHUNK):
        chunk = firsts[start : start + CHECK_CHUNK]
        for pk, *key in manager.filter(**{f"{columns[0]}__in": chunk}).values_list(pk_name, *columns):
            key = tuple(key)
            if key in wanted:
                found[key] = pk
    return found


def _count_outside_scope(model, pks: list, user) -> int:
    """How many of these written rows the user may not change (read back from the database)."""
    return len(set(pks) - _writable_pks(model, pks, user))


_NATIVE = frozenset((int, str, bool, float, type(None)))


def _plain(value):
    """JSON-ready, as audit.snapshot writes values (Decimal and UUID as text, dates in ISO format)."""
    kind = type(value)
    if kind is Decimal:
        return str(value)
    if kind in _NATIVE:
        return value
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


_NOT_AUDITED = ("created_at", "updated_at", "password")
_PLAIN_FIELDS = (*_INT_FIELDS, models.CharField, models.TextField, models.BooleanField)


def _json_ready(field) -> bool:
    """Whether the field's values go into JSON as they are (numbers, text, booleans, integer ids)."""
    if isinstance(field, models.ForeignKey):
        field = field.target_field
    return isinstance(field, _PLAIN_FIELDS)


def _audit_rows(plan: Plan, created_pks: list, user) -> None:
    """Every written row audited, as object_create/object_update would (the created record's values, or
    each changed field's old and new value), in a few batched entries (`audit.record_batch`): one entry
    per row cost more than validating and writing the row together."""
    model = plan.dataset.model
    path = getattr(model, "scope_enterprise_path", None)
    message = f"Excel导入（{plan.dataset.title}）"
    if plan.creates:
        values = [row.values for row in plan.creates]  # a written row holds every field (insert filled them)
        fields = tuple(f.attname for f in model._meta.concrete_fields if f.name not in _NOT_AUDITED)
        special = {f.attname for f in model._meta.concrete_fields if not _json_ready(f)}
        columns = []
        for attname in fields:
            column = list(map(operator.itemgetter(attname), values))
            columns.append(_json_column(column) if attname in special else column)
        if path == "":
            owners = list(created_pks)
        elif path == "enterprise":
            owners = list(map(operator.itemgetter("enterprise_id"), values))
        else:
            owners = [None] * len(values)
        rows = audit.BatchRows(
            model,
            list(created_pks),
            owners,
            [row.label for row in plan.creates],
            fields=fields,
            columns=columns,
        )
        audit.record_batch(AuditEvent.CREATE, rows, message=message, user=user)
    if plan.updates:
        changes = plan.updates
        rows = audit.BatchRows(
            model,
            [c.pk for c in changes],
            [c.enterprise_id for c in changes],
            [c.label for c in changes],
            diffs=[c.diff for c in changes],
        )
        audit.record_batch(AuditEvent.UPDATE, rows, message=message, user=user)


def _json_column(column: list) -> list:
    """One field's values of many rows as JSON takes them (Decimal and UUID as text, dates in ISO format)."""
    kinds = set(map(type, column))
    if kinds <= _NATIVE:
        return column
    if kinds == {Decimal}:
        return list(map(str, column))
    return list(map(_plain, column))
