from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from innoladder.core.parkscope import park_scoped, writable_parks
from innoladder.core.scoping import CHANGE, VIEW, for_user
from innoladder.core.validators import apply_field_rules
from innoladder.core.viewkit import bootstrap
from innoladder.core.viewkit.forms import DATE, offer_transitions
from innoladder.enterprises.models import Enterprise

from . import choices as c
from .models import FundApplication, Programme, VoucherUse


def writable_enterprises(user):
    return for_user(Enterprise.objects.select_related("park"), user, CHANGE).order_by("name")


# The voucher parameters a programme's form edits, one field per type: (field prefix, the types, the
# programme's stored values, the default rules' values, the label, the field's bounds).
VOUCHER_PARAMETERS = (
    (
        "quota",
        c.HolderType,
        "voucher_quotas",
        "annual_quota",
        _("创新券年度额度·%(label)s(元)"),
        {"decimal_places": 2},
    ),
    (
        "share",
        c.ServiceType,
        "voucher_shares",
        "service_share",
        _("创新券支付比例·%(label)s(0-1)"),
        {"max_value": 1, "decimal_places": 4},
    ),
)


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["park", "year", "kind", "name", "issuer", "rules", "cap"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["park"].queryset = writable_parks(user)
        defaults = Programme().voucher_rules()
        for prefix, kinds, stored, default, label, bounds in VOUCHER_PARAMETERS:
            values, fallback = getattr(self.instance, stored) or {}, getattr(defaults, default)
            for key, kind in kinds.choices:
                self.fields[f"{prefix}_{key}"] = forms.DecimalField(
                    label=label % {"label": kind},
                    required=False,
                    min_value=0,
                    initial=values.get(key, fallback.get(key)),
                    **bounds,
                )
        apply_field_rules(self)
        bootstrap(self)

    def voucher_parameters(self) -> tuple[dict, dict]:
        """The posted (quotas, shares): the amounts given, as strings, by holder and by service type."""
        quotas, shares = (
            {
                key: str(self.cleaned_data[f"{prefix}_{key}"])
                for key in kinds.values
                if self.cleaned_data.get(f"{prefix}_{key}") is not None
            }
            for prefix, kinds, *rest in VOUCHER_PARAMETERS
        )
        return quotas, shares


class EnterpriseProgrammeForm(forms.ModelForm):
    """A record of an enterprise on a programme: the enterprises the user may write to (fixed once the record
    is saved) and the programmes `programmes(user)` offers."""

    @staticmethod
    def programmes(user):
        return park_scoped(Programme.objects.all(), user, VIEW)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = writable_enterprises(user)
        self.fields["programme"].queryset = self.programmes(user)
        if self.instance.pk:
            self.fields["enterprise"].disabled = True
        apply_field_rules(self)
        bootstrap(self)


class FundApplicationForm(EnterpriseProgrammeForm):
    """A 创新券 application is the request for the voucher itself (申领); draws are VoucherUse rows."""

    class Meta:
        model = FundApplication
        fields = ["enterprise", "programme", "title", "requested_amount", "applied_on", "note"]
        widgets = {"applied_on": DATE}


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("办理为"), choices=())
    on = forms.DateField(label=_("日期"), widget=DATE)
    amount = forms.DecimalField(label=_("金额(元)"), required=False, min_value=Decimal(0), decimal_places=2)
    comment = forms.CharField(label=_("说明"), required=False, max_length=300)

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        offer_transitions(self, c.ApplicationStatus, c.TRANSITIONS.get(application.status, ()))


class VoucherUseForm(EnterpriseProgrammeForm):
    class Meta:
        model = VoucherUse
        fields = ["enterprise", "programme", "used_on", "holder_type", "service_type", "provider", "fee"]
        widgets = {"used_on": DATE}

    @staticmethod
    def programmes(user):
        return EnterpriseProgrammeForm.programmes(user).filter(kind=c.ProgrammeKind.VOUCHER)
