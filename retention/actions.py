"""Deleting and anonymising sets of records with a few set-based statements.

``delete`` follows the foreign keys like Django's own cascade (so a person's object permissions,
contact details and tenancies go with the person) but with one ``DELETE ... WHERE ... IN
(subquery)`` per table instead of loading every object into memory; SET NULL relations are
updated the same way. A PROTECT relation that still has rows stops the action
(``RetentionBlocked``): the targets detach what must survive (contacts are anonymised rather
than deleted with a person) before they delete.

Every record that is deleted or anonymised has its audit-trail entries redacted in the same
transaction (changes and representations blanked; action, time and actor kept), and its due
dates are removed. Model signals are not sent: the run report is the account of what happened.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connections, models, router
from django.db.models.deletion import get_candidate_relations_to_delete
from django.utils import timezone

from audit.models import LogEntry
from audit.services import REDACTED
from klantcontact.errors import ApplicationError

from .models import RetentionReview, RetentionSchedule
from .sql import among


class RetentionBlocked(ApplicationError):
    """Rows elsewhere still point at the record and may not be removed with it."""

    code = "retention-blocked"

    def __init__(self, label: str):
        super().__init__(f"protected by {label}")
        self.label = label


# Ids per statement: well inside the database drivers' limits on parameters.
CHUNK = 5000


def chunks(ids: list):
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def pks(queryset) -> list:
    return list(queryset.values_list("pk", flat=True))


@dataclass
class ActionContext:
    reason: str
    marker: str
    tombstone: str = ""
    now: datetime.datetime = field(default_factory=timezone.now)
    scheduled_types: frozenset = frozenset()
    reviewed_types: frozenset = frozenset()
    # {person id: retention.erasure.Identifiers}: read before a person's records go, so the
    # texts that still name them can be swept afterwards.
    identifiers: dict = field(default_factory=dict)
    # Per record type: may it have audit entries, due dates? (one cheap query each, per batch)
    _seen: dict = field(default_factory=dict)

    def _any(self, key, queryset) -> bool:
        if key not in self._seen:
            self._seen[key] = queryset.exists()
        return self._seen[key]

    def redact(self, model, ids: list) -> int:
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        if not self._any(
            ("audit", content_type.pk), LogEntry.objects.filter(content_type=content_type)
        ):
            return 0
        redacted = 0
        for part in chunks(ids):
            redacted += LogEntry.objects.filter(
                among("object_id", part), content_type=content_type, redacted_at__isnull=True
            ).update(
                changes=None,
                changes_text="",
                object_repr=REDACTED,
                serialized_data=None,
                additional_data=None,
                redacted_at=self.now,
                redaction_reason=self.reason[:200],
            )
        return redacted

    def forget(self, model, ids: list) -> None:
        """Drop the due dates of records that are gone; open reviews of them close."""
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        reviewed = content_type.pk in self.reviewed_types
        scheduled = content_type.pk in self.scheduled_types and self._any(
            ("schedule", content_type.pk),
            RetentionSchedule.objects.filter(content_type=content_type),
        )
        for part in chunks(ids):
            if reviewed:
                reviews = RetentionReview.objects.filter(
                    among("object_id", part), content_type=content_type
                )
                reviews.filter(status=RetentionReview.Status.OPEN).update(
                    status=RetentionReview.Status.CLOSED
                )
                reviews.exclude(schedule=None).update(schedule=None)
            if scheduled:
                raw_delete(
                    RetentionSchedule.objects.filter(
                        among("object_id", part), content_type=content_type
                    )
                )


def raw_delete(queryset) -> int:
    """DELETE ... WHERE ...: no objects loaded, no signals."""
    return queryset._raw_delete(router.db_for_write(queryset.model))


def delete_returning(model, field, ids: list) -> list:
    """DELETE the rows whose ``field`` is one of ``ids``; return their primary keys.

    One statement where the database can return the deleted keys (PostgreSQL, SQLite 3.35+),
    a SELECT and a DELETE elsewhere. Foreign keys are checked at commit (Django creates them
    deferrable), so parents and children may go in any order within the transaction.
    """
    using = router.db_for_write(model)
    connection = connections[using]
    if not connection.features.can_return_columns_from_insert:
        found = pks(model._base_manager.filter(among(field.attname, ids)))
        raw_delete(model._base_manager.filter(among("pk", found)))
        return found
    quote = connection.ops.quote_name
    table, column = quote(model._meta.db_table), quote(field.column)
    pk = quote(model._meta.pk.column)
    if connection.vendor == "postgresql":
        where, params = f"{column} = ANY(%s::{field.cast_db_type(connection)}[])", [list(ids)]
    else:
        where, params = f"{column} IN ({', '.join(['%s'] * len(ids))})", list(ids)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {where} RETURNING {pk}", params)  # noqa: S608
        return [row[0] for row in cursor.fetchall()]


def release_dependents(model, ids: list, ctx: ActionContext) -> None:
    """Rows of ``model`` with these keys are being deleted: delete what belongs only to them
    (recursively), unlink what only points at them, refuse what protects them; redact their
    audit entries and drop their due dates."""
    if not ids:
        return
    for relation in get_candidate_relations_to_delete(model._meta):
        related = relation.related_model
        if not related._meta.managed or related._meta.proxy:
            continue
        on_delete = relation.on_delete
        if on_delete is models.DO_NOTHING:
            continue
        for part in chunks(ids):
            if on_delete is models.CASCADE:
                release_dependents(related, delete_returning(related, relation.field, part), ctx)
                continue
            children = related._base_manager.filter(among(relation.field.attname, part))
            if on_delete is models.SET_NULL:
                children.update(**{relation.field.name: None})
            elif children.exists():
                raise RetentionBlocked(related._meta.label)
    ctx.redact(model, ids)
    ctx.forget(model, ids)


def cascade_delete(model, ids: list, ctx: ActionContext) -> int:
    """Delete these rows of ``model`` and what belongs only to them."""
    ids = list(ids)
    if not ids:
        return 0
    release_dependents(model, ids, ctx)
    return sum(raw_delete(model._base_manager.filter(among("pk", part))) for part in chunks(ids))


def delete(target, ids, ctx: ActionContext) -> int:
    model = target.model
    if target.before_delete is not None:
        target.before_delete(ids, ctx)
    count = cascade_delete(model, ids, ctx)
    if target.after_delete is not None:
        target.after_delete(ids, ctx)
    return count


def anonymise(target, ids, ctx: ActionContext) -> int:
    if target.anonymiser is None:
        raise ValueError(f"{target.key} cannot be anonymised")
    target.anonymiser(ids, ctx)
    return len(ids)
