from django import forms
from django.utils.translation import gettext_lazy as _

from innoladder.core.validators import apply_field_rules
from innoladder.core.viewkit import StyledMixin, enterprise_choices

from .models import Cooperation, PatentIntroduction, Talent


class EnterpriseScopedForm(StyledMixin, forms.ModelForm):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = enterprise_choices(user)
        apply_field_rules(self)


class CooperationForm(EnterpriseScopedForm):
    class Meta:
        model = Cooperation
        fields = ["enterprise", "partner", "title", "kind", "amount", "signed_on", "ends_on", "outcome"]
        widgets = {"outcome": forms.Textarea(attrs={"rows": 3})}


class PatentIntroductionForm(EnterpriseScopedForm):
    class Meta:
        model = PatentIntroduction
        fields = ["enterprise", "patent_number", "title", "kind", "mode", "source", "introduced_on", "amount"]


class TalentForm(EnterpriseScopedForm):
    id_number = forms.CharField(
        label=_("身份证号"),
        required=False,
        max_length=20,
        help_text=_("仅用于查重，系统不保存明文，只保留后四位；留空则不修改。"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    class Meta:
        model = Talent
        fields = ["enterprise", "name", "category", "field", "status", "recorded_on"]
