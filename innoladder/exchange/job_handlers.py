from innoladder.core import schedule
from innoladder.core.jobs import JobContext, JobError, register

from . import services


@register(services.EXPORT_JOB, atomic=False)
def export(ctx: JobContext) -> dict:
    """Not one transaction: the progress page sees the pages of rows go by; the export only reads."""
    try:
        return services.export_run(job=ctx.job, set_total=ctx.set_total, step=ctx.step)
    except services.ExportRefused as exc:
        raise JobError(str(exc)) from exc


@register(services.PURGE_JOB, atomic=False)
def purge(ctx: JobContext) -> dict:
    deleted = services.purge_exports()
    return {"deleted": deleted, "message": f"已删除 {deleted} 个过期的交换数据文件"}


schedule.periodic(
    services.PURGE_JOB, kind=services.PURGE_JOB, title="删除过期的交换数据导出文件", every_minutes=15
)
