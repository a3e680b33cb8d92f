"""Forms of the account administration screens (安全管理员) and of the second-factor steps."""

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from innoladder.core.viewkit.forms import bootstrap
from innoladder.enterprises.models import Enterprise, Park, Region

from .choices import Role
from .models import ServiceAgency, User

NEW_PASSWORD = {"autocomplete": "new-password", "class": "form-control"}


class CodeForm(forms.Form):
    code = forms.CharField(label=_("验证码"), max_length=20, strip=True)


PROFILE = ("display_name", "role", "parks", "agency", "enterprise", "region")


def check_new_password(form: forms.Form, data: dict, user: User) -> None:
    """The form's two new-password fields: the same text twice, and a password the validators accept for
    `user`; what fails is added to the form as the field's error."""
    p1, p2 = data.get("password1"), data.get("password2")
    if p1 and p2 and p1 != p2:
        form.add_error("password2", _("两次输入的密码不一致。"))
    elif p1:
        try:
            validate_password(p1, user)
        except forms.ValidationError as exc:
            form.add_error("password1", exc)


def _optional(field_class, label, model, order_by: str, help_text):
    """An optional choice of `model`'s rows in `order_by` order (which the role needs is checked in clean)."""
    return field_class(
        label=label, queryset=model.objects.order_by(order_by), required=False, help_text=help_text
    )


class _ProfileFields(forms.Form):
    display_name = forms.CharField(label=_("姓名"), max_length=100, required=False)
    role = forms.ChoiceField(label=_("角色"), choices=Role.choices)
    parks = _optional(
        forms.ModelMultipleChoiceField, _("所属园区"), Park, "name", _("园区工作人员与审计员所在的园区")
    )
    agency = _optional(forms.ModelChoiceField, _("服务机构"), ServiceAgency, "name", _("仅服务机构账户"))
    region = _optional(
        forms.ModelChoiceField, _("所属区域"), Region, "division_code", _("仅区域管理人员账户")
    )
    enterprise_uscc = forms.CharField(
        label=_("所属企业统一社会信用代码"), max_length=18, required=False, help_text=_("仅企业用户账户")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)

    def profile(self) -> dict:
        """What the account services take as the account's profile, from the cleaned form."""
        return {name: self.cleaned_data[name] for name in PROFILE}

    def clean(self):
        data = super().clean()
        role = data.get("role")
        code = (data.get("enterprise_uscc") or "").strip().upper()
        data["enterprise"] = None
        if role == Role.ENTERPRISE:
            if not code:
                self.add_error("enterprise_uscc", _("企业用户须填写所属企业的统一社会信用代码。"))
            else:
                # Looked up by exact code only: the security administrator sees no enterprise list.
                data["enterprise"] = Enterprise.objects.filter(uscc=code).first()
                if data["enterprise"] is None:
                    self.add_error(
                        "enterprise_uscc", _("没有统一社会信用代码为 %(code)s 的企业。") % {"code": code}
                    )
        if role == Role.AGENCY and not data.get("agency"):
            self.add_error("agency", _("服务机构账户须选择服务机构。"))
        if role == Role.REGIONAL and not data.get("region"):
            self.add_error("region", _("区域管理人员账户须选择所属区域。"))
        return data


class UserCreateForm(_ProfileFields):
    username = forms.CharField(label=_("用户名"), max_length=150)
    password1 = forms.CharField(label=_("初始密码"), widget=forms.PasswordInput(attrs=NEW_PASSWORD))
    password2 = forms.CharField(label=_("确认初始密码"), widget=forms.PasswordInput(attrs=NEW_PASSWORD))

    field_order = [
        "username",
        "display_name",
        "role",
        "parks",
        "agency",
        "region",
        "enterprise_uscc",
        "password1",
        "password2",
    ]

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("用户名已存在（不区分大小写）。"))
        return username

    def clean(self):
        data = super().clean()
        candidate = User(username=data.get("username", ""), display_name=data.get("display_name", ""))
        check_new_password(self, data, candidate)
        return data


class UserEditForm(_ProfileFields):
    is_active = forms.BooleanField(label=_("有效"), required=False)
    reason = forms.CharField(
        label=_("理由"), max_length=300, required=False, help_text=_("变更管理或审计角色时必填，供复核人判断")
    )

    def __init__(self, *args, user: User, **kwargs):
        initial = {
            "display_name": user.display_name,
            "role": user.role,
            "parks": list(user.parks.all()),
            "agency": user.agency,
            "region": user.region,
            "enterprise_uscc": user.enterprise.uscc if user.enterprise_id else "",
            "is_active": user.is_active,
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.user = user

    def clean(self):
        data = super().clean()
        role = data.get("role")
        from .roles import PROTECTED_ROLES

        if role and role != self.user.role and (role in PROTECTED_ROLES or self.user.role in PROTECTED_ROLES):
            if not (data.get("reason") or "").strip():
                self.add_error("reason", _("变更管理或审计角色须填写理由。"))
        return data


class PasswordResetForm(forms.Form):
    password1 = forms.CharField(label=_("新密码"), widget=forms.PasswordInput(attrs=NEW_PASSWORD))
    password2 = forms.CharField(label=_("确认新密码"), widget=forms.PasswordInput(attrs=NEW_PASSWORD))
    reason = forms.CharField(
        label=_("理由"), max_length=300, widget=forms.TextInput(attrs={"class": "form-control"})
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        data = super().clean()
        check_new_password(self, data, self.user)
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), max_length=300)
