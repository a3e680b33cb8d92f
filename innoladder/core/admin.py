from django.contrib import admin

from . import services
from .models import AuditEntry


class AuditedModelAdmin(admin.ModelAdmin):
    """Admin screens write through the audited services, like every other screen."""

    def save_model(self, request, obj, form, change):
        if change:
            services.object_update(obj, user=request.user, message="系统管理")
        else:
            services.object_create(obj, user=request.user, message="系统管理")

    def delete_model(self, request, obj):
        services.object_delete(obj, user=request.user, message="系统管理")

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("ts", "actor_name", "actor_role", "event_type", "object_repr", "result", "source_ip")
    list_filter = ("event_type", "result")
    search_fields = ("actor_name", "object_repr", "message")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
