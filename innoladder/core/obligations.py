"""Obligations calendar items (保存量): each app that creates deadlines provides `<app>/obligations.py`
with `items(user, start, end) -> list[ObligationItem]`, already scoped to what the user may see.
The recognitions app gathers them into the calendar and sends reminders keyed by `ObligationItem.key`.
"""

import datetime as dt
from dataclasses import dataclass

from innoladder.core.contributions import app_modules


@dataclass(frozen=True)
class ObligationItem:
    key: str  # stable identity, e.g. "hnte-annual-report:42:2025"; reminders are never sent twice per key
    due_on: dt.date
    kind: str  # e.g. hnte_expiry, hnte_annual_report, tsme_annual_update, project_milestone
    title: str  # Chinese, e.g. "高新技术企业年报（2025年度）"
    enterprise_id: int | None
    enterprise_name: str
    url: str = ""
    note: str = ""


def gather(user, start: dt.date, end: dt.date) -> list[ObligationItem]:
    items: list[ObligationItem] = []
    # The core app's own module is this contract, not a provider.
    for _, module in app_modules("obligations"):
        items.extend(module.items(user, start, end))
    return sorted(items, key=lambda item: (item.due_on, item.enterprise_name, item.key))
