"""Audit trail helpers: every change, login and export writes one AuditEntry in the same transaction."""

import contextvars
import datetime as dt
import uuid
from decimal import Decimal

from django.db import connections, models, router
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from .models import AuditEntry

_request_context: contextvars.ContextVar[dict | None] = contextvars.ContextVar("audit_request", default=None)


def set_request_context(*, user=None, ip: str | None = None, request_id: str | None = None):
    return _request_context.set({"user": user, "ip": ip, "request_id": request_id or str(uuid.uuid4())})


def reset_request_context(token) -> None:
    _request_context.reset(token)


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def snapshot(instance: models.Model) -> dict:
    """The instance's concrete field values as JSON-friendly data (FKs as ids)."""
    data = {}
    for field in instance._meta.concrete_fields:
        if field.name in ("created_at", "updated_at", "password"):
            continue
        data[field.attname] = _plain(getattr(instance, field.attname))
    return data


def diff(before: dict, after: dict) -> dict:
    keys = set(before) | set(after)
    return {k: [before.get(k), after.get(k)] for k in sorted(keys) if before.get(k) != after.get(k)}


def _enterprise_id_of(obj) -> int | None:
    if obj is None:
        return None
    path = getattr(obj, "scope_enterprise_path", None)
    if path == "":
        return obj.pk
    if path == "enterprise":
        return obj.enterprise_id
    return None


def _who(user) -> dict:
    """Actor and request of an entry: the given user, else the request's (anonymous counts as none)."""
    ctx = _request_context.get() or {}
    actor = user if user is not None else ctx.get("user")
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return {
        "actor_id": actor.pk if actor else None,
        "actor_name": (actor.get_username() if actor else "")[:150],
        "actor_role": getattr(actor, "role", "") if actor else "",
        "source_ip": ctx.get("ip"),
        "request_id": ctx.get("request_id") or "",
    }


def record(
    event_type: str,
    *,
    obj: models.Model | None = None,
    changes: dict | None = None,
    message: str = "",
    user=None,
    result: str = "success",
    enterprise_id: int | None = None,
    object_type: str = "",
    object_repr: str = "",
) -> AuditEntry:
    return AuditEntry.objects.create(
        **_who(user),
        event_type=event_type,
        object_type=object_type or (obj._meta.label if obj is not None else ""),
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=(object_repr or (str(obj) if obj is not None else ""))[:300],
        enterprise_id=enterprise_id if enterprise_id is not None else _enterprise_id_of(obj),
        result=result,
        changes=changes or {},
        message=message,
    )


def record_many(
    event_type: str,
    items: list[tuple[type[models.Model], object, dict, str, int | None]],
    *,
    message: str = "",
    user=None,
    result: str = "success",
    batch_size: int = 2000,
) -> int:
    """One AuditEntry per item for bulk writes (imports) that must still audit every created or changed
    row, in the caller's transaction. Each item is (model, object id, changes, object repr, enterprise
    id); `changes` must be JSON-ready (as `snapshot`/`diff` give). Actor, request, time and message are
    shared. Written with executemany (plain INSERTs, portable): Django's bulk_create spent about 9× as
    long preparing the same rows. Returns the number of entries."""
    if not items:
        return 0
    conn = connections[router.db_for_write(AuditEntry)]
    meta = AuditEntry._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    shared = {
        "ts": timezone.now(),
        **_who(user),
        "event_type": event_type,
        "result": result,
        "message": message,
    }
    per_row = ("object_type", "object_id", "object_repr", "enterprise_id", "changes")
    unknown = {f.attname for f in fields} - set(shared) - set(per_row)
    if unknown:
        raise TypeError(f"record_many does not fill AuditEntry fields {sorted(unknown)}")
    # Columns: the shared ones first (prepared once), then the per-row ones in `per_row` order.
    shared_fields = [f for f in fields if f.attname in shared]
    fixed = [f.get_db_prep_save(shared[f.attname], conn) for f in shared_fields]
    changes_field = meta.get_field("changes")
    quote = conn.ops.quote_name
    columns = ", ".join(quote(f.column) for f in [*shared_fields, *(meta.get_field(a) for a in per_row)])
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608 - model meta
    labels: dict[type, str] = {}
    rows = []
    for model, object_id, changes, object_repr, enterprise_id in items:
        label = labels.get(model)
        if label is None:
            label = labels[model] = model._meta.label
        rows.append(
            [
                *fixed,
                label,
                "" if object_id is None else str(object_id),
                (object_repr or "")[:300],
                enterprise_id,
                changes_field.get_db_prep_save(changes or {}, conn),
            ]
        )
    with conn.cursor() as cursor:
        for start in range(0, len(rows), batch_size):
            cursor.executemany(sql, rows[start : start + batch_size])
    return len(rows)
