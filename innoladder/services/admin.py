from django.contrib import admin

from innoladder.core.services import object_create, object_update

from .models import RequestCategory


@admin.register(RequestCategory)
class RequestCategoryAdmin(admin.ModelAdmin):
    """The configurable deadline rule: days allowed per request category (changes are audited)."""

    list_display = ("name", "code", "days", "order", "active")
    list_editable = ("days", "order", "active")

    def save_model(self, request, obj, form, change):
        if change:
            object_update(obj, user=request.user, message="修改诉求类别办理时限")
        else:
            object_create(obj, user=request.user)

    def has_delete_permission(self, request, obj=None):
        # Categories are referenced by requests (PROTECT); deactivate instead of deleting.
        return False
