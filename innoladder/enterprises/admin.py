from django.contrib import admin

from innoladder.core.admin import AuditedModelAdmin

from .models import Park, Region


@admin.register(Region)
class RegionAdmin(AuditedModelAdmin):
    """省 and 市州 above the parks (a regional officer reads the parks of their region)."""

    list_display = ("name", "short_name", "level", "division_code", "parent")
    list_filter = ("level",)


@admin.register(Park)
class ParkAdmin(AuditedModelAdmin):
    list_display = ("name", "short_name", "province", "division_code", "region")
    list_filter = ("region",)
