from datetime import timedelta

from django.db.models import Q, QuerySet

from innoladder.accounts.choices import Role

from .auditlog import AuditFilterForm
from .models import AuditEntry, AuditEntryEnterprise, Job
from .scoping import VIEW, audit_log_q, for_user


def may_read_audit_log(user) -> bool:
    """Whether the audit log's pages exist for the user: the audit roles (a park-scoped auditor bound to
    no park gets the page, empty)."""
    return user.is_authenticated and (user.role == Role.AUDITOR or audit_log_q(user, VIEW) is not None)


def audit_entries_for(user) -> QuerySet[AuditEntry]:
    """The entries the user may read (core.scoping's audit rule), newest first."""
    return for_user(AuditEntry, user, VIEW)


# The audit list's filter fields and the lookup each one applies (dates and free text are handled apart).
AUDIT_FILTERS = (
    ("actor", "actor_name__icontains"),
    ("event", "event_type"),
    ("result", "result"),
    ("object_type", "object_type"),
    ("object_id", "object_id"),
)


def audit_entry_list(user, form: AuditFilterForm) -> QuerySet[AuditEntry]:
    """The user's entries narrowed by a valid filter form; none for an invalid one (its errors are shown)."""
    qs = audit_entries_for(user)
    if not form.is_valid():
        return qs.none()
    data = form.cleaned_data
    if data.get("start"):
        qs = qs.filter(ts__gte=form.day_start(data["start"]))
    if data.get("end"):
        qs = qs.filter(ts__lt=form.day_start(data["end"] + timedelta(days=1)))
    for name, lookup in AUDIT_FILTERS:
        if data.get(name):
            qs = qs.filter(**{lookup: data[name]})
    if data.get("enterprise"):  # its own entries and the batched ones (an import's rows) holding rows of it
        held = AuditEntryEnterprise.objects.filter(enterprise_id=data["enterprise"]).values("entry_id")
        qs = qs.filter(Q(enterprise_id=data["enterprise"]) | Q(pk__in=held))
    if data.get("q"):
        qs = qs.filter(Q(object_repr__icontains=data["q"]) | Q(message__icontains=data["q"]))
    return qs.order_by("-ts", "-id")


def job_get(user, job_id) -> Job | None:
    qs = Job.objects.filter(pk=job_id)
    if user.role != Role.ADMIN:
        qs = qs.filter(created_by=user)
    return qs.first()
