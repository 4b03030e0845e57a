"""One batch of a run: due dates scheduled for the next records, or the next due records handled
in one short transaction (retried record by record when it fails), with the counts added to the
rule's report in the same transaction."""

import logging
import time
from collections import Counter

from django.db import transaction
from django.db.models import F

from ..models import RetentionRunRule
from .context import BATCH_SIZE, COUNT_FIELDS, SCHEDULE_BATCH_SIZE
from .schedules import due_rows, sync_schedules
from .verdicts import handle

logger = logging.getLogger(__name__)


def process_batch(report, rule, day, *, batch_size=BATCH_SIZE, object_ids=None) -> bool:
    """Handle the next batch of due records of ``rule``; False when there was none.

    The batch is one transaction without savepoints (a row locked by the transaction and then
    changed in a savepoint costs PostgreSQL a multixact per row). When it fails, it is rolled
    back whole and retried record by record, each in a transaction of its own, so one bad
    record costs one error.
    """
    started = time.monotonic()
    target = rule.target_spec
    if target.max_batch:
        batch_size = min(batch_size, target.max_batch)

    def next_rows(*, lock, only=None, limit=batch_size):
        return due_rows(
            rule,
            day,
            after=(report.cursor_due, report.cursor_id),
            object_ids=only if only is not None else object_ids,
            lock=lock,
            limit=limit,
        )

    try:
        with transaction.atomic():
            rows = next_rows(lock=True)
            if not rows:
                return False
            counts = handle(rule, rows, day, as_of_start=True)
            advance(report, rows, counts, started)
        return len(rows) == batch_size
    except Exception:  # noqa: BLE001 - isolate the record(s) that fail
        logger.warning("Retention rule %s: batch failed, retrying record by record", rule.code)
    rows = next_rows(lock=False)
    if not rows:
        return False
    counts = Counter()
    for row in rows:
        try:
            with transaction.atomic():
                locked = [
                    candidate
                    for candidate in next_rows(lock=True, only=[row.object_id], limit=1)
                    if candidate.pk == row.pk
                ]
                counts += handle(rule, locked, day, as_of_start=True) if locked else Counter()
        except Exception as exc:  # noqa: BLE001
            counts["errors"] += 1
            logger.warning("Retention rule %s: a record failed (%s)", rule.code, type(exc).__name__)
    with transaction.atomic():
        advance(report, rows, counts, started)
    return len(rows) == batch_size


def advance(report, rows, counts, started) -> None:
    last = rows[-1]
    report.cursor_due, report.cursor_id = last.due_on, last.pk
    add_counts(report, counts, started, cursor=True)


def add_counts(report, counts: Counter, started: float, *, cursor: bool = False) -> None:
    updates = {name: F(name) + counts[name] for name in COUNT_FIELDS if counts.get(name)}
    updates["duration_ms"] = F("duration_ms") + int((time.monotonic() - started) * 1000)
    if cursor:
        updates["cursor_due"] = report.cursor_due
        updates["cursor_id"] = report.cursor_id
    RetentionRunRule.objects.filter(pk=report.pk).update(**updates)


def schedule_batch(report, rule, *, batch_size=SCHEDULE_BATCH_SIZE) -> bool:
    """Compute the due dates of the next batch of records; False when all are done."""
    started = time.monotonic()
    target = rule.target_spec
    with transaction.atomic():
        pks = list(
            target.records(rule)
            .filter(pk__gt=report.refresh_cursor)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        if not pks:
            return False
        created, moved = sync_schedules(rule, pks)
        report.refresh_cursor = pks[-1]
        RetentionRunRule.objects.filter(pk=report.pk).update(
            scheduled=F("scheduled") + created,
            rescheduled=F("rescheduled") + moved,
            refresh_cursor=report.refresh_cursor,
            duration_ms=F("duration_ms") + int((time.monotonic() - started) * 1000),
        )
    return len(pks) == batch_size
