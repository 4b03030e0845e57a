"""Rules for the audit trail."""

from django.db import transaction
from django.utils import timezone

from .models import LogEntry

REDACTED = "[verwijderd]"


@transaction.atomic
def redact_entries_for_person(person_id: int, *, reason: str) -> int:
    """Blank what the audit trail holds about a person; keep action, time and actor.

    Used by the retention engine and erasure on request. Idempotent: redacted entries stay so.
    """
    return LogEntry.objects.filter(subject_person_id=person_id, redacted_at__isnull=True).update(
        changes=None,
        changes_text="",
        object_repr=REDACTED,
        serialized_data=None,
        additional_data=None,
        redacted_at=timezone.now(),
        redaction_reason=reason[:200],
    )
