import datetime as dt

from django.utils import timezone

from innoladder.core import jobs

from .reminders import send_reminders


@jobs.register("recognitions_send_reminders")
def send_reminders_job(ctx: jobs.JobContext) -> dict:
    today = dt.date.fromisoformat(ctx.params["today"]) if ctx.params.get("today") else timezone.localdate()

    def progress(done: int, total: int) -> None:
        if ctx.job.total != total:
            ctx.set_total(total)
        ctx.step(done)

    return send_reminders(today, progress=progress)
