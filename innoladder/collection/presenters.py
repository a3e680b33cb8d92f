"""What the filing form shows beside each field: last year's figure as a hint and the change against it,
in the field's own unit; and the notice that submitted figures count only once the park adopts them.

Pure functions over values already parsed (yuan for money, whole numbers for counts): no database.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from innoladder.enterprises import money

from .checks import Problem
from .choices import SubmissionStatus
from .fields import is_money, label, unit

ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class Change:
    """This year's figure against last year's: the difference in the field's unit and, when last year's
    figure is not zero, the relative change (against its absolute value, so a smaller loss is a rise)."""

    difference: Decimal  # yuan for money, people or items for counts
    ratio: Decimal | None
    money: bool
    unit: str

    @property
    def trend(self) -> str:
        return "up" if self.difference > 0 else "down" if self.difference < 0 else "same"

    @property
    def amount_text(self) -> str:
        """ "+6.218 万元", "-15 人", "0 万元": signed, exact, in the unit the field is typed in."""
        sign = "+" if self.difference > 0 else ""
        if self.money:
            return f"{sign}{money.wan_text(self.difference, grouping=True)} {_(self.unit)}"
        return f"{sign}{self.difference:,} {_(self.unit)}"

    @property
    def percent_text(self) -> str:
        """ "+7.9%" (one decimal, half up), "" when last year's figure was zero."""
        if self.ratio is None:
            return ""
        percent = (self.ratio * 100).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
        return f"{'+' if percent > 0 else ''}{percent}%"

    @property
    def text(self) -> str:
        if not self.percent_text:
            return self.amount_text
        return _("%(amount)s（%(percent)s）") % {"amount": self.amount_text, "percent": self.percent_text}


def change(field: str, current, previous) -> Change | None:
    """None when either year's figure is unknown."""
    if current is None or previous is None:
        return None
    difference = Decimal(current) - Decimal(previous)
    ratio = difference / abs(Decimal(previous)) if previous else None
    return Change(difference=difference, ratio=ratio, money=is_money(field), unit=unit(field))


def form_rows(
    fields: list[str], raw: dict, values: dict, errors: list[Problem], last_year: dict
) -> list[dict]:
    """One row per field: what was typed, last year's figure in the form's unit (万元 for money, exactly,
    with thousands separators) and the change of this year's parsed figure against it (none while the
    field has an error)."""
    error_fields = {e.field: e.message for e in errors}
    rows = []
    for field in fields:
        previous = last_year.get(field)
        error = error_fields.get(field)
        rows.append(
            {
                "field": field,
                "label": label(field),
                "unit": unit(field),
                "money": is_money(field),
                "value": raw.get(field, ""),
                "previous": "" if previous is None else _grouped(field, previous),
                "error": error,
                "change": None if error else change(field, values.get(field), previous),
            }
        )
    return rows


def _grouped(field: str, value) -> str:
    return money.wan_text(Decimal(value), grouping=True) if is_money(field) else f"{value:,}"


def adoption_notice(submission, *, own: bool) -> str:
    """Whether the figures of a form count for assessments. `own`: the reader is the enterprise itself
    (its user, or an agency filling for it), not the park's staff."""
    year = submission.campaign.fiscal_year
    if submission.status == SubmissionStatus.SUBMITTED:
        if own:
            text = _(
                "您提交的%(year)s年度数据待园区审核采纳后才用于评估；采纳前，梯度评估与自评仍使用企业档案中已有的数据。"
            )
        else:
            text = _(
                "该企业提交的%(year)s年度数据待园区审核采纳后才用于评估；采纳前，梯度评估与自评仍使用企业档案中已有的数据。"
            )
        return text % {"year": year}
    if submission.status == SubmissionStatus.ACCEPTED:
        return _("%(year)s年度数据已由园区采纳，已写入企业档案并用于评估。") % {"year": year}
    return _("提交后须经园区审核采纳，%(year)s年度数据才写入企业档案并用于评估。") % {"year": year}
