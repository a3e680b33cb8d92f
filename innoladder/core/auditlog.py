"""Reading the audit log (审计日志): the filter form, Chinese labels, before/after values as readable
field-level changes, and the export's columns. Which entries a user may read is core.scoping's audit rule;
the queries are in core.selectors."""

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache

from django import forms
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from innoladder.accounts.choices import Role

from . import audit
from .models import AuditEvent
from .xlsx import Column

RESULT_LABELS = {"success": _("成功"), "failure": _("失败")}
# Keys of the `changes` of entries that are not model changes (exports, reads, checks, restores).
KEY_LABELS = {
    "filters": _("筛选条件"),
    "rows": _("行数"),
    "page": _("页码"),
    "checked": _("已校验记录数"),
    "broken_id": _("断点记录ID"),
    "file": _("文件"),
    "sha256": "SHA-256",
    "safety_copy": _("恢复前安全副本"),
    "media_files": _("上传文件数"),
    "backup_created": _("备份时间"),
}
# The messages the system itself writes on entries (a login's method), shown in the reader's language; any
# other message is as its writer gave it.
LOGIN_PASSWORD = gettext_noop("口令")
LOGIN_PASSWORD_AND_CODE = gettext_noop("口令 + 动态验证码")
SYSTEM_MESSAGES = frozenset({LOGIN_PASSWORD, LOGIN_PASSWORD_AND_CODE})
EMPTY = "—"
MAX_VALUE_CHARS = 500
EXPORT_LIMIT = 50_000


def role_label(value: str) -> str:
    return str(dict(Role.choices).get(value, value or EMPTY))


def result_label(value: str) -> str:
    return str(RESULT_LABELS.get(value, value))


def message_label(message: str) -> str:
    return gettext(message) if message in SYSTEM_MESSAGES else message


def event_label(value: str) -> str:
    return str(dict(AuditEvent.choices).get(value, value))


@lru_cache(maxsize=256)
def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def object_type_label(label: str) -> str:
    model = _model(label) if label else None
    return str(model._meta.verbose_name) if model is not None else (label or EMPTY)


def object_type_choices() -> list[tuple[str, str]]:
    """Every model an entry can be about, by its name in the reader's language."""
    models = [m for m in apps.get_models() if m._meta.app_label not in ("contenttypes", "sessions", "admin")]
    choices = sorted(((m._meta.label, str(m._meta.verbose_name)) for m in models), key=lambda c: (c[1], c[0]))
    return [(label, _("%(name)s（%(label)s）") % {"name": name, "label": label}) for label, name in choices]


def _field(model, key: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(key)
    except FieldDoesNotExist:
        for field in model._meta.concrete_fields:
            if field.attname == key:
                return field
    return None


def _key_label(model, key: str) -> str:
    field = _field(model, key)
    if field is not None and getattr(field, "verbose_name", None):
        return str(field.verbose_name)
    return str(KEY_LABELS.get(key, key))


def _value_text(field, value) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return str(_("是") if value else _("否"))
    choices = dict(field.flatchoices) if field is not None and getattr(field, "choices", None) else {}
    if choices and not isinstance(value, dict | list):
        try:
            return str(choices.get(value, value))
        except TypeError:  # an unhashable value
            pass
    if isinstance(value, dict | list):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    return text if len(text) <= MAX_VALUE_CHARS else text[:MAX_VALUE_CHARS] + "…"


@dataclass(frozen=True)
class FieldChange:
    """One line of an entry's changes: the field's Chinese name, the value before and after."""

    field: str
    before: str
    after: str


def readable_changes(object_type: str, changes, *, enterprise_id: int | None = None) -> list[FieldChange]:
    """An entry's `changes` as field-level lines: an update's {field: [old, new]}, a creation's
    {"after": {...}}, a deletion's {"before": {...}}, or any other record's keys and values. A batched
    entry (an import's rows, `audit.record_batch`) gives one line per row: the rows of `enterprise_id` when
    given, else the first BATCH_ROWS_SHOWN and a line saying how many more."""
    if not changes:
        return []
    model = _model(object_type) if object_type else None
    if audit.is_batch(changes):
        return _batch_lines(model, changes, enterprise_id)
    if not isinstance(changes, dict):
        return [FieldChange(str(_("内容")), EMPTY, _value_text(None, changes))]
    lines = []
    if set(changes) in ({"after"}, {"before"}) and isinstance(next(iter(changes.values())), dict):
        side, values = next(iter(changes.items()))
        for key, value in values.items():
            text = _value_text(_field(model, key), value)
            before, after = (EMPTY, text) if side == "after" else (text, EMPTY)
            lines.append(FieldChange(_key_label(model, key), before, after))
        return lines
    for key, value in changes.items():
        field = _field(model, key)
        if isinstance(value, list) and len(value) == 2 and model is not None and key not in KEY_LABELS:
            lines.append(FieldChange(_key_label(model, key), *(_value_text(field, v) for v in value)))
        else:
            lines.append(FieldChange(_key_label(model, key), EMPTY, _value_text(field, value)))
    return lines


BATCH_ROWS_SHOWN = 50


def _batch_lines(model, changes: dict, enterprise_id: int | None) -> list[FieldChange]:
    rows = audit.batch_rows(changes, enterprise_id)
    total = changes[audit.BATCH_KEY].get("rows", len(rows))
    lines = []
    for row in rows[:BATCH_ROWS_SHOWN]:
        label = f"{row['repr']}（ID {row['object_id']}）"
        row_changes = row["changes"]
        if set(row_changes) == {"after"}:
            after = "；".join(
                f"{_key_label(model, key)}：{_value_text(_field(model, key), value)}"
                for key, value in row_changes["after"].items()
            )
            lines.append(FieldChange(label, EMPTY, after))
            continue
        before, after = [], []
        for key, pair in row_changes.items():
            name, field = _key_label(model, key), _field(model, key)
            before.append(f"{name}：{_value_text(field, pair[0])}")
            after.append(f"{name}：{_value_text(field, pair[1])}")
        lines.append(FieldChange(label, "；".join(before), "；".join(after)))
    hidden = (len(rows) if enterprise_id is not None else total) - len(lines)
    if hidden > 0:
        lines.append(FieldChange(str(_("其余行")), EMPTY, str(_("另有 %(n)s 行未列出") % {"n": hidden})))
    return lines


def changes_text(entry) -> str:
    """The changes on one line for the export: 字段：旧 → 新；…"""
    parts = []
    for line in readable_changes(entry.object_type, entry.changes):
        if line.before == EMPTY:
            parts.append(f"{line.field}：{line.after}")
        elif line.after == EMPTY:
            parts.append(f"{line.field}：{line.before}（删除前）")
        else:
            parts.append(f"{line.field}：{line.before} → {line.after}")
    return "；".join(parts)


class AuditFilterForm(forms.Form):
    """GET parameters of the audit log: date range, actor, event, result, object (type, id, enterprise)."""

    start = forms.DateField(
        label=_("开始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(label=_("结束日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    actor = forms.CharField(label=_("操作人"), required=False, max_length=150)
    event = forms.ChoiceField(label=_("事件"), required=False)
    result = forms.ChoiceField(label=_("结果"), required=False)
    object_type = forms.ChoiceField(label=_("对象类型"), required=False)
    object_id = forms.CharField(label=_("对象ID"), required=False, max_length=64)
    enterprise = forms.IntegerField(label=_("企业ID"), required=False, min_value=1)
    q = forms.CharField(label=_("关键词"), required=False, max_length=100)

    def __init__(self, data=None):
        super().__init__(data)
        self.fields["event"].choices = [("", _("全部事件")), *AuditEvent.choices]
        self.fields["result"].choices = [("", _("全部结果")), *RESULT_LABELS.items()]
        self.fields["object_type"].choices = [("", _("全部类型")), *object_type_choices()]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("开始日期不能晚于结束日期。"))
        return data

    def applied(self) -> dict:
        """The filters in force, JSON-ready, for the audit entry that records this read."""
        if not self.is_valid():
            return {}
        return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in self.cleaned_data.items() if v}

    @staticmethod
    def day_start(day: dt.date) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


EXPORT_COLUMNS = [
    Column("记录ID", "pk", "int", 10),
    Column("时间", lambda e: timezone.localtime(e.ts).strftime("%Y-%m-%d %H:%M:%S"), width=20),
    Column("操作人", "actor_name", width=14),
    Column("角色", lambda e: role_label(e.actor_role), width=12),
    Column("来源IP", "source_ip", width=16),
    Column("事件", lambda e: event_label(e.event_type), width=12),
    Column("对象类型", lambda e: object_type_label(e.object_type), width=14),
    Column("对象ID", "object_id", width=10),
    Column("对象", "object_repr", width=28),
    Column("企业ID", "enterprise_id", "int", 10),
    Column("结果", lambda e: result_label(e.result), width=8),
    Column("变更内容", changes_text, width=60),
    Column("说明", "message", width=40),
    Column("请求ID", "request_id", width=38),
]


def record_read(user, form: AuditFilterForm, *, page: int, rows: int) -> None:
    """Reading or searching the audit log is itself audited (等保 DB-MC-1, DB-AU-LOG-1)."""
    filters = form.applied()
    audit.record(
        AuditEvent.AUDIT_READ,
        user=user,
        object_type="core.AuditEntry",
        object_repr="审计日志",
        changes={"filters": filters, "page": page, "rows": rows},
        message=f"查阅审计日志（第 {page} 页，共 {rows} 条）" + ("，带筛选条件" if filters else ""),
    )
