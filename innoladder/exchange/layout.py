"""The exchange layout, version 1: every field of the JSON and xlsx exports, in one table.

The JSON file and the two xlsx sheets are written from these tables, docs/exchange.md documents them and
the tests check both files against them, so a field is added here or nowhere. Field names are English and
stable; labels are the Chinese headers of the xlsx file. Money is in 元 (a string with two decimals in
JSON, a number in xlsx); dates are ISO 8601; choice fields carry their code in JSON and their Chinese
label in xlsx. Contact persons and telephone numbers are personal data and are not exchanged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db import models

from innoladder.core import xlsx
from innoladder.enterprises import choices as ec
from innoladder.enterprises.models import AnnualData
from innoladder.recognitions import choices as rc

FORMAT = "innoladder-exchange"
VERSION = 1
CENT = Decimal("0.01")

# Kinds of value: how each is written in JSON and in xlsx.
TEXT = "string"
CODE = "code"  # a choice: its code in JSON, its Chinese label in xlsx
DATE = "date"
MONEY = "money"  # 元
INTEGER = "integer"
TEXT_LIST = "string[]"


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str
    get: Callable[[object], object]
    choices: type | None = None
    width: int = 16

    def json_value(self, obj):
        value = self.get(obj)
        if value is None or (value == "" and self.kind in (CODE, DATE)):
            return None
        if self.kind == MONEY:
            return str(Decimal(value).quantize(CENT))
        if self.kind == DATE:
            return value.isoformat()
        if self.kind == INTEGER:
            return int(value)
        if self.kind == TEXT_LIST:
            return [str(item) for item in value]
        return str(value)

    def xlsx_column(self) -> xlsx.Column:
        labels = dict(self.choices.choices) if self.choices is not None else {}

        def cell(obj):
            value = self.get(obj)
            if self.kind == CODE:
                return labels.get(value, value)
            if self.kind == TEXT_LIST:
                return "；".join(str(item) for item in value or ())
            return value

        kind = {MONEY: "money_yuan", DATE: "date", INTEGER: "int"}.get(self.kind, "text")
        header = f"{self.label}(元)" if self.kind == MONEY else self.label
        return xlsx.Column(header, cell, kind=kind, width=self.width)


def _attr(name: str) -> Callable:
    return lambda obj: getattr(obj, name)


def _enterprise(name: str) -> Callable:
    return lambda row: getattr(row[0], name)


def _annual(name: str) -> Callable:
    return lambda row: getattr(row[1], name) if row[1] is not None else None


def _label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


# An enterprise row is (enterprise, its latest AnnualData or None).
ENTERPRISE_FIELDS = [
    Field("uscc", "统一社会信用代码", TEXT, _enterprise("uscc"), width=22),
    Field("name", "企业名称", TEXT, _enterprise("name"), width=32),
    Field("former_names", "曾用名", TEXT_LIST, _enterprise("former_names"), width=24),
    Field("park", "所属园区", TEXT, lambda row: row[0].park.name, width=20),
    Field("park_division_code", "园区行政区划代码", TEXT, lambda row: row[0].park.division_code),
    Field("sub_zone", "园区分区", TEXT, _enterprise("sub_zone")),
    Field("status", "在园状态", CODE, _enterprise("status"), ec.EnterpriseStatus),
    Field("legal_representative", "法定代表人", TEXT, _enterprise("legal_representative")),
    Field("registered_on", "成立日期", DATE, _enterprise("registered_on")),
    Field("registered_capital", "注册资本", MONEY, _enterprise("registered_capital")),
    Field("address", "注册地址", TEXT, _enterprise("address"), width=30),
    Field("industry_code", "行业代码", TEXT, _enterprise("industry_code")),
    Field("industry_name", "行业名称", TEXT, _enterprise("industry_name")),
    Field("tech_field", "技术领域", CODE, _enterprise("tech_field"), ec.TechField),
    Field("size_class", "企业规模", CODE, _enterprise("size_class"), ec.SizeClass),
    Field("main_products", "主要产品(服务)", TEXT, _enterprise("main_products"), width=30),
]

_ANNUAL_NUMBERS = ["employees", "tech_staff", "rd_staff"]
# Every money column of the annual data, in the model's order (all DecimalFields there are 元 amounts).
_ANNUAL_MONEY = [f.name for f in AnnualData._meta.concrete_fields if isinstance(f, models.DecimalField)]

# The latest year of annual data: a nested object `latest_annual_data` in JSON (null when the enterprise
# has none), the same columns after the enterprise's own in the xlsx sheet.
ANNUAL_FIELDS = [
    Field("year", "数据年度", INTEGER, _annual("year"), width=10),
    *[Field(n, _label(AnnualData, n), INTEGER, _annual(n)) for n in _ANNUAL_NUMBERS],
    *[Field(n, _label(AnnualData, n), MONEY, _annual(n), width=18) for n in _ANNUAL_MONEY],
    Field("tech_conversions", _label(AnnualData, "tech_conversions"), INTEGER, _annual("tech_conversions")),
    Field("source", "数据来源", CODE, _annual("source"), ec.DataSource),
]


# A recognition row is (recognition, its status on the export date).
RECOGNITION_FIELDS = [
    Field("enterprise_uscc", "统一社会信用代码", TEXT, lambda row: row[0].enterprise.uscc, width=22),
    Field("enterprise_name", "企业名称", TEXT, lambda row: row[0].enterprise.name, width=32),
    Field("scheme", "认定类别", CODE, lambda row: row[0].scheme, rc.Scheme, width=22),
    Field("scheme_name", "类别名称（其他）", TEXT, lambda row: row[0].scheme_name),
    Field("level", "级别", CODE, lambda row: row[0].level, rc.RecognitionLevel),
    Field("number", "证书编号", TEXT, lambda row: row[0].number, width=24),
    Field("batch", "批次", TEXT, lambda row: row[0].batch.name if row[0].batch_id else None, width=30),
    Field("issued_on", "发证日期", DATE, lambda row: row[0].issued_on),
    Field("valid_until", "有效期至", DATE, lambda row: row[0].valid_until),
    Field("status", "状态", CODE, lambda row: row[1], rc.RecognitionStatus),
    Field("revoked_on", "撤销日期", DATE, lambda row: row[0].revoked_on),
    Field("cancelled_on", "取消日期", DATE, lambda row: row[0].cancelled_on),
    Field(
        "renews_number",
        "重新认定前证书编号",
        TEXT,
        lambda row: row[0].renews.number if row[0].renews_id else None,
        width=24,
    ),
]

ENTERPRISE_SHEET = "企业名录"
RECOGNITION_SHEET = "资质认定"


def enterprise_json(row) -> dict:
    record = {f.name: f.json_value(row) for f in ENTERPRISE_FIELDS}
    record["latest_annual_data"] = (
        {f.name: f.json_value(row) for f in ANNUAL_FIELDS} if row[1] is not None else None
    )
    return record


def recognition_json(row) -> dict:
    return {f.name: f.json_value(row) for f in RECOGNITION_FIELDS}


def enterprise_columns() -> list[xlsx.Column]:
    return [f.xlsx_column() for f in (*ENTERPRISE_FIELDS, *ANNUAL_FIELDS)]


def recognition_columns() -> list[xlsx.Column]:
    return [f.xlsx_column() for f in RECOGNITION_FIELDS]


def header(today: dt.date, generated_at: dt.datetime) -> dict:
    return {
        "format": FORMAT,
        "version": VERSION,
        "generated_at": generated_at.isoformat(timespec="seconds"),
        "as_of": today.isoformat(),
        "money_unit": "元",
    }
