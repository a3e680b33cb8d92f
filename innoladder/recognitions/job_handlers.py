import datetime as dt

from django.utils import timezone

from innoladder.core import jobs, schedule

from .reminders import send_reminders

REMINDERS_JOB = "recognitions_send_reminders"


@jobs.register(REMINDERS_JOB)
def send_reminders_job(ctx: jobs.JobContext) -> dict:
    today = dt.date.fromisoformat(ctx.params["today"]) if ctx.params.get("today") else timezone.localdate()

    def progress(done: int, total: int) -> None:
        if ctx.job.total != total:
            ctx.set_total(total)
        ctx.step(done)

    return send_reminders(today, progress=progress)


# The daily reminder run (obligations at 90/30/7 days and overdue); a worker that was down at 07:00
# runs it when it comes back. Without a "today" parameter the run uses the date it actually runs on.
REMINDERS = schedule.periodic(
    "recognitions.reminders", kind=REMINDERS_JOB, title="发送保存量到期提醒", at=dt.time(7, 0)
)
