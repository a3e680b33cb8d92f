from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms

from innoladder import eligibility as e
from innoladder.enterprises.choices import TechField

from . import choices as c

WAN = Decimal(10000)


def style(form: forms.Form) -> None:
    """Bootstrap classes on every widget."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple):
            continue
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select form-select-sm")
        else:
            widget.attrs.setdefault("class", "form-control form-control-sm")


class CandidateFilterForm(forms.Form):
    scheme = forms.ChoiceField(label="认定类型", choices=c.SCHEME_CHOICES, required=False)
    standing = forms.ChoiceField(
        label="梯度位置", choices=[("", "未持有（全部）"), *c.Standing.choices], required=False
    )
    park = forms.ModelChoiceField(label="园区", queryset=None, required=False, empty_label="全部园区")
    industry = forms.CharField(label="行业代码", max_length=5, required=False)
    tech_field = forms.ChoiceField(
        label="技术领域", choices=[("", "全部领域"), *TechField.choices], required=False
    )
    q = forms.CharField(label="企业名称", max_length=100, required=False)

    def __init__(self, *args, parks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["park"].queryset = parks
        style(self)

    def filters(self) -> dict:
        if not self.is_valid():
            return {"scheme": "hnte"}
        data = {key: value for key, value in self.cleaned_data.items() if value}
        if "park" in data:
            data["park"] = data["park"].pk
        data.setdefault("scheme", "hnte")
        return data


class BatchForm(forms.Form):
    on = forms.DateField(label="评估基准日", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)


class DataYearForm(forms.Form):
    """The explicit choice to assess on an earlier fiscal year with data (blank: each rule's own year)."""

    data_year = forms.IntegerField(label="数据年度", min_value=1900, max_value=9999, required=False)

    def error_text(self) -> str:
        return "未评估：数据年度应为四位年份。"


YEAR_FIELDS = (
    ("sales_revenue", "销售收入（万元）", "money"),
    ("main_revenue", "主营业务收入（万元）", "money"),
    ("hitech_revenue", "高新技术产品(服务)收入（万元）", "money"),
    ("rd_expense", "研发费用（万元）", "money"),
    ("net_profit", "净利润（万元）", "money"),
    ("total_assets", "资产总额（万元）", "money"),
    ("total_liabilities", "负债总额（万元）", "money"),
    ("employees", "职工总数（人）", "int"),
    ("tech_staff", "科技人员（人）", "int"),
    ("rd_staff", "研发人员（人）", "int"),
)
IP_FIELDS = (
    ("invention_patent", "发明专利（Ⅰ类）"),
    ("utility_model", "实用新型（Ⅱ类）"),
    ("software_copyright", "软件著作权（Ⅱ类）"),
    ("design_patent", "外观设计（Ⅱ类）"),
)
HELD_CHOICES = [(k, v) for k, v in c.SCHEME_CHOICES if k != "tech_innovative_sme"]


class CalculatorForm(forms.Form):
    """The public self-assessment form; nothing it receives is stored."""

    name = forms.CharField(label="企业名称（可不填）", max_length=100, required=False)
    registered_on = forms.DateField(label="成立日期", widget=forms.DateInput(attrs={"type": "date"}))
    registered_in_qinghai = forms.BooleanField(label="在青海省注册", required=False, initial=True)
    tech_field = forms.ChoiceField(
        label="国家重点支持的高新技术领域",
        choices=[("", "不属于/不确定"), *TechField.choices],
        required=False,
    )
    rd_all_domestic = forms.BooleanField(label="研发费用全部在境内发生", required=False, initial=True)
    award_national = forms.BooleanField(label="近五年获国家级科技奖励（前三名）", required=False)
    award_provincial = forms.BooleanField(label="近三年获省级科技奖励（前三名）", required=False)
    institution_provincial = forms.BooleanField(label="拥有省部级以上研发机构", required=False)
    institution_municipal = forms.BooleanField(label="拥有市级研发机构", required=False)
    held = forms.MultipleChoiceField(
        label="已持有的认定", choices=HELD_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, on: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.on = on
        self.years = [on.year - 3, on.year - 2, on.year - 1]
        for year in self.years:
            for key, label, kind in YEAR_FIELDS:
                name = f"y{year}_{key}"
                if kind == "money":
                    self.fields[name] = forms.DecimalField(
                        label=f"{year}年 {label}", max_digits=14, decimal_places=2, required=False
                    )
                else:
                    self.fields[name] = forms.IntegerField(
                        label=f"{year}年 {label}", min_value=0, required=False
                    )
        for key, label in IP_FIELDS:
            self.fields[f"ip_{key}"] = forms.IntegerField(
                label=label, min_value=0, max_value=999, required=False, initial=0
            )
        style(self)

    def year_rows(self) -> list[dict]:
        return [
            {"label": label, "cells": [self[f"y{year}_{key}"] for year in self.years]}
            for key, label, _ in YEAR_FIELDS
        ]

    def ip_fields(self) -> list:
        return [self[f"ip_{key}"] for key, _ in IP_FIELDS]

    def facts(self) -> e.EnterpriseFacts:
        data = self.cleaned_data
        on = self.on
        years = []
        for year in self.years:
            values = {}
            for key, _label, kind in YEAR_FIELDS:
                value = data.get(f"y{year}_{key}")
                if value is not None and kind == "money":
                    value = value * WAN
                values[key] = value
            sales = values["sales_revenue"]
            years.append(
                e.YearData(
                    year=year,
                    operating_revenue=sales,
                    total_income=sales,
                    rd_entrusted_overseas=Decimal(0) if data.get("rd_all_domestic") else None,
                    **values,
                )
            )
        granted = on - dt.timedelta(days=365)
        ips = tuple(
            e.IPRecord(kind=key, number=f"{key}-{index}", granted_on=granted, acquisition="self")
            for key, _ in IP_FIELDS
            for index in range(data.get(f"ip_{key}") or 0)
        )
        awards = []
        if data.get("award_national"):
            awards.append(e.Award(level="national", kind="sci_tech", year=on.year - 1, rank=1))
        if data.get("award_provincial"):
            awards.append(e.Award(level="provincial", kind="sci_tech", year=on.year - 1, rank=1))
        institutions = []
        if data.get("institution_provincial"):
            institutions.append(e.RDInstitution(kind="enterprise_tech_center", level="provincial"))
        if data.get("institution_municipal"):
            institutions.append(e.RDInstitution(kind="enterprise_tech_center", level="municipal"))
        held_since = on - dt.timedelta(days=180)
        return e.EnterpriseFacts(
            uscc="",
            name=data.get("name") or "自评企业",
            registered_on=data["registered_on"],
            registered_in_qinghai=bool(data.get("registered_in_qinghai")),
            tech_field=data.get("tech_field") or None,
            years=tuple(years),
            ips=ips,
            awards=tuple(awards),
            institutions=tuple(institutions),
            recognitions=tuple(
                e.RecognitionHeld(scheme=s, issued_on=held_since) for s in data.get("held", [])
            ),
        )
