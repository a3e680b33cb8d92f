from django.db.models import QuerySet

from innoladder.accounts.choices import Role

from .models import AuditEntry, Job


def audit_entries_for(user) -> QuerySet[AuditEntry]:
    """The audit log is readable by 审计员 and 系统管理员 only."""
    if not user.is_authenticated or user.role not in (Role.ADMIN, Role.AUDITOR):
        return AuditEntry.objects.none()
    return AuditEntry.objects.select_related("actor")


def job_get(user, job_id) -> Job | None:
    qs = Job.objects.filter(pk=job_id)
    if user.role != Role.ADMIN:
        qs = qs.filter(created_by=user)
    return qs.first()
