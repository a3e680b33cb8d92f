"""Reminders for obligations: at 90, 30 and 7 days before the due date and once overdue.

Each (user, f"{item.key}:{threshold}") is notified at most once (the notification centre enforces it), so the
command can run daily, be re-run, or run late without duplicates. Only the most urgent threshold reached is
sent: an item first seen 20 days ahead gets the 30-day reminder, not the 90-day one as well.
"""

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse

from innoladder.accounts.choices import Role
from innoladder.accounts.models import User
from innoladder.core.notifications import notify
from innoladder.core.obligations import ObligationItem, gather
from innoladder.enterprises.models import Enterprise

from . import choices as c
from . import rules
from .models import Application, Batch

LOOKAHEAD_DAYS = 90
# Overdue reminders only for items that fell due recently, so a first run does not flood old history.
OVERDUE_LOOKBACK_DAYS = 30


@dataclass(frozen=True)
class SystemUser:
    """Sees every park: the reminder run gathers all items, then picks recipients per item."""

    is_authenticated: bool = True
    is_active: bool = True
    role: str = Role.ADMIN
    pk: None = None


def recipients_for(item: ObligationItem) -> list[User]:
    park_id = None
    users: dict[int, User] = {}
    if item.enterprise_id is not None:
        enterprise = (
            Enterprise.objects.select_related("assigned_officer").filter(pk=item.enterprise_id).first()
        )
        if enterprise is None:
            return []
        park_id = enterprise.park_id
        for user in User.objects.filter(role=Role.ENTERPRISE, enterprise=enterprise, is_active=True):
            users[user.pk] = user
        if enterprise.assigned_officer is not None and enterprise.assigned_officer.is_active:
            users[enterprise.assigned_officer.pk] = enterprise.assigned_officer
    elif item.key.startswith("batch:"):
        batch = Batch.objects.filter(pk=int(item.key.split(":")[1])).first()
        if batch is None:
            return []
        park_id = batch.park_id
        applicants = Application.objects.filter(batch=batch, status__in=c.OPEN_STATUSES).values(
            "enterprise_id"
        )
        for user in User.objects.filter(role=Role.ENTERPRISE, enterprise__in=applicants, is_active=True):
            users[user.pk] = user
    if park_id is not None:
        for user in User.objects.filter(role=Role.OFFICER, parks=park_id, is_active=True):
            users[user.pk] = user
    return list(users.values())


def urgency(due_on: dt.date, today: dt.date) -> str:
    """How far the due date is from today, as titles state it: 今天到期, 明天到期, 3天后到期, 已逾期2天."""
    days = (due_on - today).days
    if days == 0:
        return "今天到期"
    if days == 1:
        return "明天到期"
    if days > 1:
        return f"{days}天后到期"
    return f"已逾期{-days}天"


def _title(item: ObligationItem, today: dt.date) -> str:
    """The real remaining days on the day the reminder is sent (the threshold only decides whether)."""
    who = f"{item.enterprise_name}：" if item.enterprise_name else ""
    return f"【{urgency(item.due_on, today)}】{who}{item.title}"


def send_reminders(today: dt.date, progress=None) -> dict:
    """Notify everyone concerned for each item at its current threshold; returns counts for the report."""
    items = gather(
        SystemUser(),
        today - dt.timedelta(days=OVERDUE_LOOKBACK_DAYS),
        today + dt.timedelta(days=LOOKAHEAD_DAYS),
    )
    sent = 0
    skipped = 0
    for index, item in enumerate(items, start=1):
        threshold = rules.reminder_threshold(item.due_on, today)
        if threshold is None:
            continue
        body = f"到期日：{item.due_on:%Y-%m-%d}。{item.note}".strip()
        for user in recipients_for(item):
            note = notify(
                user,
                key=f"{item.key}:{threshold}",
                title=_title(item, today),
                body=body,
                url=item.url or reverse("obligation_list"),
            )
            if note is None:
                skipped += 1
            else:
                sent += 1
        if progress is not None:
            progress(index, len(items))
    return {
        "items": len(items),
        "sent": sent,
        "skipped": skipped,
        "message": f"发送提醒 {sent} 条，已发过 {skipped} 条",
    }
