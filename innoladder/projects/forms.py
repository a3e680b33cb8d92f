from django import forms
from django.utils.translation import gettext_lazy as _

from innoladder.core.validators import apply_field_rules
from innoladder.core.viewkit import StyledMixin, enterprise_choices

from .choices import ProjectStatus
from .models import Project


class ProjectForm(StyledMixin, forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "enterprise",
            "partners",
            "partner_institutions",
            "programme",
            "level",
            "year",
            "batch",
            "number",
            "title",
            "government_funding",
            "self_raised",
            "applied_on",
            "starts_on",
            "ends_on",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = enterprise_choices(user)
        self.fields["partners"].queryset = enterprise_choices(user, "view")
        self.fields["partners"].required = False
        apply_field_rules(self)


class TransitionForm(StyledMixin, forms.Form):
    to_status = forms.ChoiceField(label=_("状态变更为"), choices=ProjectStatus.choices)
    on = forms.DateField(label=_("日期"), required=False)
    comment = forms.CharField(label=_("说明"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class MilestoneForm(StyledMixin, forms.Form):
    title = forms.CharField(label=_("节点"), max_length=200)
    due_on = forms.DateField(label=_("截止日期"))


class ReportForm(StyledMixin, forms.Form):
    reported_on = forms.DateField(label=_("报告日期"))
    summary = forms.CharField(label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 3}))
    attachment = forms.FileField(
        label=_("附件"), required=False, help_text=_("PDF、JPG、PNG、DOCX、XLSX，不超过10MB")
    )
