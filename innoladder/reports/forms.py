from django import forms
from django.utils.translation import gettext_lazy as _

from innoladder.enterprises.models import Region


class PeriodForm(forms.Form):
    """A report's scope and period. The page offers one list of regions and parks (`scope`, "region:3" or
    "park:1"); `park` or `region` alone are accepted as well."""

    scope = forms.CharField(label=_("园区或区域"), required=False)
    park = forms.ModelChoiceField(label=_("园区"), queryset=None, required=False)
    region = forms.ModelChoiceField(label=_("区域"), queryset=None, required=False)
    start = forms.DateField(label=_("开始日期"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("结束日期"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, parks, regions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["park"].queryset = parks
        self.fields["region"].queryset = regions if regions is not None else Region.objects.none()

    def clean_scope(self):
        value = self.cleaned_data.get("scope") or ""
        kind, _, pk = value.partition(":")
        if not value:
            return None
        field = self.fields.get(kind) if kind in ("park", "region") else None
        found = field.queryset.filter(pk=pk).first() if field is not None and pk.isdigit() else None
        if found is None:
            raise forms.ValidationError("请选择可查看的园区或区域")
        return found

    def clean(self):
        data = super().clean()
        chosen = data.get("scope") or data.get("region") or data.get("park")
        if chosen is None and not self.errors:
            raise forms.ValidationError("请选择园区或区域")
        data["target"] = chosen
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            raise forms.ValidationError("结束日期不能早于开始日期")
        if start and end and (end - start).days > 366 * 5:
            raise forms.ValidationError("统计期间最长五年")
        return data


class SectionEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(
        label=_("修改后文本"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("清空或恢复为系统生成文本即撤销修改；系统生成的原文始终保留，可随时对照。"),
    )
