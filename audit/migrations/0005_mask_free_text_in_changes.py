"""Old audit entries lose the free texts they hold: both the old and the new value of every
declared free-text field (``FREE_TEXT`` in ``<app>/personal_data.py``, as it stood when this
migration was written) become the marker, so the entry still says *that* the field changed.

Idempotent (a marker stays a marker) and batch-wise (by primary key). A free-text field
declared later needs its own migration of this kind (``tests/audit`` says so).
"""

import json

from django.db import migrations

MARKER = "[gewijzigd]"
EMPTY = ("", "None", None)
BATCH_SIZE = 500

# {(app label, model name): fields}: the free texts of the tracked models at this migration.
FREE_TEXT = {
    ("contacts", "contactmoment"): ("summary", "notes"),
    ("contacts", "task"): ("requested_action", "closing_note"),
    ("contacts", "signal"): ("description", "legal_basis"),
    ("access", "breakglassgrant"): ("explanation",),
    ("access", "accessalert"): ("outcome_note",),
    ("retention", "legalhold"): ("reason",),
    ("retention", "retentionreview"): ("reason",),
    ("rights", "datasubjectrequest"): ("description", "extension_reason", "reply"),
    ("rights", "withhelditem"): ("reason",),
    ("rights", "personstatement"): ("statement",),
    ("rights", "processingrestriction"): ("reason",),
    ("rights", "objection"): ("note",),
    ("disclosures", "disclosure"): ("purpose", "meeting", "basis_reference"),
    ("disclosures", "recipientnotice"): ("note",),
}


def _mask(value):
    return value if value in EMPTY else MARKER


def mask_changes(changes, fields):
    """The changes with every value of ``fields`` masked; the same object when nothing was."""
    if not isinstance(changes, dict) or not any(f in changes for f in fields):
        return changes
    masked = dict(changes)
    for name in fields:
        values = masked.get(name)
        if isinstance(values, list | tuple):
            masked[name] = [_mask(v) for v in values]
    return masked


def _mask_serialized(data, fields):
    """auditlog's optional snapshot of the record (``serialize_data``): its free texts too."""
    if not isinstance(data, dict) or not isinstance(data.get("fields"), dict):
        return data
    values = data["fields"]
    if not any(f in values for f in fields):
        return data
    return {**data, "fields": {k: _mask(v) if k in fields else v for k, v in values.items()}}


def _mask_text(text, fields):
    """``changes_text``, when it holds the changes as JSON (older auditlog versions)."""
    try:
        parsed = json.loads(text) if text else None
    except ValueError:
        return text
    masked = mask_changes(parsed, fields)
    return text if masked is parsed else json.dumps(masked)


def mask_entries(log_entry_model, content_type_model, free_text=FREE_TEXT, batch_size=BATCH_SIZE):
    """Rewrite the stored entries; returns how many changed."""
    rewritten = 0
    for (app_label, model), fields in free_text.items():
        content_type = content_type_model.objects.filter(app_label=app_label, model=model).first()
        if content_type is None:
            continue
        entries = log_entry_model.objects.filter(
            content_type=content_type, changes__has_any_keys=list(fields)
        ).order_by("pk")
        last = 0
        while True:
            batch = list(entries.filter(pk__gt=last)[:batch_size])
            if not batch:
                break
            last = batch[-1].pk
            changed = []
            for entry in batch:
                before = (entry.changes, entry.changes_text, entry.serialized_data)
                entry.changes = mask_changes(entry.changes, fields)
                entry.changes_text = _mask_text(entry.changes_text, fields)
                entry.serialized_data = _mask_serialized(entry.serialized_data, fields)
                if (entry.changes, entry.changes_text, entry.serialized_data) != before:
                    changed.append(entry)
            log_entry_model.objects.bulk_update(
                changed, ["changes", "changes_text", "serialized_data"]
            )
            rewritten += len(changed)
    return rewritten


def forwards(apps, schema_editor):
    mask_entries(apps.get_model("audit", "LogEntry"), apps.get_model("contenttypes", "ContentType"))


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0004_alter_accesslogentry_grant"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # The texts are gone for good: there is nothing to bring back.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
