"""Job handlers of the core app (other apps register theirs in their own job_handlers module)."""

import datetime as dt

from innoladder.core.contributions import app_modules

from . import audit_check, schedule
from .jobs import JobContext, JobError, register

AUDIT_VERIFY_JOB = "core.verify_audit"


@register("selftest")
def selftest(ctx: JobContext) -> dict:
    """Counts to `n`, reporting progress: used to check that workers run and report."""
    n = int(ctx.params.get("n", 10))
    ctx.set_total(n)
    for i in range(1, n + 1):
        ctx.step(i, f"第 {i}/{n} 步")
    return {"message": f"自检完成，共 {n} 步", "count": n}


@register(AUDIT_VERIFY_JOB, atomic=False)
def verify_audit(ctx: JobContext) -> dict:
    """The audit hash chain's daily check (core.audit_chain): records the outcome, notifies the security
    administrators and fails the job at a broken link. Not in one transaction: on SQLite that would hold
    the writer lock for the whole check."""
    result = audit_check.verify_and_alert()
    if not result.ok:
        raise JobError(result.summary())
    return {"message": result.summary(), "checked": result.checked}


# 等保 DB-AU-LOG-3: the chain is verified every night; `manage.py verify_audit` runs the same check.
schedule.periodic("core.verify_audit", kind=AUDIT_VERIFY_JOB, title="审计日志完整性校验", at=dt.time(2, 30))


def load_all() -> None:
    app_modules("job_handlers")  # importing each app's handlers registers them
