"""Erasure on request (art. 17 AVG): the preview shown before it, the erasure itself by the
person-data registry, and its line in the erasure log outside the database.
"""

import datetime
import json
import logging
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.services import redact_entries_for_person
from klantcontact.errors import ApplicationError
from persondata import registry as person_data
from persondata.registry import entries as person_data_entries

from .. import actions, engine, erasure
from ..models import ErasureLog, LegalHold, RetentionRule, RetentionSchedule, tombstone_text
from ..targets import REGISTRY, STORED

logger = logging.getLogger(__name__)


class ErasureRefused(ApplicationError):
    code = "erasure-refused"

    def __init__(self, log: ErasureLog):
        super().__init__("A legal hold keeps this person's data.")
        self.log = log


@dataclass
class Kept:
    target: str
    count: int
    why: str


def _kept_records(person_id: int, day, *, ignore_holds=()) -> dict[str, dict[int, str]]:
    """{model label: {record id: why}}: records of the person (through any declared path) that
    a statutory period, a record hold or a reviewed keep decision keeps, with the records they
    are part of (a held task keeps its contact moment: anonymising the contact blanks it)."""

    kept: dict[str, dict[int, str]] = {}

    def keep(label, pk, why):
        kept.setdefault(label, {}).setdefault(pk, why)
        item = person_data.entry_for(label)
        parent = item.holds.part_of if item is not None else None
        if parent:
            parent_model = item.model._meta.get_field(parent).related_model
            parent_id = (
                item.model._base_manager.filter(pk=pk)
                .values_list(f"{parent}_id", flat=True)
                .first()
            )
            if parent_id is not None:
                keep(parent_model._meta.label, parent_id, why)

    statutory = RetentionRule.objects.active_on(day).filter(is_statutory=True).exclude(target="")
    for rule in statutory:
        target = rule.target_spec
        if not engine.enforceable(rule) or not target.person_field or target.cascades_person:
            continue
        pks = list(target.records_of_persons([person_id], rule).values_list("pk", flat=True))
        for pk, (_person, trigger) in target.compute(rule, pks).items():
            due = rule.due_from(trigger) if trigger is not STORED else None
            if due is None or due > day:
                keep(target.model_label, pk, f"statutory:{rule.code}")
    holds = (
        LegalHold.objects.active_on(day)
        .filter(person_id=person_id, object_id__isnull=False)
        .exclude(pk__in=list(ignore_holds))
    )
    for type_id, object_id in holds.values_list("content_type_id", "object_id"):
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is not None and person_data.entry_for(model) is not None:
            keep(model._meta.label, object_id, "hold")
    # A reviewed "keep until" decision (or a review still open) on a record that reaches the
    # person through any path: a mandate kept by its owner also when the representative asks.
    for item in person_data.entries():
        if item.label == erasure.PERSON or not any(
            t.model_label == item.label for t in REGISTRY.values()
        ):
            continue
        pks = list(item.records([person_id]).values_list("pk", flat=True))
        if not pks:
            continue
        decided = RetentionSchedule.objects.filter(
            content_type=ContentType.objects.get_for_model(item.model),
            object_id__in=pks,
        ).filter(
            Q(state=RetentionSchedule.State.REVIEW)
            | Q(state=RetentionSchedule.State.PENDING, kept_until__gt=day)
        )
        for object_id in decided.values_list("object_id", flat=True):
            keep(item.label, object_id, "keep_decision")
    return kept


def _kept_summary(kept: dict, person_id: int, *, duty_rows=None) -> list[dict]:
    """The rows of what stays (``erasure.kept_row``): what a period, hold or decision keeps,
    then what a declared legal duty keeps (``duty_rows``: listed before the erasure removed the
    links that show them, e.g. a disclosure's link to the person)."""

    rows = []
    for label, records in sorted(kept.items()):
        reasons = Counter(records.values())
        rows.extend(erasure.kept_row(label, n, why) for why, n in sorted(reasons.items()))
    rows.extend(erasure.kept_by_duty([person_id]) if duty_rows is None else duty_rows)
    return rows


def erasure_preview(person, *, today: datetime.date | None = None, ignore_holds=()) -> dict:
    """What ``erase_person`` would do today, without changing anything: shown to the privacy
    officer before they confirm. ``{"refused": a hold on the person stops it, "goes": [{label,
    count, action}], "stays": [kept rows, as in the erasure log], "person_deleted": bool}``.

    Counted from the same declarations and the same ``_kept_records`` as the erasure itself,
    so the preview and the erasure cannot disagree. ``ignore_holds``: holds the erasure itself
    releases first (the request's own hold).
    """

    today = today or timezone.localdate()
    person_id = person.pk
    whole_person = LegalHold.objects.active_on(today).filter(person_id=person_id, object_id=None)
    if whole_person.exclude(pk__in=list(ignore_holds)).exists():
        return {
            "refused": True,
            "goes": [],
            "stays": [erasure.kept_row(erasure.PERSON, 1, "hold")],
            "person_deleted": False,
        }
    kept = _kept_records(person_id, today, ignore_holds=ignore_holds)
    goes = []
    for item in person_data.erasure_plan():
        declared = item.holds.erasure
        if item.label == erasure.PERSON or isinstance(declared, person_data.Keep):
            continue
        held = kept.get(item.label, {})
        n = sum(
            1 for pk in item.records([person_id]).values_list("pk", flat=True) if pk not in held
        )
        if n:
            action = "anonymised" if isinstance(declared, person_data.Anonymise) else "deleted"
            goes.append(
                {
                    "target": erasure.kind_key(item.label),
                    "label": erasure.kind_label(item.label),
                    "count": n,
                    "action": action,
                }
            )
    person_deleted = not kept
    if person_deleted:
        goes.append(
            {
                "target": "person",
                "label": erasure.kind_label(erasure.PERSON),
                "count": 1,
                "action": "deleted",
            }
        )
    return {
        "refused": False,
        "goes": goes,
        "stays": _kept_summary(kept, person_id),
        "person_deleted": person_deleted,
    }


@transaction.atomic
def erase_person(person, *, requested_by, reason: str, today: datetime.date | None = None):
    """Erase a person's data at their request (art. 17 AVG), by the person-data registry.

    A legal hold on the person refuses the erasure (``ErasureRefused``, with its log entry).
    Every declared kind of data is handled by its declaration (``retention.erasure``): deleted,
    anonymised (contacts stay for management information with the tombstone "Gegevens
    verwijderd op verzoek van betrokkene op ..."), or kept under its named legal duty with its
    free texts emptied. Records a statutory period, a record hold or a reviewed keep decision
    keeps are kept, and so is the person as long as such records exist; produced copies, guard
    overrides, notifications, search texts and stored API responses that name the person go.
    The audit trail about the person is redacted. Returns the ``ErasureLog`` entry, whose
    ``kept`` lists what stays and why.
    """

    today = today or timezone.localdate()
    person_id = person.pk
    reason = (reason or "").strip()[:300]
    if not reason:
        raise ValidationError({"reason": _("Name the request (its reference), not the person.")})
    if LegalHold.objects.active_on(today).filter(person_id=person_id, object_id=None).exists():
        log = ErasureLog.objects.create(
            person_id=person_id,
            requested_by=requested_by,
            reason=reason,
            outcome=ErasureLog.Outcome.REFUSED,
            kept=[{"target": "person", "count": 1, "why": "hold"}],
        )
        raise ErasureRefused(log)
    with translation.override(settings.LANGUAGE_CODE):
        tombstone = tombstone_text(today)
        redaction = _("Erased at the data subject's request")
    ctx = actions.ActionContext(
        reason=redaction,
        marker=engine.marker_text(),
        tombstone=tombstone,
        scheduled_types=engine.scheduled_types(),
        reviewed_types=engine.reviewed_types(),
    )
    ctx.identifiers.update(erasure.identifiers_of([person_id]))
    kept = _kept_records(person_id, today)
    with translation.override(settings.LANGUAGE_CODE):
        duty_rows = erasure.kept_by_duty([person_id])
    counts = erasure.erase_records([person_id], ctx, kept=kept)
    # Due dates of what was anonymised are done: nothing is left for a rule to do.
    for item in person_data_entries():
        if item.anonymise is not None and kept.get(item.label) is None:
            RetentionSchedule.objects.filter(
                content_type=ContentType.objects.get_for_model(item.model), person_id=person_id
            ).update(state=RetentionSchedule.State.DONE, done_at=ctx.now)
    # Listed before the person goes: afterwards the kept request no longer names them.
    with translation.override(settings.LANGUAGE_CODE):
        kept_summary = _kept_summary(kept, person_id, duty_rows=duty_rows)
    person_deleted = not kept
    if person_deleted:
        actions.delete(REGISTRY["person"], [person_id], ctx)
    else:
        redact_entries_for_person(person_id, reason=redaction)
        erasure.sweep([person_id], ctx)
    log = ErasureLog.objects.create(
        person_id=person_id,
        requested_by=requested_by,
        reason=reason,
        outcome=ErasureLog.Outcome.COMPLETE if person_deleted else ErasureLog.Outcome.PARTIAL,
        counts=counts,
        kept=kept_summary,
        person_deleted=person_deleted,
    )
    # Outside the database, so a restored backup from before today can be erased again.
    transaction.on_commit(lambda: append_erasure_log(log))
    return log


# The erasure log outside the database (settings.ERASURE_LOG_PATH): one JSON line per erasure,
# written after commit, with ids, the time and the outcome only (no personal data), so a backup
# restored from before an erasure can be erased again (``manage.py replay_erasures``).


def append_erasure_log(log: ErasureLog) -> None:
    path = settings.ERASURE_LOG_PATH
    if not path:
        return
    entry = {
        "erasure": log.pk,
        "person": log.person_id,
        "erased_at": log.erased_at.isoformat(),
        "outcome": log.outcome,
        "person_deleted": log.person_deleted,
    }
    line = (json.dumps(entry, sort_keys=True) + "\n").encode()
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line)  # one short write with O_APPEND: lines never interleave
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        logger.exception("Erasure #%s is not in the erasure log (%s): add it by hand", log.pk, path)
