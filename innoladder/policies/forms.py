from django import forms
from django.utils.translation import gettext_lazy as _

from innoladder.core.parkscope import writable_parks
from innoladder.core.viewkit import bootstrap
from innoladder.core.viewkit.forms import DATE
from innoladder.enterprises.choices import TechField
from innoladder.enterprises.models import Enterprise

from . import choices as c
from . import selectors
from .models import Campaign, Policy, TrainingEvent

CONDITION_ROWS = 5


class PolicyForm(forms.ModelForm):
    tags_text = forms.CharField(label=_("标签"), required=False, help_text=_("多个标签用逗号分隔"))
    target_tiers = forms.MultipleChoiceField(
        label=_("面向资质(任一)"), choices=c.Tier.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    tech_fields = forms.MultipleChoiceField(
        label=_("技术领域(任一)"),
        choices=TechField.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Policy
        fields = [
            "park",
            "title",
            "issuer",
            "document_number",
            "issued_on",
            "level",
            "summary",
            "benefit",
            "attachment",
            "valid_from",
            "valid_until",
            "target_tiers",
            "tech_fields",
            "require_strategic_emerging",
            "gap_margin",
        ]
        widgets = {name: DATE for name in ("issued_on", "valid_from", "valid_until")}
        help_texts = {"gap_margin": _("只差一项数值条件且差距不超过阈值的该比例时列为“差距较小”，默认0.20")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["park"].queryset = writable_parks(user)
        self.fields["attachment"].widget = forms.ClearableFileInput(attrs={"accept": "application/pdf"})
        self.fields["tags_text"].initial = "，".join(self.instance.tags or [])
        existing = list(self.instance.conditions.all()) if self.instance.pk else []
        for i in range(CONDITION_ROWS):
            cond = existing[i] if i < len(existing) else None
            self.fields[f"cond_field_{i}"] = forms.ChoiceField(
                label=_("条件%(n)s·指标") % {"n": i + 1},
                choices=[("", "—")] + list(c.ConditionField.choices),
                required=False,
                initial=cond.field if cond else "",
            )
            self.fields[f"cond_op_{i}"] = forms.ChoiceField(
                label=_("条件%(n)s·比较") % {"n": i + 1},
                choices=c.Operator.choices,
                required=False,
                initial=cond.operator if cond else ">=",
            )
            self.fields[f"cond_threshold_{i}"] = forms.DecimalField(
                label=_("条件%(n)s·阈值") % {"n": i + 1},
                required=False,
                decimal_places=4,
                max_digits=18,
                initial=cond.threshold if cond else None,
                help_text=_("金额填元；比例填小数，如3%填0.03") if i == 0 else "",
            )
        bootstrap(self)
        for name in ("target_tiers", "tech_fields"):
            self.fields[name].widget.attrs.pop("class", None)

    def clean(self):
        data = super().clean()
        data["tags"] = [
            t.strip() for t in data.get("tags_text", "").replace("，", ",").split(",") if t.strip()
        ]
        conditions = []
        for i in range(CONDITION_ROWS):
            field = data.get(f"cond_field_{i}")
            threshold = data.get(f"cond_threshold_{i}")
            if field and threshold is None:
                self.add_error(f"cond_threshold_{i}", _("请填写阈值"))
            elif field:
                conditions.append((field, data.get(f"cond_op_{i}") or ">=", threshold))
        data["conditions"] = conditions
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        fields = {name: data[name] for name in self.Meta.fields if name in data}
        if not data.get("attachment"):
            fields.pop("attachment", None)
            if data.get("attachment") is False:  # "clear" ticked
                fields["attachment"] = None
                fields["attachment_name"] = ""
        fields["tags"] = data["tags"]
        fields["conditions"] = data["conditions"]
        return fields


class EventForm(forms.ModelForm):
    """A campaign or a training: held in a park the user may write to."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["park"].queryset = writable_parks(user)
        bootstrap(self)


class EventEnterpriseForm(forms.Form):
    """An enterprise reached by a campaign or enrolled in a training: one of the event's park's."""

    enterprise = forms.ModelChoiceField(label=_("企业"), queryset=Enterprise.objects.none())

    def __init__(self, *args, park, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = selectors.enterprise_choices(user, park)
        bootstrap(self)


class CampaignForm(EventForm):
    class Meta:
        model = Campaign
        fields = ["park", "title", "starts_on", "ends_on", "description"]
        widgets = {"starts_on": DATE, "ends_on": DATE}


class TrainingForm(EventForm):
    class Meta:
        model = TrainingEvent
        fields = ["park", "title", "organiser", "starts_on", "ends_on", "place", "description"]
        widgets = {"starts_on": DATE, "ends_on": DATE}


class ReachForm(EventEnterpriseForm):
    reached_on = forms.DateField(label=_("日期"), widget=DATE)
    channel = forms.ChoiceField(label=_("方式"), choices=c.Channel.choices)
    note = forms.CharField(label=_("说明"), required=False, max_length=200)


class EnrolForm(EventEnterpriseForm):
    attendees = forms.CharField(
        label=_("参训人员"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一人：姓名，职务"),
    )

    def clean_attendees(self):
        people = []
        for line in self.cleaned_data["attendees"].splitlines():
            if not line.strip():
                continue
            name, _, position = line.replace("，", ",").partition(",")
            if not name.strip() or len(name.strip()) > 50:
                raise forms.ValidationError(f"无法识别的人员：{line}")
            people.append((name.strip(), position.strip()))
        return people
