from innoladder.core.jobs import JobContext, JobError, register

from . import services
from .models import ImportBatch


@register(services.COMMIT_JOB, atomic=False)
def commit_import(ctx: JobContext) -> dict:
    """Write one previewed import batch: reading and validation report progress; the writes run in one
    transaction inside batch_run_commit, so any error rolls the whole batch back."""
    batch = ImportBatch.objects.select_related("created_by").get(pk=ctx.params["batch_id"])
    try:
        return services.batch_run_commit(batch=batch, progress=ctx.step, set_total=ctx.set_total)
    except services.CommitFailed as exc:
        raise JobError(str(exc)) from exc
