"""Audit trail helpers: every change, login and export writes one AuditEntry in the same transaction."""

import contextvars
import datetime as dt
import uuid
from decimal import Decimal

from django.db import models
from django.db.models.fields.files import FieldFile

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
    ctx = _request_context.get() or {}
    actor = user if user is not None else ctx.get("user")
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=(actor.get_username() if actor else "")[:150],
        actor_role=getattr(actor, "role", "") if actor else "",
        source_ip=ctx.get("ip"),
        request_id=ctx.get("request_id") or "",
        event_type=event_type,
        object_type=object_type or (obj._meta.label if obj is not None else ""),
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=(object_repr or (str(obj) if obj is not None else ""))[:300],
        enterprise_id=enterprise_id if enterprise_id is not None else _enterprise_id_of(obj),
        result=result,
        changes=changes or {},
        message=message,
    )
