"""The province's published recognition list (认定名单 / 入库名单) imported through the shared framework.

A 名单 is a sheet of 序号, 企业名称, 统一社会信用代码 (or 纳税人识别号), 证书编号 (or 入库登记编号), often
发证日期 and 所属地区, under a title row; it covers the whole province. The user chooses the scheme (and
level, issue date and application batch when the file does not carry them) once for the file. Rows are
matched to enterprises by USCC: the park's enterprises are created or updated by (enterprise, scheme,
certificate number); enterprises of other parks and codes nobody registered are listed as skipped, row by
row; a malformed code or a missing certificate number is an error that blocks the whole file.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from innoladder.accounts.choices import Role
from innoladder.enterprises.models import Enterprise
from innoladder.imports import values
from innoladder.imports.datasets import CellError, RowNote, file_options
from innoladder.imports.forms import FileOptionsForm
from innoladder.recognitions import choices as rc
from innoladder.recognitions import rules
from innoladder.recognitions.models import Batch, Recognition, rule_for

# The level a scheme's list is published at, unless the user chooses otherwise.
DEFAULT_LEVEL = {
    rc.Scheme.TSME: rc.RecognitionLevel.NATIONAL,
    rc.Scheme.HNTE: rc.RecognitionLevel.NATIONAL,
    rc.Scheme.LITTLE_GIANT: rc.RecognitionLevel.NATIONAL,
}
SCHEMES = [("", _("请选择名单的认定类别"))] + [
    (v, label) for v, label in rc.Scheme.choices if v != rc.Scheme.OTHER
]
INFORMATIONAL = ("seq", "enterprise_name", "region", "batch_label")  # read for notes, never stored

OUT_OF_SCOPE = "跳过：不在本园区"
OUT_OF_SCOPE_NOTE = "该企业登记在其他园区（不在您的管理范围内），本次不导入"
NOT_REGISTERED = "跳过：系统中无此企业"
NOT_REGISTERED_NOTE = "系统中没有该统一社会信用代码的企业；如属本园区，请先在企业档案中登记后重新导入"
FOOTNOTE = "跳过：说明文字"
FOOTNOTE_NOTE = "该行没有企业名称、统一社会信用代码和证书编号，按名单的说明文字处理"
CREATE = "新增"
UPDATE = "已登记，将更新"
ERROR = "错误"


class RosterOptionsForm(FileOptionsForm):
    scheme = forms.ChoiceField(label=_("认定类别"), choices=SCHEMES)
    level = forms.ChoiceField(
        label=_("级别"),
        choices=[
            ("", _("按认定类别（高企、科技型中小企业、小巨人为国家级，其余为省级）")),
            *rc.RecognitionLevel.choices,
        ],
        required=False,
    )
    issued_on = forms.DateField(
        label=_("发证（认定）日期"),
        required=False,
        help_text=_("名单没有“发证日期”列时必填，如 2024-12-01；名单有该列时以每行为准"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    batch = forms.ModelChoiceField(
        label=_("申报批次"),
        queryset=Batch.objects.none(),
        required=False,
        help_text=_("可选：把名单中的认定记入本园区的一个申报批次（须与认定类别一致）"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.user
        if user is not None:
            batches = Batch.objects.all()
            if user.role != Role.ADMIN:
                batches = batches.filter(park__in=user.parks.all())
            self.fields["batch"].queryset = batches.select_related("park")
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def clean(self):
        data = super().clean()
        scheme = data.get("scheme")
        if scheme and not data.get("level"):
            data["level"] = DEFAULT_LEVEL.get(scheme, rc.RecognitionLevel.PROVINCIAL)
        batch = data.get("batch")
        if batch is not None and scheme and batch.scheme != scheme:
            self.add_error(
                "batch", f"所选批次的认定类别为“{batch.get_scheme_display()}”，与名单的认定类别不一致"
            )
        return data


def informational(raw, ctx) -> str:
    """序号, 企业名称, 所属地区, 批次: read as text for the row notes, never stored."""
    return values.fold(str(raw))


def _validity(ctx, scheme: str) -> rules.Validity:
    key = ("validity", scheme)
    if key not in ctx.cache:
        ctx.cache[key] = rule_for(scheme)
    return ctx.cache[key]


def clean_row(vals: dict, ctx) -> dict[str, str]:
    """Level, batch and (when the row has none) the issue date come from the file's options; an empty
    有效期至 follows the scheme's rule, as in the recognitions register import."""
    for name in INFORMATIONAL:
        vals.pop(name, None)
    chosen = file_options(ctx)
    vals["level"] = chosen["level"]
    if chosen.get("batch"):
        vals["batch_id"] = chosen["batch"]
    if vals.get("issued_on") is None:
        if not chosen.get("issued_on"):
            return {"issued_on": "名单没有发证日期：请在该列填写，或上传时选择发证（认定）日期"}
        vals["issued_on"] = dt.date.fromisoformat(chosen["issued_on"])
    if vals.get("valid_until") is None:
        vals["valid_until"] = rules.valid_until(_validity(ctx, vals["scheme"]), vals["issued_on"])
    if vals["valid_until"] < vals["issued_on"]:
        return {"valid_until": "有效期至不能早于发证日期"}
    return {}


def _cell(raw_values: tuple, index: int | None):
    return raw_values[index] if index is not None and index < len(raw_values) else None


def _is_empty(raw_values: tuple, column) -> bool:
    return column is None or values.is_empty(_cell(raw_values, column.index))


def _codes(parsed) -> dict[int, str | None]:
    """Each row's USCC as the import reads it (None when empty or malformed: the import reports it)."""
    index = parsed.matches["enterprise"].index
    codes = {}
    for number, raw_values in parsed.rows:
        raw = _cell(raw_values, index)
        try:
            codes[number] = None if values.is_empty(raw) else values.to_uscc(raw)
        except CellError:
            codes[number] = None
    return codes


def screen(parsed, ctx) -> list[RowNote]:
    """Every row's fate before validation: new, already recorded (updated), skipped (another park's
    enterprise, or a code nobody registered) or an error; a name that differs from the registry is noted."""
    scheme = file_options(ctx).get("scheme")
    codes = _codes(parsed)
    writable = ctx.enterprise_ids  # USCC → id of the enterprises this user may change
    outside = {code for code in codes.values() if code and code not in writable}
    # Whether a code outside the user's scope is registered at all (another park's enterprise) — the
    # only thing read outside the scope, and nothing of that enterprise is shown or written.
    registered = set(Enterprise.objects.filter(uscc__in=outside).values_list("uscc", flat=True))
    mine = {writable[code] for code in codes.values() if code in writable}
    names = {
        pk: (name, former)
        for pk, name, former in Enterprise.objects.filter(pk__in=mine).values_list(
            "pk", "name", "former_names"
        )
    }
    recorded = set(
        Recognition.objects.filter(enterprise_id__in=mine, scheme=scheme).values_list(
            "enterprise_id", "number"
        )
    )
    name_at = parsed.matches["enterprise_name"].index if "enterprise_name" in parsed.matches else None
    uscc_at = parsed.matches["enterprise"].index
    number_col = parsed.matches.get("number")
    notes = []
    for row, raw_values in parsed.rows:
        code = codes[row]
        name = values.fold(str(_cell(raw_values, name_at) or ""))
        shown_code = code or values.fold(str(_cell(raw_values, uscc_at) or ""))
        key = " ".join(part for part in (name, shown_code) if part)
        if code is None:
            if not key and _is_empty(raw_values, number_col):
                # A footnote under the table (注：排名不分先后): no enterprise, no certificate.
                text = " ".join(values.fold(str(v)) for v in raw_values if not values.is_empty(v))
                notes.append(RowNote(row, text[:60], FOOTNOTE, FOOTNOTE_NOTE, skip=True))
                continue
            notes.append(RowNote(row, key, ERROR, "统一社会信用代码为空或有误，见错误明细"))
            continue
        if code not in writable:
            if code in registered:
                notes.append(RowNote(row, key, OUT_OF_SCOPE, OUT_OF_SCOPE_NOTE, skip=True))
            else:
                notes.append(RowNote(row, key, NOT_REGISTERED, NOT_REGISTERED_NOTE, skip=True))
            continue
        enterprise_id = writable[code]
        raw_number = _cell(raw_values, number_col.index) if number_col is not None else None
        number = "" if values.is_empty(raw_number) else values.to_text(raw_number, number_col.column)
        if not number:
            notes.append(RowNote(row, key, ERROR, "证书编号为空，见错误明细"))
            continue
        note = ""
        registry_name, former = names[enterprise_id]
        if name and name != values.fold(registry_name) and name not in {values.fold(n) for n in former or ()}:
            note = f"名单中的企业名称“{name}”与系统登记的“{registry_name}”不一致，请核对"
        outcome = UPDATE if (enterprise_id, number) in recorded else CREATE
        notes.append(RowNote(row, key, outcome, note))
    return notes


def note_defaults(ctx) -> dict:
    name = ctx.batch.file_name if ctx.batch is not None else ""
    return {"note": f"按省级公布名单导入（{name}）" if name else "按省级公布名单导入"}
