from django import forms

from innoladder.core.validators import apply_field_rules
from innoladder.services import selectors as service_selectors
from innoladder.services.crud import PeriodFilterForm, StyledMixin

from .choices import CooperationKind, IntroductionMode, TalentCategory, TalentStatus
from .models import Cooperation, PatentIntroduction, Talent


class EnterpriseScopedForm(StyledMixin, forms.ModelForm):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = service_selectors.enterprise_choices(user)
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
        label="身份证号",
        required=False,
        max_length=20,
        help_text="仅用于查重，系统不保存明文，只保留后四位；留空则不修改。",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    class Meta:
        model = Talent
        fields = ["enterprise", "name", "category", "field", "status", "recorded_on"]


class CooperationFilterForm(PeriodFilterForm):
    kind = forms.ChoiceField(
        label="合作方式", choices=[("", "全部")] + CooperationKind.choices, required=False
    )


class PatentFilterForm(PeriodFilterForm):
    mode = forms.ChoiceField(
        label="引进方式", choices=[("", "全部")] + IntroductionMode.choices, required=False
    )


class TalentFilterForm(PeriodFilterForm):
    category = forms.ChoiceField(
        label="人才类别", choices=[("", "全部")] + TalentCategory.choices, required=False
    )
    status = forms.ChoiceField(label="状态", choices=[("", "全部")] + TalentStatus.choices, required=False)
