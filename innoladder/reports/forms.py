from django import forms


class PeriodForm(forms.Form):
    park = forms.ModelChoiceField(label="园区", queryset=None, empty_label=None)
    start = forms.DateField(label="开始日期", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="结束日期", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, parks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["park"].queryset = parks

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            raise forms.ValidationError("结束日期不能早于开始日期")
        if start and end and (end - start).days > 366 * 5:
            raise forms.ValidationError("统计期间最长五年")
        return data


class SectionEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(
        label="修改后文本",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="清空或恢复为系统生成文本即撤销修改；系统生成的原文始终保留，可随时对照。",
    )
