"""The public policy calculator: the typed figures as engine facts, and the tiers it cannot judge.

Nothing typed is stored. The form asks for everything the 高新技术企业 rule set reads (three years of
收入总额, 不征税收入, 高新收入, R&D, 科技成果转化, staff, net assets; IP and how it was obtained; standards;
incidents; the expert-judged parts as an optional self-estimate), so that tier can be judged. Tiers that
read information the form does not ask for are found by evaluating a completely filled form
(``limits``): what stays unknown there cannot be judged here, and the page says so and why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from django import forms
from django.utils.translation import gettext_lazy as _

from innoladder import eligibility as e
from innoladder.enterprises.choices import TechField

from . import choices as c
from .forms import DATE, style

WAN = Decimal(10000)

# (field, label, kind, may be negative)
YEAR_FIELDS = (
    ("sales_revenue", _("销售收入（万元）"), "money", False),
    ("operating_revenue", _("营业收入（万元，不填按销售收入计）"), "money", False),
    ("main_revenue", _("主营业务收入（万元）"), "money", False),
    ("total_income", _("收入总额（万元）"), "money", False),
    ("non_taxable_income", _("不征税收入（万元，没有填0）"), "money", False),
    ("hitech_revenue", _("高新技术产品(服务)收入（万元）"), "money", False),
    ("rd_expense", _("研发费用（万元）"), "money", False),
    ("rd_entrusted_overseas", _("其中委托境外研发费用（万元）"), "money", False),
    ("total_cost", _("成本费用支出总额（万元）"), "money", False),
    ("net_profit", _("净利润（万元）"), "money", True),
    ("total_assets", _("资产总额（万元）"), "money", False),
    ("total_liabilities", _("负债总额（万元）"), "money", False),
    ("equity_financing", _("新增股权融资（万元）"), "money", False),
    ("employees", _("职工总数（人）"), "int", False),
    ("tech_staff", _("科技人员（人）"), "int", False),
    ("rd_staff", _("研发人员（人）"), "int", False),
    ("tech_conversions", _("科技成果转化（项）"), "int", False),
)
IP_FIELDS = (
    ("invention_patent", _("发明专利（Ⅰ类）")),
    ("utility_model", _("实用新型（Ⅱ类）")),
    ("software_copyright", _("软件著作权（Ⅱ类）")),
    ("design_patent", _("外观设计（Ⅱ类）")),
)
CLASS_II = ("utility_model", "software_copyright", "design_patent")
HELD_CHOICES = [(k, v) for k, v in c.SCHEME_CHOICES if k != "tech_innovative_sme"]
STANDARD_CHOICES = [
    ("", _("未参与")),
    ("took_part", _("参与制定（未进入起草单位前五名）")),
    ("led", _("主导制定（起草单位前五名）")),
]
# A drafting rank beyond the fifth: took part, but did not lead (the rules only ask "top 5 or not").
NOT_LEADING_RANK = 6
FLAG_FIELDS = (
    "registered_in_qinghai",
    "strategic_emerging",
    "proprietary_tech",
    "rd_all_domestic",
    "ip_acquired_only",
    "award_national",
    "award_provincial",
    "institution_provincial",
    "institution_municipal",
    "incident",
)
# Expert-judged parts of the 高企 innovation score: (field, ExpertInputs attribute, label, max)
EXPERT_FIELDS = (
    ("expert_advancement", "tech_advancement", _("技术的先进程度（0–8分）"), 8),
    ("expert_core_support", "core_support", _("知识产权对主要产品(服务)的核心支持作用（0–8分）"), 8),
    ("expert_management", "rd_management", _("研究开发组织管理水平（0–20分）"), 20),
)


class CalculatorForm(forms.Form):
    """The public self-assessment form; nothing it receives is stored."""

    name = forms.CharField(label=_("企业名称（可不填）"), max_length=100, required=False)
    registered_on = forms.DateField(label=_("成立日期"), widget=DATE)
    tech_field = forms.ChoiceField(
        label=_("国家重点支持的高新技术领域"),
        choices=[("", _("不属于/不确定")), *TechField.choices],
        required=False,
    )
    standards = forms.ChoiceField(
        label=_("参与制定国家标准、行业标准、检测方法或技术规范"), choices=STANDARD_CHOICES, required=False
    )
    registered_in_qinghai = forms.BooleanField(label=_("在青海省注册"), required=False, initial=True)
    strategic_emerging = forms.BooleanField(label=_("主导产品属于战略性新兴产业"), required=False)
    proprietary_tech = forms.BooleanField(label=_("拥有自主核心技术（无知识产权时据此判断）"), required=False)
    rd_all_domestic = forms.BooleanField(
        label=_("研发费用全部在境内发生（未填委托境外研发费用的年度按0计）"), required=False, initial=True
    )
    ip_acquired_only = forms.BooleanField(
        label=_("知识产权均为受让、受赠或并购取得（无自主研发）"), required=False
    )
    award_national = forms.BooleanField(label=_("近五年获国家级科技奖励（前三名）"), required=False)
    award_provincial = forms.BooleanField(label=_("近三年获省级科技奖励（前三名）"), required=False)
    institution_provincial = forms.BooleanField(label=_("拥有省部级以上研发机构"), required=False)
    institution_municipal = forms.BooleanField(label=_("拥有市级研发机构"), required=False)
    incident = forms.BooleanField(
        label=_("近一年内发生过重大安全、质量事故或严重环境违法行为"), required=False
    )
    ip_used_class_ii = forms.IntegerField(
        label=_("其中已在以往高企认定中使用过的Ⅱ类知识产权（件）"),
        min_value=0,
        max_value=999,
        required=False,
        initial=0,
    )
    held = forms.MultipleChoiceField(
        label=_("已持有的认定"), choices=HELD_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, on: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.on = on
        self.years = [on.year - 3, on.year - 2, on.year - 1]
        for year in self.years:
            for key, label, kind, negative in YEAR_FIELDS:
                name = f"y{year}_{key}"
                if kind == "money":
                    self.fields[name] = forms.DecimalField(
                        label=_("%(year)s年 %(label)s") % {"year": year, "label": label},
                        max_digits=14,
                        decimal_places=2,
                        required=False,
                        min_value=None if negative else Decimal(0),
                    )
                else:
                    self.fields[name] = forms.IntegerField(
                        label=_("%(year)s年 %(label)s") % {"year": year, "label": label},
                        min_value=0,
                        max_value=10_000_000,
                        required=False,
                    )
        for key, label in IP_FIELDS:
            self.fields[f"ip_{key}"] = forms.IntegerField(
                label=label, min_value=0, max_value=999, required=False, initial=0
            )
        for name, _attr, label, top in EXPERT_FIELDS:
            self.fields[name] = forms.IntegerField(label=label, min_value=0, max_value=top, required=False)
        style(self)

    def year_rows(self) -> list[dict]:
        return [
            {"label": label, "cells": [self[f"y{year}_{key}"] for year in self.years]}
            for key, label, _kind, _negative in YEAR_FIELDS
        ]

    def ip_fields(self) -> list:
        return [*(self[f"ip_{key}"] for key, _ in IP_FIELDS), self["ip_used_class_ii"]]

    def flag_fields(self) -> list:
        return [self[name] for name in FLAG_FIELDS]

    def expert_fields(self) -> list:
        return [self[name] for name, *_ in EXPERT_FIELDS]

    def clean(self):
        data = super().clean()
        for year in self.years:

            def value(key: str, year: int = year):
                return data.get(f"y{year}_{key}")

            pairs = (
                ("tech_staff", "employees", "科技人员不能多于职工总数"),
                ("rd_staff", "employees", "研发人员不能多于职工总数"),
                ("non_taxable_income", "total_income", "不征税收入不能大于收入总额"),
                ("rd_entrusted_overseas", "rd_expense", "委托境外研发费用不能大于研发费用"),
            )
            for part, whole, message in pairs:
                if value(part) is not None and value(whole) is not None and value(part) > value(whole):
                    self.add_error(f"y{year}_{part}", f"{year}年：{message}")
            income, hitech = value("total_income"), value("hitech_revenue")
            if (
                income is not None
                and hitech is not None
                and hitech > income - (value("non_taxable_income") or 0)
            ):
                self.add_error(
                    f"y{year}_hitech_revenue", f"{year}年：高新技术产品(服务)收入不能大于收入总额减不征税收入"
                )
        class_ii = sum(data.get(f"ip_{key}") or 0 for key in CLASS_II)
        if (data.get("ip_used_class_ii") or 0) > class_ii:
            self.add_error("ip_used_class_ii", "已使用过的Ⅱ类知识产权不能多于Ⅱ类知识产权总数")
        return data

    def _year(self, year: int) -> e.YearData:
        data = self.cleaned_data
        values = {}
        for key, _label, kind, _negative in YEAR_FIELDS:
            value = data.get(f"y{year}_{key}")
            values[key] = value * WAN if value is not None and kind == "money" else value
        if values["operating_revenue"] is None:
            values["operating_revenue"] = values["sales_revenue"]
        if values["rd_entrusted_overseas"] is None and data.get("rd_all_domestic"):
            values["rd_entrusted_overseas"] = Decimal(0)
        return e.YearData(year=year, **values)

    def _ips(self) -> tuple[e.IPRecord, ...]:
        data = self.cleaned_data
        granted = self.on - dt.timedelta(days=365)
        acquisition = "transferred" if data.get("ip_acquired_only") else "self"
        used = data.get("ip_used_class_ii") or 0
        ips = []
        for key, _label in IP_FIELDS:
            for index in range(data.get(f"ip_{key}") or 0):
                spent = key in CLASS_II and used > 0
                used -= 1 if spent else 0
                ips.append(
                    e.IPRecord(
                        kind=key,
                        number=f"{key}-{index}",
                        granted_on=granted,
                        acquisition=acquisition,
                        used_in_hnte_application=spent,
                    )
                )
        return tuple(ips)

    def facts(self) -> e.EnterpriseFacts:
        data = self.cleaned_data
        on = self.on
        last = on.year - 1
        awards = []
        if data.get("award_national"):
            awards.append(e.Award(level="national", kind="sci_tech", year=last, rank=1))
        if data.get("award_provincial"):
            awards.append(e.Award(level="provincial", kind="sci_tech", year=last, rank=1))
        institutions = []
        if data.get("institution_provincial"):
            institutions.append(e.RDInstitution(kind="enterprise_tech_center", level="provincial"))
        if data.get("institution_municipal"):
            institutions.append(e.RDInstitution(kind="enterprise_tech_center", level="municipal"))
        standards = ()
        if data.get("standards"):
            rank = 1 if data["standards"] == "led" else NOT_LEADING_RANK
            standards = (e.StandardWork(level="industry", year=last, rank=rank),)
        incidents = ()
        if data.get("incident"):
            incidents = (e.Incident(kind="safety_quality_accident", occurred_on=on - dt.timedelta(days=30)),)
        expert = e.ExpertInputs(**{attr: data.get(name) for name, attr, _label, _top in EXPERT_FIELDS})
        held_since = on - dt.timedelta(days=180)
        return e.EnterpriseFacts(
            uscc="",
            name=data.get("name") or "自评企业",
            registered_on=data["registered_on"],
            registered_in_qinghai=bool(data.get("registered_in_qinghai")),
            tech_field=data.get("tech_field") or None,
            strategic_emerging=bool(data.get("strategic_emerging")),
            proprietary_tech=bool(data.get("proprietary_tech")),
            years=tuple(self._year(year) for year in self.years),
            ips=self._ips(),
            awards=tuple(awards),
            standards=standards,
            institutions=tuple(institutions),
            incidents=incidents,
            expert=expert,
            recognitions=tuple(
                e.RecognitionHeld(scheme=s, issued_on=held_since) for s in data.get("held", [])
            ),
        )


@dataclass(frozen=True)
class Limit:
    """A tier the calculator cannot judge, and why."""

    scheme: str
    name_zh: str
    reason: str


def _complete_data(form: CalculatorForm) -> dict[str, str]:
    """Every field of the form given a plausible value (the flags ticked, figures the same each year)."""
    data: dict[str, str] = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.MultipleChoiceField):
            continue
        if isinstance(field, forms.BooleanField):
            data[name] = "on"
        elif isinstance(field, forms.ChoiceField):
            data[name] = str(next(key for key, _label in field.choices if key))
        elif isinstance(field, forms.DateField):
            data[name] = (form.on - dt.timedelta(days=3650)).isoformat()
        elif isinstance(field, forms.IntegerField | forms.DecimalField):
            top = field.max_value if field.max_value is not None else 100
            data[name] = str(min(top, 10) if name.startswith(("expert_", "ip_")) else 100)
    for year in form.years:
        data[f"y{year}_tech_staff"] = data[f"y{year}_rd_staff"] = "20"
        data[f"y{year}_non_taxable_income"] = data[f"y{year}_rd_entrusted_overseas"] = "0"
        data[f"y{year}_hitech_revenue"] = "70"
    data["ip_used_class_ii"] = "0"
    return data


@lru_cache(maxsize=4)
def limits(on: dt.date) -> tuple[Limit, ...]:
    """The tiers in force on ``on`` that stay undecided even with every field of the form filled in:
    they read information the calculator does not ask for (or have no encoded criteria)."""
    form = CalculatorForm(on=on)
    complete = CalculatorForm(_complete_data(form), on=on)
    if not complete.is_valid():  # the probe itself must be valid: a bug here, not the user's input
        raise ValueError(f"calculator probe invalid: {complete.errors.as_json()}")
    found = []
    for result in e.assess(complete.facts(), on):
        if not result.criteria:
            found.append(Limit(result.ruleset_id, result.name_zh, result.notes[0] if result.notes else ""))
            continue
        # Missing inputs read "未知"; a score known only as a range (expert-judged) is not a missing input.
        missing = [
            item.name_zh
            for item in result.criteria
            if item.status == "insufficient_data" and "未知" in item.value_text
        ]
        if missing:
            reason = f"需要计算器未收集的信息：{'、'.join(dict.fromkeys(missing))}，请登录平台完整评估。"
            found.append(Limit(result.ruleset_id, result.name_zh, reason))
    return tuple(found)
