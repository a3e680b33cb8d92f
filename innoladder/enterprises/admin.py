from django.contrib import admin

from innoladder.core.admin import AuditedModelAdmin

from .models import Park


@admin.register(Park)
class ParkAdmin(AuditedModelAdmin):
    list_display = ("name", "short_name", "province", "division_code")
