from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innoladder.core.scoping import CHANGE
from innoladder.core.viewkit.forms import DATE, bootstrap, offer_transitions

from . import choices as c
from . import selectors
from .models import Application, Batch, Recognition


class Bootstrapped:
    """Full-size Bootstrap classes on every widget of the form, as on the other registers' forms."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


# The models' enterprise field carries no name of its own (Django would show its English "enterprise").
ENTERPRISE_LABEL = {"enterprise": _("企业")}


class EnterpriseBatchForm(Bootstrapped, forms.ModelForm):
    """A recognition or an application: of an enterprise the user may change, in a batch they may see,
    renewing a recognition they may change."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = selectors.enterprise_choices(user)
        self.fields["batch"].queryset = selectors.batch_list(user)
        self.fields["renews"].queryset = selectors.recognition_list(user, CHANGE)


class RecognitionForm(EnterpriseBatchForm):
    certificate_file = forms.FileField(label=_("证书文件（PDF/JPG/PNG）"), required=False)

    class Meta:
        model = Recognition
        fields = [
            "enterprise",
            "scheme",
            "scheme_name",
            "level",
            "number",
            "batch",
            "issued_on",
            "valid_until",
            "renews",
            "note",
        ]
        widgets = {"issued_on": DATE, "valid_until": DATE}
        labels = ENTERPRISE_LABEL
        help_texts = {"valid_until": _("留空则按该类别的有效期规则自动计算")}


class EndForm(Bootstrapped, forms.Form):
    how = forms.ChoiceField(label=_("操作"), choices=[("revoked", _("撤销")), ("cancelled", _("取消"))])
    on = forms.DateField(label=_("日期"), widget=DATE, initial=timezone.localdate)
    reason = forms.CharField(label=_("原因"), max_length=300)


class AnnualReportForm(Bootstrapped, forms.Form):
    year = forms.IntegerField(label=_("报告年度"))
    submitted_on = forms.DateField(label=_("报送日期"), widget=DATE, initial=timezone.localdate)


class BatchForm(Bootstrapped, forms.ModelForm):
    class Meta:
        model = Batch
        fields = [
            "park",
            "name",
            "scheme",
            "scheme_name",
            "level",
            "year",
            "opens_on",
            "closes_on",
            "online_deadline",
            "paper_deadline",
            "note",
        ]
        widgets = {k: DATE for k in ("opens_on", "closes_on", "online_deadline", "paper_deadline")}

    def __init__(self, *args, parks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["park"].queryset = parks


class ApplicationForm(EnterpriseBatchForm):
    class Meta:
        model = Application
        fields = ["enterprise", "batch", "kind", "renews", "officer", "agency", "assessment_id", "note"]
        labels = ENTERPRISE_LABEL

    def __init__(self, *args, officers=None, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers
        self.fields["agency"].queryset = agencies


class ApplicationEditForm(Bootstrapped, forms.ModelForm):
    class Meta:
        model = Application
        fields = ["note", "assessment_id"]


class TransitionForm(Bootstrapped, forms.Form):
    to_status = forms.ChoiceField(label=_("变更为"), choices=c.ApplicationStatus.choices)
    on = forms.DateField(label=_("业务日期"), widget=DATE, required=False)
    comment = forms.CharField(label=_("意见/说明"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    number = forms.CharField(label=_("证书编号/入库登记编号（通过时必填）"), max_length=60, required=False)
    issued_on = forms.DateField(label=_("发证/认定日期（通过时）"), widget=DATE, required=False)

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        offer_transitions(self, c.ApplicationStatus, targets)


class DocumentForm(Bootstrapped, forms.Form):
    kind = forms.ChoiceField(label=_("材料类型"), choices=c.DocumentKind.choices)
    title = forms.CharField(label=_("材料名称"), max_length=200, required=False)
    file = forms.FileField(label=_("文件（PDF/JPG/PNG）"))


class ChangeEventForm(Bootstrapped, forms.Form):
    kind = forms.ChoiceField(label=_("变更类型"), choices=c.ChangeKind.choices)
    occurred_on = forms.DateField(label=_("发生日期"), widget=DATE)
    description = forms.CharField(label=_("说明"), max_length=300, required=False)
