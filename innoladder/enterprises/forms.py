"""Input forms of the registry: parse and check input (Chinese messages); writes happen in services."""

import re
import unicodedata
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innoladder.core.scoping import is_staff_role
from innoladder.core.validators import apply_field_rules
from innoladder.core.viewkit.forms import style
from innoladder.eligibility import uscc

from . import choices as c
from . import money
from .filtersets import park_officers, visible_parks
from .models import (
    AnnualData,
    Award,
    Enterprise,
    Incident,
    IPRecord,
    Person,
    RDInstitution,
    StandardWork,
    award_date_problem,
)
from .services import ANNUAL_FIELDS, STAFF_ONLY_FIELDS

LIST_SPLIT = re.compile(r"[,，;；、\n]+")


class VersionedForm(forms.ModelForm):
    """Carries the version the user started editing from, so a stale save is refused."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version
        apply_field_rules(self)  # money ≥ 0 and phone numbers, as the import checks them
        style(self, small=False, skip=(forms.HiddenInput,), dates=False)

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}


class EnterpriseForm(VersionedForm):
    uscc = forms.CharField(
        label=_("统一社会信用代码"),
        max_length=40,
        help_text=_("18位，字母不区分大小写，可含空格；不使用字母I、O、S、V、Z"),
        error_messages={"required": "请填写统一社会信用代码"},
    )
    override_reason = forms.CharField(
        label=_("校验未通过的确认理由"),
        required=False,
        max_length=200,
        help_text=_("仅当代码确实如此（如营业执照所载）而校验未通过时填写，将记入审计日志"),
    )
    former_names = forms.CharField(
        label=_("曾用名"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("多个名称用逗号或换行分隔"),
    )
    tags = forms.CharField(label=_("标签"), required=False, max_length=400, help_text=_("多个标签用逗号分隔"))

    class Meta:
        model = Enterprise
        fields = [
            "uscc",
            "name",
            "former_names",
            "legal_representative",
            "registered_on",
            "registered_capital",
            "address",
            "park",
            "sub_zone",
            "industry_code",
            "industry_name",
            "tech_field",
            "tech_subfield",
            "strategic_emerging",
            "main_products",
            "niche_market_since",
            "contact_name",
            "contact_phone",
            "contact_email",
            "tags",
            "pool",
            "assigned_officer",
        ]
        widgets = {
            "registered_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "main_products": forms.Textarea(attrs={"rows": 2}),
            "strategic_emerging": forms.NullBooleanSelect,
        }
        error_messages = {"name": {"required": "请填写企业名称"}, "park": {"required": "请选择所属园区"}}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk and not self.is_bound:
            self.initial["former_names"] = "，".join(self.instance.former_names or [])
            self.initial["tags"] = "，".join(self.instance.tags or [])
            self.initial["override_reason"] = self.instance.uscc_override_reason
        if is_staff_role(user):
            parks = visible_parks(user)
            self.fields["park"].queryset = parks
            self.fields["assigned_officer"].queryset = park_officers(parks)
        else:
            for name in (*STAFF_ONLY_FIELDS, "override_reason"):
                self.fields.pop(name, None)

    def clean_uscc(self):
        code = uscc.normalise(self.cleaned_data["uscc"])
        if len(code) != 18 or any(ch not in uscc.CHARSET for ch in code):
            raise ValidationError(list(uscc.validate(code).errors))
        return code

    def clean_former_names(self):
        return [n.strip() for n in LIST_SPLIT.split(self.cleaned_data["former_names"]) if n.strip()]

    def clean_tags(self):
        return [t.strip() for t in LIST_SPLIT.split(self.cleaned_data["tags"]) if t.strip()]

    def clean_industry_code(self):
        return self.cleaned_data["industry_code"].strip().upper()

    def clean_niche_market_since(self):
        year = self.cleaned_data["niche_market_since"]
        if year is not None and not 1949 <= year <= 2100:
            raise ValidationError("请填写四位年份，如2018")
        return year

    def clean(self):
        cleaned = super().clean()
        code = cleaned.get("uscc")
        if code:
            unchanged = self.instance.pk and code == self.instance.uscc
            result = uscc.validate(code)
            reason = (cleaned.get("override_reason") or "").strip()
            if not result.ok and not unchanged:
                if not is_staff_role(self.user):
                    self.add_error("uscc", [*result.errors, "如确认代码无误，请联系园区工作人员核实"])
                elif not reason:
                    self.add_error(
                        "uscc",
                        [*result.errors, "如确认代码无误（以营业执照为准），请填写“校验未通过的确认理由”"],
                    )
            self.uscc_warnings = result.warnings
        return cleaned


class EnterpriseStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("新状态"), choices=c.EnterpriseStatus.choices)
    on = forms.DateField(label=_("变更日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("说明"), required=False, max_length=200)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self, small=False, skip=(forms.HiddenInput,), dates=False)


class WanField(forms.DecimalField):
    """An amount typed in 万元 and cleaned to yuan, exactly (at most six decimals, i.e. to the fen).

    `max_digits` and `decimal_places` are those of the stored yuan (the model field's); a stored value
    shows as 万元 text ("78.782" for 787,820.00 元), what was typed shows again as typed."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def prepare_value(self, value):
        if isinstance(value, Decimal | int):
            return money.wan_text(value)
        return value

    def to_python(self, value):
        if isinstance(value, str):  # "１,２00.5" as typed with a Chinese input method
            value = unicodedata.normalize("NFKC", value).replace(",", "").replace(" ", "")
        wan = super().to_python(value)
        if wan is None:
            return None
        try:
            return money.wan_to_yuan(wan)
        except money.MoneyInputError as exc:
            raise ValidationError(str(exc), code="invalid") from exc


class AnnualDataForm(VersionedForm):
    class Meta:
        model = AnnualData
        fields = ["year", *ANNUAL_FIELDS, "source", "source_note"]
        field_classes = {
            name: WanField
            for name in ANNUAL_FIELDS
            if AnnualData._meta.get_field(name).get_internal_type() == "DecimalField"
        }
        error_messages = {"year": {"required": "请填写年度"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expected_version"].initial = self.instance.version if self.instance.pk else 0
        if self.instance.pk:
            self.fields["year"].disabled = True
        for name in ANNUAL_FIELDS:
            f = self.fields[name]
            if isinstance(f, WanField):
                f.label = _("%(label)s(万元)") % {"label": f.label}

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 2000 <= year <= 2100:
            raise ValidationError("年度应在2000至2100之间")
        return year

    def clean(self):
        cleaned = super().clean()
        employees = cleaned.get("employees")
        for name, label in (("tech_staff", "科技人员"), ("rd_staff", "研发人员")):
            value = cleaned.get(name)
            if employees is not None and value is not None and value > employees:
                self.add_error(name, f"{label}人数不能多于职工总数")
        rd = cleaned.get("rd_expense")
        parts = [cleaned.get(n) for n in ("rd_domestic", "rd_entrusted_overseas")]
        if rd is not None and all(p is not None for p in parts) and sum(parts) > rd:
            self.add_error("rd_expense", "境内与委托境外研发费用之和不能大于研发费用总额")
        return cleaned

    def validate_unique(self):
        """Uniqueness of (enterprise, year) is decided by the upsert service, not by the form."""

    def annual_values(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in ANNUAL_FIELDS}


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class IPRecordForm(VersionedForm):
    class Meta:
        model = IPRecord
        fields = [
            "kind",
            "number",
            "title",
            "applied_on",
            "granted_on",
            "status",
            "expires_on",
            "acquisition",
            "transferred_on",
            "overseas_family",
            "pledge_financing",
            "award_winning",
            "core_to_main_product",
            "used_in_hnte_application",
            "used_in_note",
        ]
        widgets = {"applied_on": DATE, "granted_on": DATE, "expires_on": DATE, "transferred_on": DATE}
        error_messages = {"number": {"required": "请填写编号"}, "title": {"required": "请填写名称"}}


class AwardForm(VersionedForm):
    class Meta:
        model = Award
        fields = ["name", "kind", "level", "grade", "year", "awarded_on", "rank", "project"]
        widgets = {"awarded_on": DATE}
        help_texts = {"awarded_on": _("颁奖（授奖）的日期；工作报告按此日期统计获奖")}
        error_messages = {"name": {"required": "请填写奖项名称"}, "year": {"required": "请填写获奖年度"}}

    def clean(self):
        cleaned = super().clean()
        problem = award_date_problem(cleaned.get("year"), cleaned.get("awarded_on"), timezone.localdate())
        if problem:
            self.add_error("awarded_on", problem)
        return cleaned


class StandardWorkForm(VersionedForm):
    class Meta:
        model = StandardWork
        fields = ["title", "number", "level", "year", "rank"]
        error_messages = {"title": {"required": "请填写标准名称"}}


class RDInstitutionForm(VersionedForm):
    class Meta:
        model = RDInstitution
        fields = ["name", "kind", "level", "approved_by", "year"]
        error_messages = {"name": {"required": "请填写机构名称"}}


class IncidentForm(VersionedForm):
    class Meta:
        model = Incident
        fields = ["kind", "occurred_on", "removed_on", "description"]
        widgets = {"occurred_on": DATE, "removed_on": DATE}
        error_messages = {"occurred_on": {"required": "请填写发生或列入日期"}}


class PersonForm(VersionedForm):
    class Meta:
        model = Person
        fields = ["name", "position", "phone", "is_tech_staff"]
        error_messages = {"name": {"required": "请填写姓名"}}
