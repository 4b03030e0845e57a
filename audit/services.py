"""Rules for the audit trail."""

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .models import AccessLogEntry, LogEntry

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


# Outside a transaction (a plain GET), the access record is one INSERT with an asynchronous
# commit (PostgreSQL ``synchronous_commit = off`` for that statement only): the request does
# not wait for the WAL flush of its log row, which was most of the cost of a read (5-10 ms on
# the shared host). The row is durable as soon as the WAL is flushed: by the WAL writer within
# 3 x wal_writer_delay (0.6 s), or by the next synchronous commit, such as the session save
# of a request that renews its session (accounts.middleware.SessionRenewalMiddleware) before
# the response leaves. Only requests with such a session save take this path (see
# _session_commit_follows); the others commit the record synchronously. Inside a
# transaction the row simply joins it.
_ASYNC_INSERT = """
    WITH async_commit AS (SELECT set_config('synchronous_commit', 'off', true))
    INSERT INTO audit_accesslogentry
        (actor_id, person_id, what, object_id, "grant", reason, at, remote_addr)
    SELECT %s, person_id, %s, object_id, "grant", %s, %s, %s
    FROM async_commit, unnest(%s::bigint[], %s::bigint[], %s::varchar[])
        AS row(person_id, object_id, "grant")
"""
# The same as one statement that commits synchronously (autocommit): one round trip, where
# the ORM's bulk insert wraps it in its own transaction (three).
_SYNC_INSERT = """
    INSERT INTO audit_accesslogentry
        (actor_id, person_id, what, object_id, "grant", reason, at, remote_addr)
    SELECT %s, person_id, %s, object_id, "grant", %s, %s, %s
    FROM unnest(%s::bigint[], %s::bigint[], %s::varchar[]) AS row(person_id, object_id, "grant")
"""


def _session_commit_follows(request) -> bool:
    """True when a synchronous commit (the session save) follows before the response leaves.

    Requests without a stored session (API calls with a token) write their access record
    with a synchronous commit: no window in which a crash could lose it.
    """
    session = getattr(request, "session", None)
    return bool(
        session is not None
        and (settings.SESSION_SAVE_EVERY_REQUEST or session.modified)
        and not session.is_empty()
    )


def _insert_access_rows(request, what, rows, reason="", at=None) -> None:
    """Insert access records ``(person_id, object_id, grant)`` in one statement."""
    actor = request.user if request.user.is_authenticated else None
    at = at or timezone.now()
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(
                _ASYNC_INSERT if _session_commit_follows(request) else _SYNC_INSERT,
                [
                    actor.pk if actor else None,
                    what,
                    reason[:300],
                    at,
                    client_address(request),
                    [row[0] for row in rows],
                    [row[1] for row in rows],
                    [row[2] for row in rows],
                ],
            )
        return
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            actor=actor,
            person_id=person_id,
            what=what,
            object_id=object_id,
            grant=grant,
            reason=reason[:300],
            at=at,
            remote_addr=client_address(request),
        )
        for person_id, object_id, grant in rows
    )


def log_access(request, *, person_id: int, what: str, grant: str, object_id=None, reason=""):
    """Record one read of a person's data (one insert)."""
    _insert_access_rows(request, what, [(person_id, object_id, grant)], reason)


def log_search_results(request, persons_with_grants) -> int:
    """Record which persons a result list showed: one row per person, one bulk insert."""
    rows = [(person_id, None, grant) for person_id, grant in persons_with_grants]
    if rows:
        _insert_access_rows(request, AccessLogEntry.What.SEARCH_RESULT, rows)
    return len(rows)
