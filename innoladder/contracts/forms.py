from django import forms
from django.utils.translation import gettext_lazy as _

from innoladder.core.validators import apply_field_rules
from innoladder.core.viewkit import bootstrap, offer_transitions
from innoladder.core.viewkit.forms import DATE

from . import choices as c
from .models import TechContract
from .selectors import writable_enterprises


class TechContractForm(forms.ModelForm):
    class Meta:
        model = TechContract
        fields = [
            "enterprise",
            "enterprise_role",
            "title",
            "category",
            "subtype",
            "bundled_with_transfer_or_development",
            "seller_name",
            "seller_uscc",
            "buyer_name",
            "buyer_uscc",
            "contract_amount",
            "transaction_amount",
            "signed_on",
            "term_start",
            "term_end",
            "prepared_on",
            "transfer_income",
            "transfer_cost",
            "transfer_taxes",
            "note",
        ]
        widgets = {name: DATE for name in ("signed_on", "term_start", "term_end", "prepared_on")}
        help_texts = {
            "enterprise_role": _("卖方即受托方、转让方或许可方；买方即委托方、受让方或被许可方"),
            "transaction_amount": _("合同成交额扣除非技术性费用后的技术性收入，不超过合同成交额"),
            "transfer_income": _("技术转让、技术许可合同用于测算企业所得税"),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = writable_enterprises(user)
        self.fields["prepared_on"].required = False
        # The park enterprise's own side is filled from the enterprise when left empty (see clean).
        for name in PARTY_FIELDS:
            self.fields[name].required = False
            self.fields[name].help_text = _("园区企业一方可不填，按所选园区企业填写")
        if self.instance.pk:
            self.fields["enterprise"].disabled = True
        apply_field_rules(self)
        bootstrap(self)

    def clean(self):
        data = super().clean()
        if not data.get("prepared_on") and data.get("signed_on"):
            data["prepared_on"] = data["signed_on"]
        # on edit the enterprise field is disabled: its cleaned value is the saved one
        enterprise, role = data.get("enterprise"), data.get("enterprise_role")
        own = "seller" if role == c.PartyRole.SELLER else "buyer"
        other = "buyer" if own == "seller" else "seller"
        if enterprise is not None and role:
            data[f"{own}_name"] = data.get(f"{own}_name") or enterprise.name
            data[f"{own}_uscc"] = data.get(f"{own}_uscc") or enterprise.uscc
        for name in (f"{other}_name", f"{other}_uscc"):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, _("请填写对方单位的名称和统一社会信用代码"))
        return data


PARTY_FIELDS = ("seller_name", "seller_uscc", "buyer_name", "buyer_uscc")


class ContractTransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("办理为"), choices=())
    on = forms.DateField(label=_("日期"), widget=DATE)
    registration_number = forms.CharField(label=_("登记编号"), required=False, max_length=60)
    comment = forms.CharField(label=_("说明"), required=False, max_length=300)

    def __init__(self, *args, contract, **kwargs):
        super().__init__(*args, **kwargs)
        offer_transitions(self, c.RegistrationStatus, c.TRANSITIONS.get(contract.status, ()))
        bootstrap(self)
