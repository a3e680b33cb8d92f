from django import forms
from django.utils.translation import gettext_lazy as _

from innoladder.core.validators import apply_field_rules
from innoladder.core.viewkit.forms import DATE

from .models import LedgerLine, RDProject, SubsidyRule, TaxYearProfile


class RDProjectForm(forms.ModelForm):
    class Meta:
        model = RDProject
        fields = [
            "code",
            "name",
            "form",
            "related_party",
            "capitalised",
            "intangible_formed_year",
            "starts_on",
            "ends_on",
            "status",
            "completion",
            "plan_project_id",
            "contract_registration_no",
        ]
        widgets = {"starts_on": DATE, "ends_on": DATE}


class LedgerLineForm(forms.ModelForm):
    def __init__(self, *args, projects=None, **kwargs):
        super().__init__(*args, **kwargs)
        if projects is not None:
            self.fields["project"].queryset = projects
        apply_field_rules(self)  # a line may be negative (a reversing entry): SIGNED_MONEY

    class Meta:
        model = LedgerLine
        fields = [
            "project",
            "date",
            "voucher_no",
            "line_no",
            "summary",
            "amount",
            "category",
            "sub_category",
            "overseas_individual",
        ]
        widgets = {"date": DATE}


class TaxYearProfileForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        apply_field_rules(self)

    class Meta:
        model = TaxYearProfile
        fields = [
            "enterprise_type",
            "manufacturing",
            "tech_sme",
            "q4_2022_share",
            "excluded_industry_revenue",
            "total_income",
            "non_taxable_income",
            "investment_income",
            "deemed_taxation",
            "offsets",
            "capitalised_amortisation_base",
        ]


class SubsidyRuleForm(forms.ModelForm):
    def __init__(self, *args, parks=None, **kwargs):
        super().__init__(*args, **kwargs)
        if parks is not None:
            self.fields["park"].queryset = parks
        apply_field_rules(self)

    class Meta:
        model = SubsidyRule
        fields = ["park", "year", "tax_year", "title", "rate", "cap", "base", "min_amount"]


class AwardForm(forms.Form):
    awarded_on = forms.DateField(label=_("兑现日期"), widget=DATE)
