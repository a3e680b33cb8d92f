"""Obligations (保存量) generated from recognitions, change events and batches, scoped to the user.

Kinds: hnte_expiry, hnte_rerecognition (window opens 1 January of the expiry year), hnte_annual_report
(31 May for each report year; two missed years → cancellation-risk note), change_report (3 months after
the change), tsme_annual_update (31 March after the registration year), review (专精特新/小巨人 复核 at
expiry), expiry (other schemes), batch_deadline.
"""

import datetime as dt

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from innoladder.core.obligations import ObligationItem

from . import choices as c
from . import rules, selectors
from .models import AnnualReport, Application, Recognition, rules_by_scheme

REVIEW_SCHEMES = (c.Scheme.SRDI_SME, c.Scheme.LITTLE_GIANT)
# A batch's deadlines (Batch.deadlines() names them in Chinese): marked here for the catalogue, translated
# when shown.
DEADLINE_LABELS = (
    gettext_noop("网上申报截止"),
    gettext_noop("纸质材料报送截止"),
    gettext_noop("批次申报截止"),
)


def _item(
    rec: Recognition, key: str, due_on: dt.date, kind: str, title: str, note: str = ""
) -> ObligationItem:
    return ObligationItem(
        key=key,
        due_on=due_on,
        kind=kind,
        title=title,
        enterprise_id=rec.enterprise_id,
        enterprise_name=rec.enterprise.name,
        url=reverse("recognition_detail", args=[rec.pk]),
        note=note,
    )


def recognition_items(rec: Recognition, start: dt.date, end: dt.date, today: dt.date) -> list[ObligationItem]:
    """All obligations of one recognition falling in [start, end]. `rec.has_successor` must be annotated."""
    if rec.valid_until is None or rec.revoked_on or rec.cancelled_on:
        return []
    found: list[ObligationItem] = []
    renewed = rec.has_successor
    label = rec.scheme_label
    if rec.scheme == c.Scheme.HNTE:
        if not renewed:
            found.append(
                _item(
                    rec,
                    f"hnte-expiry:{rec.pk}",
                    rec.valid_until,
                    "hnte_expiry",
                    _("高新技术企业证书到期（%(number)s）") % {"number": rec.number},
                )
            )
            found.append(
                _item(
                    rec,
                    f"hnte-rerecognition:{rec.pk}",
                    dt.date(rec.valid_until.year, 1, 1),
                    "hnte_rerecognition",
                    _("高新技术企业重新认定窗口开启（%(year)s年到期）") % {"year": rec.valid_until.year},
                    note=_("到期当年须完成重新认定申报，否则到期后失去资格"),
                )
            )
        done = {r.year for r in rec.annual_reports.all()}
        years = rules.hnte_report_years(rec.issued_on, rec.valid_until)
        missed = [y for y in years if y not in done and dt.date(y + 1, 5, 31) < today]
        for year in years:
            if year in done:
                continue
            note = ""
            if len(missed) >= 2:
                note = _("已有%(n)s个年度未报年报，存在被取消资格风险") % {"n": len(missed)}
            found.append(
                _item(
                    rec,
                    f"hnte-annual-report:{rec.pk}:{year}",
                    dt.date(year + 1, 5, 31),
                    "hnte_annual_report",
                    _("高新技术企业年报（%(year)s年度）") % {"year": year},
                    note=note,
                )
            )
    elif rec.scheme == c.Scheme.TSME:
        year = rec.valid_until.year + 1
        if not renewed:
            found.append(
                _item(
                    rec,
                    f"tsme-annual-update:{rec.pk}:{year}",
                    dt.date(year, 3, 31),
                    "tsme_annual_update",
                    _("科技型中小企业年度信息更新（%(year)s年3月31日前）") % {"year": year},
                    note=_("逾期未更新将被撤销入库登记编号"),
                )
            )
    elif not renewed:
        if rec.scheme in REVIEW_SCHEMES:
            title = _("%(scheme)s到期复核") % {"scheme": label}
            found.append(_item(rec, f"review:{rec.pk}", rec.valid_until, "review", title))
        else:
            title = _("%(scheme)s到期") % {"scheme": label}
            found.append(_item(rec, f"expiry:{rec.pk}", rec.valid_until, "expiry", title))
    return [item for item in found if start <= item.due_on <= end]


def _recognitions(user, start: dt.date, end: dt.date):
    successor = Recognition.objects.filter(renews=OuterRef("pk"))
    # Window widened so that annual reports (up to 3 years before expiry) and next-year updates are caught.
    return (
        selectors.recognition_list(user)
        .filter(revoked_on__isnull=True, cancelled_on__isnull=True)
        .filter(Q(valid_until__gte=start - dt.timedelta(days=400)), Q(issued_on__lte=end))
        .annotate(has_successor=Exists(successor))
        .prefetch_related(
            Prefetch("annual_reports", queryset=AnnualReport.objects.only("recognition_id", "year"))
        )
    )


def items(
    user, start: dt.date, end: dt.date, today: dt.date | None = None, enterprise=None
) -> list[ObligationItem]:
    """Obligations due between start and end; with `enterprise`, only that enterprise's (the enterprise
    page asks this way, so its cost does not grow with the size of the park)."""
    from django.utils import timezone

    today = today or timezone.localdate()
    found: list[ObligationItem] = []
    recognitions = _recognitions(user, start, end)
    changes = selectors.change_events(user).filter(reported_on__isnull=True)
    if enterprise is not None:
        recognitions = recognitions.filter(enterprise=enterprise)
        changes = changes.filter(enterprise=enterprise)
    for rec in recognitions:
        found.extend(recognition_items(rec, start, end, today))
    for event in changes:
        due = event.report_due
        if start <= due <= end:
            found.append(
                ObligationItem(
                    key=f"change-report:{event.pk}",
                    due_on=due,
                    kind="change_report",
                    title=_("%(kind)s报告（发生于%(day)s，3个月内报告）")
                    % {"kind": event.get_kind_display(), "day": f"{event.occurred_on:%Y-%m-%d}"},
                    enterprise_id=event.enterprise_id,
                    enterprise_name=event.enterprise.name,
                    url=reverse("recognition_list") + f"?enterprise={event.enterprise_id}",
                )
            )
    if enterprise is not None:
        return found
    for batch in selectors.batch_list(user).filter(
        Q(closes_on__range=(start, end))
        | Q(online_deadline__range=(start, end))
        | Q(paper_deadline__range=(start, end))
    ):
        for code, label, day in batch.deadlines():
            if start <= day <= end:
                found.append(
                    ObligationItem(
                        key=f"batch:{batch.pk}:{code}",
                        due_on=day,
                        kind="batch_deadline",
                        title=_("%(batch)s：%(deadline)s") % {"batch": batch.name, "deadline": _(label)},
                        enterprise_id=None,
                        # Named by its park: two parks' batches may share a name and a deadline.
                        enterprise_name=_("（") + batch.park.name + _("）"),
                        url=reverse("batch_detail", args=[batch.pk]),
                    )
                )
    return found


def open_applications_in(batch_id: int):
    return Application.objects.filter(batch_id=batch_id, status__in=c.OPEN_STATUSES)


__all__ = ["items", "recognition_items", "rules_by_scheme"]
