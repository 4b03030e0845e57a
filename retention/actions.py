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
from django.db import models, router
from django.db.models.deletion import get_candidate_relations_to_delete
from django.utils import timezone

from audit.models import LogEntry
from audit.services import REDACTED

from .sql import among


class RetentionBlocked(Exception):
    """Rows elsewhere still point at the record and may not be removed with it."""

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

    def redact(self, model, ids: list) -> int:
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
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
        from .models import RetentionReview, RetentionSchedule

        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        for part in chunks(ids):
            if content_type.pk in self.reviewed_types:
                reviews = RetentionReview.objects.filter(
                    among("object_id", part), content_type=content_type
                )
                reviews.filter(status=RetentionReview.Status.OPEN).update(
                    status=RetentionReview.Status.CLOSED
                )
                reviews.exclude(schedule=None).update(schedule=None)
            if content_type.pk in self.scheduled_types:
                raw_delete(
                    RetentionSchedule.objects.filter(
                        among("object_id", part), content_type=content_type
                    )
                )


def raw_delete(queryset) -> int:
    """DELETE ... WHERE ...: no objects loaded, no signals."""
    return queryset._raw_delete(router.db_for_write(queryset.model))


def cascade_delete(model, ids: list, ctx: ActionContext) -> int:
    """Delete these rows of ``model`` and, first, what belongs only to them."""
    ids = list(ids)
    if not ids:
        return 0
    for relation in get_candidate_relations_to_delete(model._meta):
        related = relation.related_model
        if not related._meta.managed or related._meta.proxy:
            continue
        field_name = relation.field.name
        on_delete = relation.on_delete
        if on_delete is models.DO_NOTHING:
            continue
        for part in chunks(ids):
            children = related._base_manager.filter(among(relation.field.attname, part))
            if on_delete is models.CASCADE:
                cascade_delete(related, pks(children), ctx)
            elif on_delete is models.SET_NULL:
                children.update(**{field_name: None})
            elif children.exists():
                raise RetentionBlocked(related._meta.label)
    ctx.redact(model, ids)
    ctx.forget(model, ids)
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
