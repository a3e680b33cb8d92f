"""Background job: generate a work report with progress, one step per fact provider."""

import datetime as dt

from innoladder.core.jobs import JobContext, JobError, register
from innoladder.enterprises.models import Park, Region

from .selectors import can_write
from .services import ReportError, report_generate


@register("reports.generate", atomic=False)
def generate(ctx: JobContext) -> dict:
    """Not wrapped in one transaction, so the progress page sees each provider finish; the report itself
    is written atomically by `report_generate`."""
    user = ctx.job.created_by
    if ctx.params.get("region"):
        park = Region.objects.filter(pk=ctx.params["region"]).first()
    else:
        park = Park.objects.filter(pk=ctx.params.get("park")).first()
    if user is None or park is None or not can_write(user, park):
        raise JobError("无权为该园区或区域生成工作总结")
    start = dt.date.fromisoformat(ctx.params["start"])
    end = dt.date.fromisoformat(ctx.params["end"])

    def progress(done: int, total: int, key: str) -> None:
        if ctx.job.total != total:
            ctx.set_total(total)
        ctx.step(done, f"正在统计（{done}/{total}）")

    try:
        report = report_generate(user=user, park=park, start=start, end=end, progress=progress)
    except ReportError as exc:
        raise JobError(str(exc)) from exc
    return {
        "message": f"已生成{report.title}，共 {len(report.facts)} 项数据",
        "url": report.get_absolute_url(),
        "link_text": "查看工作总结",
        "report": report.pk,
    }
