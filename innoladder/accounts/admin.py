from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from innoladder.core.admin import AuditedModelAdmin

from .forms import InitialPasswordCreationForm, ResetPasswordForm
from .models import AgencyAssignment, ServiceAgency, User


@admin.register(User)
class UserAdmin(AuditedModelAdmin, BaseUserAdmin):
    add_form = InitialPasswordCreationForm
    change_password_form = ResetPasswordForm
    list_display = ("username", "display_name", "role", "enterprise", "agency", "is_active", "locked_until")
    list_filter = ("role", "is_active")
    fieldsets = BaseUserAdmin.fieldsets + (
        ("角色与范围", {"fields": ("role", "display_name", "parks", "agency", "enterprise", "locked_until")}),
        ("密码策略", {"fields": ("must_change_password", "password_changed_at")}),
    )
    readonly_fields = ("password_changed_at",)
    add_fieldsets = BaseUserAdmin.add_fieldsets + (
        ("角色与范围", {"fields": ("role", "display_name", "agency", "enterprise")}),
    )


@admin.register(ServiceAgency)
class ServiceAgencyAdmin(AuditedModelAdmin):
    list_display = ("name", "contact", "phone")


@admin.register(AgencyAssignment)
class AgencyAssignmentAdmin(AuditedModelAdmin):
    list_display = ("agency", "enterprise", "starts_on", "ends_on")
    raw_id_fields = ("enterprise",)
