"""Periodic account upkeep run by the job workers (core.schedule)."""

import datetime as dt

from django.conf import settings

from innoladder.core import schedule
from innoladder.core.jobs import JobContext, register

from . import services

DORMANT_JOB = "accounts.disable_dormant"


@register(DORMANT_JOB)
def disable_dormant(ctx: JobContext) -> dict:
    disabled = services.disable_dormant_accounts()
    return {
        "disabled": [user.username for user in disabled],
        "message": f"共停用 {len(disabled)} 个超过 {settings.ACCOUNT_DORMANT_DAYS} 天未登录的账户",
    }


# 等保 DB-AC-3: dormant accounts are disabled daily (a dormant account logging in earlier is disabled then).
schedule.periodic(
    "accounts.disable_dormant", kind=DORMANT_JOB, title="停用长期未登录的账户", at=dt.time(6, 50)
)
