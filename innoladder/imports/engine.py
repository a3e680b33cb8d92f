"""Validate every row of a parsed sheet into a plan (dry run), and write a plan all-or-nothing.

The plan holds model instances to create, instances to update (with the changed fields) and the number
of unchanged rows, plus every row error. Writing uses bulk operations inside one transaction and then
re-checks every written row against the importing user's "change" scope (NetBox's post-check): one row
outside scope rolls the whole import back.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection, models, transaction
from django.utils import timezone

from innoladder.accounts.choices import Role
from innoladder.core.scoping import CHANGE, for_user
from innoladder.enterprises.models import Enterprise

from . import datasets as d
from . import values
from .datasets import CellError, Dataset
from .reader import ParsedSheet

BULK_BATCH = 500
CHECK_CHUNK = 900


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


@dataclass
class Plan:
    dataset: Dataset
    creates: list[models.Model] = field(default_factory=list)
    updates: list[tuple[models.Model, tuple[str, ...]]] = field(default_factory=list)
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    rows_total: int = 0

    @property
    def error_rows(self) -> int:
        return len({e.row for e in self.errors})


def make_context(user, dataset: Dataset, *, batch=None, today: dt.date | None = None) -> ImportContext:
    ctx = ImportContext(user=user, dataset=dataset, today=today or timezone.localdate(), batch=batch)
    if any(c.type == d.ENTERPRISE for c in dataset.columns) or dataset.model is Enterprise:
        ctx.enterprise_ids = dict(for_user(Enterprise.objects.all(), user, CHANGE).values_list("uscc", "pk"))
    return ctx


def _display(raw) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        return raw.strftime("%Y-%m-%d") if raw.time() == dt.time() else raw.isoformat(sep=" ")
    if isinstance(raw, dt.date):
        return raw.isoformat()
    return str(raw)[:200]


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


def build_plan(dataset: Dataset, parsed: ParsedSheet, ctx: ImportContext) -> Plan:
    """Dry run: convert and check every row, match natural keys, decide create/update/unchanged."""
    plan = Plan(dataset=dataset, rows_total=len(parsed.rows))
    matches = list(parsed.matches.values())
    text_limits = _text_limits(dataset)
    key_attnames = dataset.key_attnames
    converted: list[tuple[int, dict, tuple, str]] = []
    seen_keys: dict[tuple, int] = {}
    headers = {m.column.field: m.original for m in matches}
    key_headers = "、".join(parsed.matches[f].original for f in dataset.natural_key if f in parsed.matches)
    key_indexes = [parsed.matches[f].index for f in dataset.natural_key if f in parsed.matches]
    is_empty = values.is_empty
    specs = [
        (
            m.index,
            m.column.attname,
            m.column.required,
            m.original,
            values.converter_for(m.column, m.unit, ctx),
            text_limits.get(m.column.field),
        )
        for m in matches
    ]
    for row_number, raw_values in parsed.rows:
        width = len(raw_values)
        vals: dict = {}
        row_errors: list[RowError] = []
        for index, attname, required, original, converter, limit in specs:
            raw = raw_values[index] if index < width else None
            if raw is None or (type(raw) is str and is_empty(raw)):
                if required:
                    row_errors.append(RowError(row_number, original, "", "必填项不能为空"))
                continue
            try:
                value = converter(raw)
            except CellError as exc:
                row_errors.append(RowError(row_number, original, _display(raw), str(exc)))
                continue
            if limit is not None and len(value) > limit:
                row_errors.append(
                    RowError(row_number, original, _display(raw), f"内容过长：最多 {limit} 个字符")
                )
                continue
            vals[attname] = value
        if not row_errors and dataset.clean is not None:
            for field_name, message in (dataset.clean(vals, ctx) or {}).items():
                header = headers.get(field_name, "") if field_name else ""
                raw = ""
                if field_name in headers:
                    col = dataset.column(field_name)
                    raw = _display(vals.get(col.attname))
                row_errors.append(RowError(row_number, header or "（整行）", raw, message))
        if row_errors:
            plan.errors.extend(row_errors)
            continue
        key = tuple(vals[a] for a in key_attnames)
        key_raw = " / ".join(_display(raw_values[i]).strip() if i < width else "" for i in key_indexes)
        first = seen_keys.get(key)
        if first is not None:
            plan.errors.append(RowError(row_number, key_headers, key_raw, f"与第 {first} 行重复"))
            continue
        seen_keys[key] = row_number
        converted.append((row_number, vals, key, key_raw))
    existing = _load_existing(dataset, [key for _, _, key, _ in converted])
    writable_existing = _writable_pks(dataset.model, [obj.pk for obj in existing.values()], ctx.user)
    defaults = dataset.resolved_defaults(ctx)
    stamp = dataset.resolved_stamp(ctx)
    has_version = any(f.name == "version" for f in dataset.model._meta.concrete_fields)
    has_updated_at = any(f.name == "updated_at" for f in dataset.model._meta.concrete_fields)
    new_row_check = _new_row_check(dataset, ctx)
    model = dataset.model
    now = timezone.now()
    for row_number, vals, key, key_raw in converted:
        obj = existing.get(key)
        if obj is None:
            merged = {**defaults, **vals, **stamp}
            problem = new_row_check(merged)
            if problem:
                plan.errors.append(RowError(row_number, key_headers, key_raw, problem))
                continue
            plan.creates.append(model(**merged))
            continue
        if obj.pk not in writable_existing:
            plan.errors.append(
                RowError(
                    row_number,
                    key_headers,
                    key_raw,
                    "该记录不在您的管理范围内，无权修改",
                )
            )
            continue
        changed = [a for a, v in vals.items() if getattr(obj, a) != v]
        if not changed:
            plan.unchanged += 1
            continue
        for attname in changed:
            setattr(obj, attname, vals[attname])
        for attname, value in stamp.items():
            if getattr(obj, attname) != value:
                setattr(obj, attname, value)
                changed.append(attname)
        if has_version:
            obj.version += 1
            changed.append("version")
        if has_updated_at:
            obj.updated_at = now
            changed.append("updated_at")
        plan.updates.append((obj, tuple(changed)))
    plan.errors.sort(key=lambda e: e.row)
    return plan


def _load_existing(dataset: Dataset, keys: list[tuple]) -> dict[tuple, models.Model]:
    """Existing records by natural key, fetched in chunks on the key's first column."""
    if not keys:
        return {}
    attnames = dataset.key_attnames
    firsts = sorted({k[0] for k in keys}, key=str)
    wanted = set(keys)
    found: dict[tuple, models.Model] = {}
    manager = dataset.model._base_manager
    for start in range(0, len(firsts), CHECK_CHUNK):
        chunk = firsts[start : start + CHECK_CHUNK]
        for obj in manager.filter(**{f"{attnames[0]}__in": chunk}):
            key = tuple(getattr(obj, a) for a in attnames)
            if key in wanted:
                found[key] = obj
    return found


def _writable_pks(model, pks: list, user) -> set:
    allowed: set = set()
    for start in range(0, len(pks), CHECK_CHUNK):
        chunk = pks[start : start + CHECK_CHUNK]
        allowed.update(
            for_user(model._base_manager.filter(pk__in=chunk), user, CHANGE).values_list("pk", flat=True)
        )
    return allowed


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
    """Write the plan in one transaction with bulk operations, then post-check scope; all or nothing."""
    model = plan.dataset.model
    total = len(plan.creates) + len(plan.updates)
    done = 0
    with transaction.atomic():
        for start in range(0, len(plan.creates), BULK_BATCH):
            chunk = plan.creates[start : start + BULK_BATCH]
            model._base_manager.bulk_create(chunk)
            done += len(chunk)
            if progress:
                progress(done, f"已写入 {done}/{total} 行")
        groups: dict[tuple[str, ...], list] = defaultdict(list)
        for obj, fields in plan.updates:
            groups[fields].append(obj)
        for fields, objs in groups.items():
            _update_many(model, objs, fields)
            done += len(objs)
            if progress:
                progress(done, f"已写入 {done}/{total} 行")
        written = [obj.pk for obj in plan.creates] + [obj.pk for obj, _ in plan.updates]
        if any(pk is None for pk in written):
            written = _refetch_pks(plan)
        allowed = _writable_pks(model, written, user)
        outside = len(set(written) - allowed)
        if outside:
            raise ScopeViolation(
                f"有 {outside} 行数据不在您的管理范围内（只能导入本人有权修改的企业的数据），"
                "已全部回滚，未写入任何数据。"
            )
    return {"created": len(plan.creates), "updated": len(plan.updates), "unchanged": plan.unchanged}


def _update_many(model, objs: list, attnames: tuple[str, ...]) -> None:
    """One parameterised UPDATE per row through executemany: portable SQL, and far quicker than
    bulk_update's CASE WHEN on wide rows (measured about 6× on 25-column annual data).

    Versioned models keep optimistic locking: a row edited by someone since it was read is not
    overwritten; the import fails and rolls back instead.
    """
    meta = model._meta
    fields = [meta.get_field(a) for a in attnames]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    where = f"{quote(meta.pk.column)} = %s"
    versioned = "version" in attnames
    if versioned:
        where += f" AND {quote(meta.get_field('version').column)} = %s"
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {where}"  # noqa: S608 - names from model meta
    pk_field = meta.pk
    with connection.cursor() as cursor:
        for start in range(0, len(objs), BULK_BATCH):
            chunk = objs[start : start + BULK_BATCH]
            params = []
            for obj in chunk:
                row = [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields]
                row.append(pk_field.get_db_prep_save(obj.pk, connection))
                if versioned:
                    row.append(obj.version - 1)
                params.append(row)
            cursor.executemany(sql, params)
            if versioned and cursor.rowcount != len(chunk):
                raise ConcurrentEdit("导入期间有记录被他人修改，已全部回滚，未写入任何数据。请重新上传预检。")


def _refetch_pks(plan: Plan) -> list:
    """Databases that do not return ids from bulk inserts: find the written rows again by natural key."""
    keys = [tuple(getattr(obj, a) for a in plan.dataset.key_attnames) for obj in plan.creates]
    found = _load_existing(plan.dataset, keys)
    return [found[k].pk for k in keys] + [obj.pk for obj, _ in plan.updates]
