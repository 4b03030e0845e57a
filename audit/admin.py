"""Admin page of the audit trail: read-only, and no entry is ever deleted by hand."""

from auditlog.admin import LogEntryAdmin as AuditlogLogEntryAdmin
from django.contrib import admin

from .models import LogEntry

admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class LogEntryAdmin(AuditlogLogEntryAdmin):
    """The audit trail for the privacy officer: read-only, nobody deletes entries by hand.

    Only the retention engine redacts entries (``audit.services.redact_entries_for_person``).
    """

    list_filter = [*AuditlogLogEntryAdmin.list_filter, "redacted_at"]

    def has_delete_permission(self, request, obj=None):
        return False
