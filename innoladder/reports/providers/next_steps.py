"""The "next steps" section, derived from the records as they stood at the end of the period: recognitions
still in force on the last day of the period that expire by six months after it, requests overdue at the end
of the period (or today, for a period not yet over), candidates close to a tier (from the latest assessment on
or before the end)."""

import calendar
import datetime as dt

from django.apps import apps
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop as _

from ..choices import Section
from ..facts import display, label_of, phrase, records
from . import grouped, park_rows, provider, selector

HORIZON_MONTHS = 6


def months_after(day: dt.date, months: int) -> dt.date:
    """`months` later; a month-end stays a month-end (30 June + 6 months = 31 December)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    is_month_end = day.day == calendar.monthrange(day.year, day.month)[1]
    return dt.date(year, month, last if is_month_end else min(day.day, last))


@provider("next_steps.expiring", Section.NEXT_STEPS, requires=("recognitions.Recognition",), order=10)
def expiring(this, user, park, start, end):
    """Recognitions to renew: in force on the last day of the period (a certificate valid until that very day
    included) and expiring on or before six months after it, not revoked or cancelled by the end and not yet
    renewed by a recognition issued on or before the end."""
    recognition = apps.get_model("recognitions", "Recognition")
    horizon = months_after(end, HORIZON_MONTHS)
    held = (
        park_rows(user, park, "recognitions.Recognition")
        .filter(issued_on__lte=end, valid_until__lte=horizon)
        .filter(selector("recognitions", "held_q")(end))
    )
    # Already renewed by a recognition issued on or before the end: nothing left to do.
    held = held.exclude(renewed_by__issued_on__lte=end)
    groups = grouped(records(held.order_by("valid_until", "pk"), "scheme"), lambda row: row.scheme)
    # A group's label from its first recognition, read whole (one per scheme, not per row).
    firsts = recognition._default_manager.in_bulk([members[0].pk for members in groups.values()])

    def words(scheme, members):
        first = firsts[members[0].pk]
        label = label_of(getattr(first, "scheme_label", None) or first.get_scheme_display())
        return {
            "part": scheme,
            "label": phrase(_("{scheme}即将到期"), scheme=label),
            "template": phrase(
                _("做好{names}{figure}{scheme}到期重新认定（复核）工作，确保应续尽续"), scheme=label
            ),
        }

    return this.group_facts(groups, words, model="recognitions.Recognition", date_field="valid_until")


@provider(
    "next_steps.overdue_requests",
    Section.NEXT_STEPS,
    requires=("services.EnterpriseRequest.due_on", "services.EnterpriseRequest.resolved_on"),
    order=30,
)
def overdue_requests(this, user, park, start, end):
    """Requests raised by the end of the period, past their deadline and not closed, judged as of the end of
    the period or, while the period is not over, as of today (a deadline still ahead today is not overdue)."""
    on = min(end, timezone.localdate())
    qs = (
        park_rows(user, park, "services.EnterpriseRequest")
        .filter(raised_on__lte=end, due_on__lt=on)
        .filter(Q(resolved_on__isnull=True) | Q(resolved_on__gt=on))
    )
    # A returned request is closed (with a reason); it is never "overdue".
    qs = qs.exclude(status="returned")
    return this.rows_fact(
        qs,
        label=_("超期未办结诉求"),
        template=_("加快办理{names}超期未办结的企业诉求{figure}，做到件件有回音"),
        date_field="due_on",
        unit="件",
    )


def latest_assessments(user, park, on: dt.date):
    """Each enterprise's latest assessment on `on`, by the one rule the candidates list and the dashboard
    use (``assessments.selectors.latest_assessment_ids``): a subquery of assessment ids."""
    from innoladder.assessments.selectors import latest_assessment_ids

    return latest_assessment_ids(user, on=on, park=park)


CANDIDATE_STANDINGS = ("eligible", "close")


def held_at(user, park, on: dt.date) -> set[tuple[int, str]]:
    """(enterprise, scheme) pairs of recognitions in force on `on`, when the recognitions module exists."""
    try:
        rows = park_rows(user, park, "recognitions.Recognition")
    except LookupError:
        return set()
    rows = rows.filter(selector("recognitions", "held_q")(on), issued_on__lte=on)
    return set(rows.values_list("enterprise_id", "scheme"))


@provider(
    "next_steps.candidates",
    Section.NEXT_STEPS,
    requires=("assessments.Assessment.assessed_on", "assessments.SchemeResult.standing"),
    order=20,
)
def candidates(this, user, park, start, end):
    """Enterprises that, by their latest assessment up to the end, meet or nearly meet a tier they lack."""
    result = apps.get_model("assessments", "SchemeResult")
    rows = records(
        # The park's own enterprises named outside the subquery too (the same rows): without it SQLite walks
        # the verdicts of every park the user may see (0.58 s with a 100,000-enterprise park beside this one).
        park_rows(user, park, "assessments.SchemeResult")
        .filter(assessment_id__in=latest_assessments(user, park, end), standing__in=CANDIDATE_STANDINGS)
        .order_by("scheme", "enterprise__name", "pk"),
        "scheme",
        "standing",
    )
    # Those already eligible are named first; a tier the enterprise holds at the end is no longer a target.
    held = held_at(user, park, end)
    rows = [r for r in rows if (r.enterprise.pk, r.scheme) not in held]
    rows.sort(key=lambda r: (r.scheme, CANDIDATE_STANDINGS.index(r.standing)))
    scheme_label = display(result, "scheme")

    def words(scheme, _members):
        label = label_of(scheme_label(scheme))
        return {
            "part": scheme,
            "label": phrase(_("{scheme}后备企业"), scheme=label),
            "template": phrase(
                _("对{names}{figure}已符合或接近{scheme}条件的后备企业开展“一企一策”培育和申报辅导"),
                scheme=label,
            ),
        }

    by_scheme = grouped(rows, lambda row: row.scheme)
    return this.group_facts(by_scheme, words, model="assessments.SchemeResult", date_field="")
