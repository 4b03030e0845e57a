"""Audit-trail entries for records written in bulk, the same as django-auditlog writes per save.

The import writes thousands of rows per chunk with ``bulk_create`` / ``bulk_update``, which send
no signals, so auditlog would see nothing. These entries are what its receivers would have
written (action, the changed fields by auditlog's own ``model_instance_diff``, so its per-model
include, exclude and mask settings apply; the subject person; actor; correlation id), in one
INSERT per chunk.
"""

from auditlog import get_logentry_model
from auditlog.cid import get_cid
from auditlog.diff import (
    get_field_value,
    get_fields_in_model,
    get_mask_function,
    model_instance_diff,
)
from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.encoding import smart_str

from audit.models import SUBJECT_PERSON_KEY

from . import bulk


def _tracked_fields(model, sample):
    """The fields auditlog's ``model_instance_diff`` compares for ``model`` (its include and
    exclude settings applied), each with its value for "no record yet", and the mask."""
    config = auditlog.get_model_fields(model)
    fields = get_fields_in_model(sample)
    if config["include_fields"]:
        fields = [f for f in fields if f.name in config["include_fields"]]
    if config["exclude_fields"]:
        fields = [f for f in fields if f.name not in config["exclude_fields"]]
    masked = set(config["mask_fields"])
    mask = get_mask_function(config.get("mask_callable")) if masked else None
    return [(f, get_field_value(None, f)) for f in fields], masked, mask


def created_changes(record, tracked) -> dict | None:
    """What ``model_instance_diff(None, record)`` returns, with the field list worked out once
    per model instead of per record (a third of the import's time went there). Plain-text
    changes only (``AUDITLOG_STORE_JSON_CHANGES`` off, as in this project)."""
    fields, masked, mask = tracked
    diff = {}
    for field, before in fields:
        after = get_field_value(record, field)
        if before == after:
            continue
        pair = (smart_str(before), smart_str(after))
        diff[field.name] = (mask(pair[0]), mask(pair[1])) if field.name in masked else pair
    return diff or None


def log_bulk(pairs, *, actor) -> int:
    """``pairs``: (old, new) per record; old None for a created record. Returns the entries
    written (a pair without a change writes none)."""
    LogEntry = get_logentry_model()
    now, cid = timezone.now(), get_cid()
    entries = []
    tracked = {}
    fast = not settings.AUDITLOG_STORE_JSON_CHANGES
    for old, new in pairs:
        if old is None and fast:
            model = type(new)
            if model not in tracked:
                tracked[model] = _tracked_fields(model, new)
            changes = created_changes(new, tracked[model])
        else:
            changes = model_instance_diff(
                old, new, use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES
            )
        if not changes:
            continue
        getter = getattr(new, "get_additional_data", None)
        additional = getter() if callable(getter) else None
        entries.append(
            LogEntry(
                content_type=ContentType.objects.get_for_model(new),
                object_pk=str(new.pk),
                object_id=new.pk,
                object_repr=str(new),
                action=LogEntry.Action.CREATE if old is None else LogEntry.Action.UPDATE,
                changes=changes,
                actor=actor,
                additional_data=additional,
                # What LogEntry.save() lifts out of the data (redaction finds entries by it).
                subject_person_id=(additional or {}).get(SUBJECT_PERSON_KEY),
                cid=cid,
                timestamp=now,
            )
        )
    bulk.insert(LogEntry, entries)
    return len(entries)
