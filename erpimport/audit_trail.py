"""Audit-trail entries for records written in bulk, the same as django-auditlog writes per save.

The import writes thousands of rows per chunk with ``bulk_create`` / ``bulk_update``, which send
no signals, so auditlog would see nothing. These entries are what its receivers would have
written (action, the changed fields by auditlog's own ``model_instance_diff``, so its per-model
include, exclude and mask settings apply; the subject person; actor; correlation id), in one
INSERT per chunk.
"""

from auditlog import get_logentry_model
from auditlog.cid import get_cid
from auditlog.diff import model_instance_diff
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone


def log_bulk(pairs, *, actor) -> int:
    """``pairs``: (old, new) per record; old None for a created record. Returns the entries
    written (a pair without a change writes none)."""
    LogEntry = get_logentry_model()
    now, cid = timezone.now(), get_cid()
    entries = []
    for old, new in pairs:
        changes = model_instance_diff(
            old, new, use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES
        )
        if not changes:
            continue
        additional = getattr(new, "get_additional_data", None)
        entries.append(
            LogEntry(
                content_type=ContentType.objects.get_for_model(new),
                object_pk=str(new.pk),
                object_id=new.pk,
                object_repr=str(new),
                action=LogEntry.Action.CREATE if old is None else LogEntry.Action.UPDATE,
                changes=changes,
                actor=actor,
                additional_data=additional() if callable(additional) else None,
                cid=cid,
                timestamp=now,
            )
        )
    LogEntry.objects.bulk_create(entries)
    return len(entries)
