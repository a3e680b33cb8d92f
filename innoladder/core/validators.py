"""Field rules every web form shares with the import: money that cannot be negative, phone numbers.

One validator per kind, raising a Django ValidationError with a Chinese message:

- `non_negative_money`: an amount below zero is refused (the import refuses it with its own cell message
  through its columns' `min_value=0`). Amounts that may be negative by their nature are listed in
  `SIGNED_MONEY`: net profit (a loss), net assets (liabilities above assets), investment income (a loss)
  and an R&D ledger line (a reversing entry, 冲销分录; the project's yearly totals must still be ≥ 0).
- `phone_number`: a Chinese mobile number (11 digits from 13–19, optionally +86) or a landline with its
  area code (0979-8412345, (0979)8412345, 097984123456), optionally with an extension (-801 or 转801).

`apply_field_rules(form)` puts them on a form's fields: every money field (the models' 18-digit,
2-decimal amounts) that is not signed, and every phone field.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.translation import gettext_lazy as _

# "app_label.model.field" of the amounts that may be negative.
SIGNED_MONEY = frozenset(
    {
        "enterprises.annualdata.net_profit",
        "enterprises.annualdata.net_assets",
        "collection.collectionimportrow.net_profit",
        "collection.collectionimportrow.net_assets",
        "rnd.taxyearprofile.investment_income",
        "rnd.ledgerline.amount",
    }
)
PHONE_FIELDS = frozenset({"phone", "contact_phone"})
MONEY_DIGITS, MONEY_DECIMALS = 18, 2  # every stored amount (yuan, to the fen)

NEGATIVE_MONEY = _("金额不能为负数")
BAD_PHONE = _(
    "电话号码格式不正确：请填写11位手机号（如 13812345678）"
    "或带区号的固定电话（如 0979-8412345，分机号可写作 0979-8412345-801）"
)

_NOISE = re.compile(r"[\s\-.()]")  # separators people type: spaces, hyphens, dots, parentheses
_MOBILE = re.compile(r"(?:\+?86)?1[3-9]\d{9}")
# 010 and 02x take 8-digit numbers; other area codes (0xxx) take 7 or 8 digits.
_LANDLINE = re.compile(r"0(?:10|2\d)\d{8}|0[3-9]\d{2}\d{7,8}")
_EXTENSION = re.compile(r"(.*?\d)(?:\s*(?:转|分机|ext\.?|x|#)\s*|[\s\-]+)(\d{1,6})", re.IGNORECASE)


def non_negative_money(value) -> None:
    if value is not None and Decimal(value) < 0:
        raise ValidationError(NEGATIVE_MONEY, code="negative_money")


def is_phone_number(text: str) -> bool:
    """A mobile number, or a landline with its area code and perhaps an extension."""
    folded = unicodedata.normalize("NFKC", text).strip()  # full-width digits and brackets too
    digits = _NOISE.sub("", folded)
    if _MOBILE.fullmatch(digits) or _LANDLINE.fullmatch(digits):
        return True
    extension = _EXTENSION.fullmatch(folded)
    return extension is not None and _LANDLINE.fullmatch(_NOISE.sub("", extension.group(1))) is not None


def phone_number(value) -> None:
    if value in (None, ""):
        return
    if not is_phone_number(str(value)):
        raise ValidationError(BAD_PHONE, code="phone")


def is_money_field(model_field) -> bool:
    return (
        model_field is not None
        and model_field.get_internal_type() == "DecimalField"
        and (model_field.max_digits, model_field.decimal_places) == (MONEY_DIGITS, MONEY_DECIMALS)
    )


def apply_field_rules(form: forms.BaseForm) -> None:
    """Add the shared validators to a ModelForm's money and phone fields (once each)."""
    model = getattr(getattr(form, "_meta", None), "model", None)
    for name, formfield in form.fields.items():
        model_field = None
        if model is not None:
            try:
                model_field = model._meta.get_field(name)
            except FieldDoesNotExist:
                model_field = None
        rules = []
        if is_money_field(model_field) and _label(model, name) not in SIGNED_MONEY:
            rules.append(non_negative_money)
        if name in PHONE_FIELDS and isinstance(formfield, forms.CharField):
            rules.append(phone_number)
        formfield.validators = [*formfield.validators, *(r for r in rules if r not in formfield.validators)]


def _label(model, name: str) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}.{name}"
