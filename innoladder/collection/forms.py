from django import forms
from django.utils.translation import gettext_lazy as _

from innoladder.accounts.choices import Role
from innoladder.enterprises.models import Park

from .fields import DEFAULT_FIELDS, choices


class CampaignForm(forms.Form):
    park = forms.ModelChoiceField(label=_("园区"), queryset=Park.objects.none())
    title = forms.CharField(label=_("名称"), max_length=200)
    fiscal_year = forms.IntegerField(label=_("填报年度"), min_value=2000, max_value=2100)
    fields = forms.MultipleChoiceField(
        label=_("填报字段"),
        widget=forms.CheckboxSelectMultiple,
        choices=choices,
        initial=list(DEFAULT_FIELDS),
    )
    opens_on = forms.DateField(label=_("开始日期"), widget=forms.DateInput(attrs={"type": "date"}))
    deadline = forms.DateField(label=_("截止日期"), widget=forms.DateInput(attrs={"type": "date"}))
    instructions = forms.CharField(
        label=_("填报说明"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["park"].queryset = Park.objects.all() if user.role == Role.ADMIN else user.parks.all()

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("deadline") and data["deadline"] < data["opens_on"]:
            self.add_error("deadline", "截止日期不能早于开始日期")
        return data


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("证明材料（PDF/JPG/PNG，不超过 10 MB）"))
    description = forms.CharField(label=_("说明"), max_length=200, required=False)


class ReturnForm(forms.Form):
    comment = forms.CharField(label=_("退回意见"), widget=forms.Textarea(attrs={"rows": 2}))
