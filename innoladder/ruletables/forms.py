from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from innoladder.core.viewkit.forms import style
from innoladder.eligibility import tables as t

from . import english
from .models import METRIC_CHOICES, OPERATOR_CHOICES, WINDOW_CHOICES, RuleTable
from .services import ConditionInput


def _in_language(choices):
    """Choices whose labels are the engine's texts, shown in the page's language."""
    return [(value, english.translate_lazy(label)) for value, label in choices]


class RuleTableForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    source_url = forms.URLField(label=_("原文网址"), required=False, assume_scheme="https")

    class Meta:
        model = RuleTable
        fields = ["tier", "title", "effective_from", "effective_to", "source", "source_url", "note"]
        widgets = {
            "effective_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "effective_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        self.fields["tier"].choices = _in_language(self.fields["tier"].choices)
        style(self)


class ConditionForm(forms.Form):
    metric = forms.ChoiceField(
        label=_("指标"), choices=[("", "—"), *_in_language(METRIC_CHOICES)], required=False
    )
    window = forms.ChoiceField(label=_("年度口径"), choices=_in_language(WINDOW_CHOICES), initial="last_year")
    operator = forms.ChoiceField(label=_("比较"), choices=_in_language(OPERATOR_CHOICES), initial=">=")
    threshold = forms.DecimalField(label=_("门槛"), max_digits=16, decimal_places=4, required=False)
    clause = forms.CharField(label=_("依据条款"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not data.get("metric") and data.get("threshold") is None and not data.get("clause")

    def clean(self):
        data = super().clean()
        if self.is_blank() or data.get("DELETE"):
            return data
        if not data.get("metric"):
            self.add_error("metric", _("请选择指标"))
        if data.get("threshold") is None:
            self.add_error("threshold", _("请填写门槛"))
        if self.errors:
            return data
        for text in t.check_condition(self.item().as_condition()):
            self.add_error(None, text)
        return data

    def item(self) -> ConditionInput:
        data = self.cleaned_data
        return ConditionInput(
            data["metric"], data["window"], data["operator"], data["threshold"], data["clause"]
        )


ConditionFormSet = forms.formset_factory(
    ConditionForm, extra=3, can_delete=True, max_num=30, validate_max=True
)


def conditions_of(formset) -> list[ConditionInput]:
    """The filled-in, not deleted rows, in order."""
    return [
        form.item() for form in formset.forms if not form.is_blank() and not form.cleaned_data.get("DELETE")
    ]


def initial_conditions(table: RuleTable | None) -> list[dict]:
    if table is None:
        return []
    return [
        {
            "metric": c.metric,
            "window": c.window,
            "operator": c.operator,
            "threshold": Decimal(f"{c.threshold.normalize():f}"),
            "clause": c.clause,
        }
        for c in table.conditions.all()
    ]
