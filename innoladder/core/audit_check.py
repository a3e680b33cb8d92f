"""The daily check of the audit log's hash chain (core.audit_chain): verify, record the outcome in the audit
log, and tell the security administrators when it breaks. The periodic job and `manage.py verify_audit` call
`verify_and_alert`."""

import logging

from django.urls import reverse
from django.utils import timezone

from innoladder.accounts.choices import Role
from innoladder.accounts.models import User

from . import audit
from .audit_chain import Verification, record_checkpoint, verify
from .models import AuditEvent
from .notifications import notify

logger = logging.getLogger("innoladder.core.audit_chain")


def security_admins():
    """Who is told when the chain breaks: the active 安全管理员 accounts."""
    return User.objects.filter(role=Role.SECADMIN, is_active=True)


def verify_and_alert(using: str = "default") -> Verification:
    """Verify the chain, record the outcome in the audit log, and on failure notify every security
    administrator (once a day per broken entry). The daily periodic job and `manage.py verify_audit`
    both call this."""
    result = verify(using)
    record_checkpoint(result, using)
    audit.record(
        AuditEvent.AUDIT_VERIFY,
        object_type="core.AuditEntry",
        object_id=str(result.broken_id) if result.broken_id is not None else "",
        object_repr="审计日志哈希链",
        result="success" if result.ok else "failure",
        message=result.summary(),
        changes={"checked": result.checked, "broken_id": result.broken_id},
    )
    if result.ok:
        # The checkpoint in the application log too: a copy outside the database to compare with later.
        logger.info("audit chain verified up to entry %s, hash %s", result.last_id, result.last_hash)
    else:
        logger.error("audit chain broken: %s", result.summary())
        day = timezone.localdate().isoformat()
        for user in security_admins():
            notify(
                user,
                key=f"audit-chain:{result.broken_id}:{day}",
                title="审计日志完整性校验失败",
                body=result.summary(),
                url=reverse("audit_list"),
            )
    return result
