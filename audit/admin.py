"""Admin page of the audit trail: read-only, no entry deleted by hand, no free text shown."""

from auditlog.admin import LogEntryAdmin as AuditlogLogEntryAdmin
from auditlog.render import get_field_verbose_name
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from persondata import registry

from .masking import MARKER, mask, masked_fields
from .models import LogEntry

admin.site.unregister(LogEntry)


def record_page(entry) -> str | None:
    """Where the record of an entry is read under the access policy (which logs the view): its
    own page when the model has one, else the card of the person it is about; None when there
    is neither (the record or the person is gone)."""
    model = entry.content_type.model_class()
    if model is None or entry.object_id is None:
        return None
    record = model._base_manager.filter(pk=entry.object_id).first()
    if record is not None and hasattr(record, "get_absolute_url"):
        return record.get_absolute_url()
    person_id = entry.subject_person_id
    declared = registry.entry_for(model)
    if person_id is None and record is not None and declared is not None:
        lookup = declared.person_lookup()
        person_id = model._base_manager.filter(pk=record.pk).values_list(lookup, flat=True)[0]
    if person_id is None:
        return None
    try:
        return reverse("contacts:card", args=[person_id])
    except NoReverseMatch:
        return None


def _shown(value) -> str:
    return str(_("[changed]")) if value == MARKER else str(value)


def changes_html(entry):
    """The changed fields as a table; a free text as "[changed]", never its old or new text,
    with a link to the record's page. Masks what it shows even for an entry written before
    the free texts were masked."""
    changes = entry.changes_dict
    if not changes:
        return ""
    hidden = set(masked_fields(entry.content_type.model_class()))
    rows = []
    for field, values in sorted(changes.items()):
        if isinstance(values, dict):  # a many-to-many change: the related records' names
            values = (values.get("operation", ""), ", ".join(map(str, values.get("objects", []))))
        elif field in hidden:
            values = [mask(value) for value in values]
        old, new = (list(values) + ["", ""])[:2]
        rows.append((get_field_verbose_name(entry, field), _shown(old), _shown(new)))
    table = format_html(
        "<table><tr><th>{}</th><th>{}</th><th>{}</th></tr>{}</table>",
        _("Field"),
        _("From"),
        _("To"),
        format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", rows),
    )
    if not hidden & set(changes):
        return table
    url = record_page(entry)
    note = _("The audit trail records that a free text changed, not what it says.")
    if url is None:
        return format_html("{}<p>{}</p>", table, note)
    return format_html(
        '{}<p>{} <a href="{}">{}</a></p>',
        table,
        note,
        url,
        _("Open the record (the access policy applies, and the view is logged)"),
    )


@admin.register(LogEntry)
class LogEntryAdmin(AuditlogLogEntryAdmin):
    """The audit trail for the privacy officer: read-only, nobody deletes entries by hand.

    Only the retention engine redacts entries (``audit.services.redact_entries_for_person``).
    Free texts show as changed, with a link to the record (``changes_html``).
    """

    list_filter = [*AuditlogLogEntryAdmin.list_filter, "redacted_at"]

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Changes"))
    def msg(self, obj):
        return changes_html(obj)
