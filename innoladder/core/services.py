"""Generic audited writes with optimistic locking, used by every app's services."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from . import audit
from .models import AuditEvent


class StaleEditError(Exception):
    """Raised when an edit was made on a version that someone else has changed since."""

    def __init__(self, message: str | None = None):
        message = message or gettext("该记录已被他人修改，请刷新后重试（您的修改未保存）。")
        super().__init__(message)
        self.message = message


class MissingVersionError(StaleEditError):
    """An edit that does not say which version it was made on: saving it could silently overwrite
    someone else's change, so it is refused like a stale one."""

    def __init__(self):
        super().__init__(
            gettext("提交的内容缺少版本号，无法确认该记录未被他人修改，您的修改未保存。请刷新后重试。")
        )


def posted_version(data, name: str = "version") -> int:
    """The version an edit form was loaded at, from the posted data (or a form's cleaned_data).

    Every edit view passes it on as `expected_version`; a missing, empty or non-numeric value raises
    MissingVersionError instead of falling back to the stored version (which would save blindly)."""
    value = data.get(name)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return int(value.strip())
    raise MissingVersionError()


def acting_user(user):
    """Who a record names as its author: the signed-in user, else None (a system or anonymous write)."""
    return user if user is not None and user.is_authenticated else None


@transaction.atomic
def object_create(instance, *, user=None, message: str = ""):
    instance.full_clean()
    instance.save()
    audit.record(
        AuditEvent.CREATE,
        obj=instance,
        changes={"after": audit.snapshot(instance)},
        user=user,
        message=message,
    )
    return instance


@transaction.atomic
def object_update(instance, *, user=None, expected_version: int | None = None, message: str = ""):
    """Save an edited instance; refuse when the stored version moved on since the form was loaded."""
    model = type(instance)
    current = model._default_manager.select_for_update().get(pk=instance.pk)
    version_field = hasattr(current, "version")
    if version_field and expected_version is not None and current.version != expected_version:
        raise StaleEditError()
    before = audit.snapshot(current)
    if version_field:
        instance.version = current.version + 1
    instance.full_clean()
    instance.save()
    after = audit.snapshot(instance)
    changes = audit.diff(before, after)
    changes.pop("version", None)
    if changes:
        audit.record(AuditEvent.UPDATE, obj=instance, changes=changes, user=user, message=message)
    return instance


@transaction.atomic
def object_delete(instance, *, user=None, message: str = ""):
    before = audit.snapshot(instance)
    audit.record(AuditEvent.DELETE, obj=instance, changes={"before": before}, user=user, message=message)
    instance.delete()


def _status_label(model, status: str):
    return dict(model._meta.get_field("status").flatchoices).get(status, status)


def check_step(record, to_status: str, transitions: dict, refusal: str) -> None:
    """Refuse to move `record` on from its status to `to_status` unless `transitions` ({from: (to, …)})
    allow it, with `refusal` naming the two statuses by their labels as `{current}` and `{to}`."""
    if to_status not in transitions.get(record.status, ()):
        model = type(record)
        raise ValidationError(
            refusal.format(current=_status_label(model, record.status), to=_status_label(model, to_status))
        )


def object_transition(current, to_status: str, *, user, before: dict, history, comment: str = ""):
    """The end of a status change on a record locked and checked by its service: the new status saved with
    the next version, a row of the `history` model (through its foreign key to the record's model), and the
    audit entry "从 → 到：comment" with what changed since `before` (the snapshot taken before the checks)."""
    model = type(current)
    link = next(f.name for f in history._meta.concrete_fields if f.is_relation and f.related_model is model)
    from_status = current.status
    current.status = to_status
    current.version += 1
    current.full_clean()
    current.save()
    history.objects.create(
        **{link: current}, from_status=from_status, to_status=to_status, actor=user, comment=comment
    )
    steps = f"{_status_label(model, from_status)} → {_status_label(model, to_status)}"
    audit.record(
        AuditEvent.TRANSITION,
        obj=current,
        user=user,
        changes=audit.diff(before, audit.snapshot(current)),
        message=steps + (f"：{comment}" if comment else ""),
    )
    return current
