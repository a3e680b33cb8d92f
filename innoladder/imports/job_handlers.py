from innoladder.core import schedule
from innoladder.core.jobs import JobContext, JobError, register

from . import services
from .models import ImportBatch

PURGE_JOB = "imports.purge_files"


@register(services.COMMIT_JOB, atomic=False, on_interrupted=services.batch_interrupted)
def commit_import(ctx: JobContext) -> dict:
    """Write one previewed import batch: reading and validation report progress; the writes run in one
    transaction inside batch_run_commit, so any error rolls the whole batch back."""
    batch = ImportBatch.objects.select_related("created_by").get(pk=ctx.params["batch_id"])
    try:
        return services.batch_run_commit(batch=batch, progress=ctx.step, set_total=ctx.set_total)
    except services.CommitFailed as exc:
        raise JobError(str(exc)) from exc


@register(PURGE_JOB, atomic=False)
def purge_files(ctx: JobContext) -> dict:
    """Not one transaction: the purge forgets the files in its own transaction before deleting them."""
    deleted = services.purge_stored_files()
    return {"deleted": deleted, "message": f"已删除 {deleted} 个导入上传文件"}


# Uploads are kept at most IMPORT_FILE_TTL_MINUTES plus this interval (security baseline DB-RI-2).
schedule.periodic("imports.purge_files", kind=PURGE_JOB, title="删除过期的导入上传文件", every_minutes=15)
