import datetime as dt

from innoladder.accounts.models import User
from innoladder.core.jobs import JobContext, register

from . import services
from .models import Submission


@register("collection_reassess")
def collection_reassess(ctx: JobContext) -> dict:
    submission = Submission.objects.select_related("enterprise").get(pk=ctx.params["submission"])
    user = User.objects.filter(pk=ctx.params.get("user")).first()
    ctx.set_total(1)
    changes = services.reassess(submission, dt.date.fromisoformat(ctx.params["on"]), user)
    ctx.step(1)
    return {
        "message": "；".join(changes) if changes else "已重新评估，结果无变化",
        "url": submission.enterprise.get_absolute_url(),
        "link_text": "查看企业",
    }
