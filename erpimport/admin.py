"""The import runs in the admin, read-only: the privacy officer sees who loaded what, when, the
counts and the refused rows (row numbers and reasons, no values)."""

from django.contrib import admin

from .models import ImportRun


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = (
        "started_at",
        "kind",
        "source",
        "started_by",
        "dry_run",
        "full_sync",
        "status",
        "rows",
        "created",
        "updated",
        "ended",
        "refused",
    )
    list_filter = ("kind", "status", "source", "dry_run", "full_sync")
    date_hierarchy = "started_at"
    readonly_fields = [f.name for f in ImportRun._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
