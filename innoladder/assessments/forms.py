from __future__ import annotations

from django import forms

from innoladder.enterprises.choices import TechField

from . import choices as c


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
