"""Background job "assess_batch": assess a filtered set of enterprises (or a whole park).

Not one big transaction: each chunk of enterprises is stored in its own transaction (in several
processes when the machine has the cores), so the progress page shows every stored chunk.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import DatabaseError
from django.urls import reverse

from innoladder.core import jobs

from . import selectors, services
from .models import Assessment

FILTER_KEYS = ("scheme", "standing", "park", "region", "industry", "tech_field", "q")


def batch_interrupted(job) -> dict:
    """The worker died mid-batch: each stored chunk is a whole transaction, so count what it stored (a
    chunk stored just before the kill may not have reported its progress)."""
    stored = Assessment.objects.filter(job=job).count()
    return {
        "message": f"后台任务中断（工作进程已停止）：已保存 {stored}/{job.total} 家企业的评估结果，"
        "其余未评估，请重新提交。",
        "url": reverse("candidate_list"),
        "link_text": "返回候选企业重新提交",
    }


@jobs.register(
    "assess_batch",
    atomic=False,
    failure_message="任务运行出错而中断：已保存 {progress}/{total} 家企业的评估结果，其余未评估，可重新提交；"
    "如反复出错请联系系统管理员。",
    on_interrupted=batch_interrupted,
)
def assess_batch(ctx: jobs.JobContext) -> dict:
    params = ctx.params
    user = get_user_model().objects.filter(pk=ctx.job.created_by_id).first()
    if user is None or not selectors.may_run_batch(user):
        raise jobs.JobError("提交任务的用户已无批量评估权限。")
    filters = {key: params.get(key) for key in FILTER_KEYS if params.get(key)}
    on = dt.date.fromisoformat(params["on"])
    queryset = selectors.batch_enterprises(user, filters)
    ctx.set_total(queryset.count())

    stored = [0]

    def progress(done: int, total: int) -> None:
        stored[0] = done
        ctx.step(done, f"已评估 {done}/{total} 家企业")

    try:
        summary = services.assess_many(
            user=user,
            queryset=queryset,
            on=on,
            progress=progress,
            job=ctx.job,
            workers=services.default_workers(),
        )
    except DatabaseError as error:
        # Chunks already stored stay stored (each is its own transaction): say so, not "rolled back".
        raise jobs.JobError(
            f"数据库出错，批量评估中断：已保存 {stored[0]} 家企业的评估结果，其余未评估，可重新提交。"
        ) from error
    # The list as of the batch's base date: its rows are then this batch's results.
    query = "&".join(f"{key}={value}" for key, value in filters.items() if key != "standing")
    query += ("&" if query else "") + f"as_of={on.isoformat()}"
    return {
        **summary,
        "message": f"已完成 {summary['enterprises']} 家企业的评估（基准日 {on.isoformat()}）。",
        "url": reverse("candidate_list") + (f"?{query}" if query else ""),
        "link_text": "查看候选企业",
    }
