from django.contrib import admin

from innoladder.core.admin import AuditedModelAdmin

from .models import SchemeRule


@admin.register(SchemeRule)
class SchemeRuleAdmin(AuditedModelAdmin):
    """The per-scheme validity rules are configuration: administrators adjust years and warning windows."""

    list_display = ("scheme", "validity_kind", "years", "expiring_days", "review_at_expiry", "source")
    list_editable = ("years", "expiring_days")
    fields = ("scheme", "validity_kind", "years", "expiring_days", "review_at_expiry", "source")
