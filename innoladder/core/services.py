"""Generic audited writes with optimistic locking, used by every app's services."""

from django.db import transaction

from . import audit
from .models import AuditEvent


class StaleEditError(Exception):
    """Raised when an edit was made on a version that someone else has changed since."""

    def __init__(
        self, message: str = "该记录已被他人修改，您的修改未保存。请刷新页面查看最新内容后重新编辑。"
    ):
        super().__init__(message)
        self.message = message


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
