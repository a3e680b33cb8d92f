from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from innoladder.core.viewkit.forms import DATE, style
from innoladder.enterprises.choices import TechField

from . import choices as c


class CandidateFilterForm(forms.Form):
    """The candidates list's filters. The tier always has a value: the one asked for, else the default,
    and the select shows exactly the tier whose rows are listed (also after a wrong value)."""

    scheme = forms.ChoiceField(label=_("认定类型"), choices=c.SCHEME_CHOICES)
    standing = forms.ChoiceField(
        label=_("梯度位置"), choices=[("", _("未持有（全部）")), *c.Standing.choices], required=False
    )
    park = forms.ModelChoiceField(label=_("园区"), queryset=None, required=False, empty_label=_("全部园区"))
    # Shown to those who may read a region's parks added up (admins, regional officers).
    region = forms.ModelChoiceField(label=_("区域"), queryset=None, required=False, empty_label=_("全部区域"))
    industry = forms.CharField(label=_("行业代码"), max_length=5, required=False)
    tech_field = forms.ChoiceField(
        label=_("技术领域"), choices=[("", _("全部领域")), *TechField.choices], required=False
    )
    q = forms.CharField(label=_("企业名称"), max_length=100, required=False)
    as_of = forms.DateField(
        label=_("截至日期"),
        required=False,
        widget=DATE,
        help_text=_("按每家企业在此日期前（含）最近一次评估；不填为今天。"),
    )

    def __init__(self, data=None, *, parks=None, regions=None, default_scheme: str, **kwargs):
        data = data.copy() if data is not None else None
        if data is not None and data.get("scheme") not in dict(c.SCHEME_CHOICES):
            self.scheme_error = bool(data.get("scheme"))
            data["scheme"] = default_scheme
        else:
            self.scheme_error = False
        super().__init__(data, initial={"scheme": default_scheme}, **kwargs)
        self.fields["park"].queryset = parks
        if regions is not None and regions.exists():
            self.fields["region"].queryset = regions
        else:
            del self.fields["region"]
        style(self)

    def filters(self) -> dict:
        """The valid filters; a field with a wrong value is left out (its error is shown)."""
        if self.is_bound:
            self.is_valid()
            data = {key: value for key, value in self.cleaned_data.items() if value}
        else:
            data = {"scheme": self.initial["scheme"]}
        for name in ("park", "region"):
            if name in data:
                data[name] = data[name].pk
        data.setdefault("scheme", self.initial["scheme"])
        return data

    def error_texts(self) -> list[str]:
        texts = ["所选认定类型不存在，已显示默认的认定类型。"] if self.scheme_error else []
        if self.is_bound:
            texts += [
                f"{self.fields[name].label}：{'；'.join(errors)}" for name, errors in self.errors.items()
            ]
        return texts


class BatchForm(forms.Form):
    on = forms.DateField(label=_("评估基准日"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)


class DataYearForm(forms.Form):
    """The explicit choice to assess on an earlier fiscal year with data (blank: each rule's own year)."""

    data_year = forms.IntegerField(label=_("数据年度"), min_value=1900, max_value=9999, required=False)

    def error_text(self) -> str:
        return "未评估：数据年度应为四位年份。"
