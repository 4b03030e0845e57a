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


def client_address(request) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


def log_access(request, *, person_id: int, what: str, grant: str, object_id=None, reason=""):
    """Record one read of a person's data (one insert)."""
    from .models import AccessLogEntry

    return AccessLogEntry.objects.create(
        actor=request.user if request.user.is_authenticated else None,
        person_id=person_id,
        what=what,
        object_id=object_id,
        grant=grant,
        reason=reason[:300],
        remote_addr=client_address(request),
    )


def log_search_results(request, persons_with_grants) -> int:
    """Record which persons a result list showed: one row per person, one bulk insert."""
    from .models import AccessLogEntry

    now = timezone.now()
    rows = [
        AccessLogEntry(
            actor=request.user,
            person_id=person_id,
            what=AccessLogEntry.What.SEARCH_RESULT,
            grant=grant,
            at=now,
            remote_addr=client_address(request),
        )
        for person_id, grant in persons_with_grants
    ]
    AccessLogEntry.objects.bulk_create(rows)
    return len(rows)
