from django.contrib import admin

from .models import RequestCategory


@admin.register(RequestCategory)
class RequestCategoryAdmin(admin.ModelAdmin):
    """The configurable deadline rule: days allowed per request category."""

    list_display = ("name", "code", "days", "order", "active")
    list_editable = ("days", "order", "active")
