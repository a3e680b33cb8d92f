"""System configuration screens of this app. Accounts are not here: the 安全管理员 manages them in the
app's own screens (/accounts/manage/), where credential resets follow the two-person rule."""

from django.contrib import admin

from innoladder.core.admin import AuditedModelAdmin

from .models import AgencyAssignment, ServiceAgency


@admin.register(ServiceAgency)
class ServiceAgencyAdmin(AuditedModelAdmin):
    list_display = ("name", "contact", "phone")


@admin.register(AgencyAssignment)
class AgencyAssignmentAdmin(AuditedModelAdmin):
    list_display = ("agency", "enterprise", "starts_on", "ends_on")
    raw_id_fields = ("enterprise",)
