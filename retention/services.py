"""Rules of the retention context: holds, review decisions, events, erasure and the defaults.

The nightly engine itself is in ``retention.engine``; everything here goes through the same
actions (``retention.actions``), so an erasure on request or an event removes data exactly the
way the nightly run does, with the same audit-trail redaction.
"""

import datetime
import json
import logging
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts import roles
from persondata.registry import entries as person_data_entries

from . import actions, engine
from .models import (
    Action,
    ErasureLog,
    LegalHold,
    RetentionReview,
    RetentionRule,
    RetentionRun,
    RetentionRunRule,
    RetentionSchedule,
    Trigger,
    tombstone_text,
)
from .targets import REGISTRY, STORED

logger = logging.getLogger(__name__)

# Seed 002 §5.4c: at most five years before a kept record must be weighed again.
MAX_KEEP_YEARS = 5
# /healthz turns unhealthy when the last successful nightly run is older than this.
HEALTHY_HOURS = 26


# --- Legal holds ---------------------------------------------------------------------------------


def record_person_id(record) -> int | None:
    """The person a record belongs to, through the retention target that covers it."""
    for target in REGISTRY.values():
        if target.available and isinstance(record, target.model) and target.person_field:
            value = record
            for part in target.person_field.split("__"):
                value = getattr(value, part, None)
                if value is None:
                    break
            if value is not None:
                return value
    return None


@transaction.atomic
def place_hold(
    *,
    owner,
    reason_kind: str,
    reason: str,
    ends_on: datetime.date,
    person=None,
    record=None,
    starts_on: datetime.date | None = None,
) -> LegalHold:
    """Hold a person's whole file, or one record (which also names its person)."""
    hold = LegalHold(
        person=person,
        owner=owner,
        reason_kind=reason_kind,
        reason=(reason or "").strip(),
        ends_on=ends_on,
        starts_on=starts_on or timezone.localdate(),
    )
    if record is not None:
        hold.content_type = ContentType.objects.get_for_model(record)
        hold.object_id = record.pk
        if person is None:
            hold.person_id = record_person_id(record)
    if not hold.reason:
        raise ValidationError({"reason": _("Explain why the data must be kept.")})
    hold.full_clean()
    hold.save()
    return hold


@transaction.atomic
def release_hold(hold: LegalHold, *, user) -> LegalHold:
    if hold.released_at is not None:
        raise ValidationError(_("This hold has already been released."))
    hold.released_at = timezone.now()
    hold.released_by = user
    hold.save(update_fields=["released_at", "released_by"])
    return hold


def holds_for_person(person, day: datetime.date | None = None) -> list[LegalHold]:
    """The active holds on a person's file or on any of their records (for the card)."""
    if person is None or person.pk is None:
        return []
    return list(
        LegalHold.objects.active_on(day)
        .filter(person_id=person.pk)
        .select_related("owner", "content_type")
        .order_by("ends_on", "pk")
    )


def erasures_for_person(person) -> list[ErasureLog]:
    if person is None or person.pk is None:
        return []
    return list(ErasureLog.objects.filter(person_id=person.pk).exclude(outcome="refused"))


# --- Reviews -------------------------------------------------------------------------------------


def may_decide(user, review: RetentionReview) -> bool:
    if not user.is_authenticated:
        return False
    if review.owner_id is not None and review.owner_id == user.pk:
        return True
    return user.has_perm("retention.decide_retentionreview")


def open_reviews_for(user):
    reviews = RetentionReview.objects.filter(status=RetentionReview.Status.OPEN)
    if user.has_perm("retention.decide_retentionreview"):
        return reviews
    return reviews.filter(owner=user)


@transaction.atomic
def decide_review(
    review: RetentionReview,
    *,
    user,
    decision: str,
    reason: str = "",
    keep_until: datetime.date | None = None,
    today: datetime.date | None = None,
) -> RetentionReview:
    """Record the owner's explicit decision: delete the record now, or keep it until a date.

    A kept record comes up for review again on that date (a new review, next round).
    """
    today = today or timezone.localdate()
    review = RetentionReview.objects.select_for_update().get(pk=review.pk)
    if review.status != RetentionReview.Status.OPEN:
        raise ValidationError(_("This review has already been decided."))
    if not may_decide(user, review):
        raise ValidationError(_("Only the owner or a privacy officer decides this review."))
    reason = (reason or "").strip()
    validate_decision(review, decision=decision, reason=reason, keep_until=keep_until, today=today)
    rule = review.rule
    target = rule.target_spec
    schedule = (
        RetentionSchedule.objects.select_for_update().filter(pk=review.schedule_id).first()
        if review.schedule_id
        else None
    )
    if decision == RetentionReview.Decision.KEEP:
        if schedule is not None:
            schedule.state = RetentionSchedule.State.PENDING
            schedule.kept_until = keep_until
            schedule.due_on = keep_until
            schedule.save(update_fields=["state", "kept_until", "due_on"])
    else:
        ctx = engine.context_for(rule)
        if target.records().filter(pk=review.object_id).exists():
            actions.delete(target, [review.object_id], ctx)
    review.refresh_from_db(fields=["schedule"])
    review.status = RetentionReview.Status.DECIDED
    review.decision = decision
    review.keep_until = keep_until if decision == RetentionReview.Decision.KEEP else None
    review.reason = reason
    review.decided_by = user
    review.decided_at = timezone.now()
    review.save()
    return review


def validate_decision(review, *, decision, reason, keep_until, today=None) -> None:
    """The rules of a review decision; raises ValidationError with Dutch messages per field."""
    today = today or timezone.localdate()
    errors = {}
    if decision == RetentionReview.Decision.KEEP:
        from .limits import keep_date_error

        if not reason:
            errors["reason"] = _("Give the reason to keep the record.")
        if keep_until is None or keep_until <= today:
            errors["keep_until"] = _("Choose a date after today.")
        else:
            # The same limits as a signal's review date (retention.limits): the default period
            # ahead, up to five years with the reason (seed 002 §5.4c).
            target = review.rule.target_spec
            kind = None
            if target is not None and target.available and target.kind_field:
                kind = (
                    target.records()
                    .filter(pk=review.object_id)
                    .values_list(target.kind_field, flat=True)
                    .first()
                )
            message = keep_date_error(
                keep_until, reason=reason, target=review.rule.target, kind=kind, today=today
            )
            if message:
                errors["keep_until"] = message
    elif decision == RetentionReview.Decision.DELETE:
        target = review.rule.target_spec
        if target is None or not target.available:
            errors["decision"] = _("These records are not held in this application.")
        elif engine.HoldIndex(review.content_type, today).blocks(
            review.person_id, review.object_id, removes_more=True
        ):
            errors["decision"] = _("A legal hold keeps this record; it cannot be deleted now.")
        elif (
            review.person_id is not None
            and target.cascades_person
            and (engine.persons_kept_longer([review.person_id], today, exclude_rule=review.rule))
        ):
            errors["decision"] = _("Other data of this person must be kept longer.")
    else:
        errors["decision"] = _("Choose to delete or to keep.")
    if errors:
        raise ValidationError(errors)


def review_recipients(owner):
    if owner is not None and owner.is_active and owner.email:
        return [owner.email]
    officers = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.PRIVACY_OFFICER)
        .exclude(email="")
    )
    return sorted(set(officers.values_list("email", flat=True)))


def notify_review_owners(run: RetentionRun) -> int:
    """One message per owner with the number of new reviews: a link, no personal data."""
    rows = (
        RetentionReview.objects.filter(
            status=RetentionReview.Status.OPEN, created_at__gte=run.started_at
        )
        .values("owner")
        .annotate(n=Count("pk"))
        .order_by()
    )
    sent = 0
    User = get_user_model()
    for row in rows:
        owner = User.objects.filter(pk=row["owner"]).first() if row["owner"] else None
        recipients = review_recipients(owner)
        if not recipients:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            subject = ngettext(
                "%(count)s record waits for your retention review",
                "%(count)s records wait for your retention review",
                row["n"],
            ) % {"count": row["n"]}
            body = _(
                "The retention period of these records has ended and the rule asks a person to "
                "decide: delete now, or keep until a date with a reason.\n\nDecide in the "
                "administration: %(path)s"
            ) % {"path": reverse("admin:retention_retentionreview_changelist")}
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
        sent += 1
    return sent


# --- Events --------------------------------------------------------------------------------------

ALLOCATION = "allocation"


def apply_event(event_code: str, person, *, on: datetime.date | None = None):
    """Data that must go at an event goes now, not at night (e.g. medical urgency once a home
    is allocated). Returns the run report, or None when no record was affected."""
    today = timezone.localdate()
    on = on or today
    rules = [
        rule
        for rule in RetentionRule.objects.active_on(today).filter(
            trigger=Trigger.EVENT, event_code=event_code
        )
        if engine.enforceable(rule) and rule.target_spec.person_field
    ]
    work = []
    for rule in engine.ordered(rules):
        pks = list(
            rule.target_spec.records_of_persons([person.pk], rule).values_list("pk", flat=True)
        )
        if pks:
            work.append((rule, pks))
    if not work:
        return None
    run = RetentionRun.objects.create(
        kind=RetentionRun.Kind.EVENT, as_of=today, event_code=event_code[:60]
    )
    for rule, pks in work:
        report = RetentionRunRule.objects.create(run=run, rule=rule)
        created, moved = engine.sync_schedules(rule, pks, trigger_date=on)
        RetentionRunRule.objects.filter(pk=report.pk).update(scheduled=created, rescheduled=moved)
        while engine.process_batch(report, rule, today, object_ids=pks):
            pass
        RetentionRunRule.objects.filter(pk=report.pk).update(phase=RetentionRunRule.Phase.DONE)
    RetentionRun.objects.filter(pk=run.pk).update(
        status=RetentionRun.Status.SUCCEEDED, finished_at=timezone.now()
    )
    run.refresh_from_db()
    return run


# --- Erasure on request --------------------------------------------------------------------------


class ErasureRefused(Exception):
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
    from persondata import registry as person_data

    from . import erasure

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
    from . import erasure

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
    from persondata import registry as person_data

    from . import erasure

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
    from . import erasure

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
        from audit.services import redact_entries_for_person

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


def read_erasure_log(path) -> tuple[list[dict], list[int]]:
    """(entries, numbers of unreadable lines) of an erasure log file."""
    entries, bad = [], []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
                entry["erased_at"] = datetime.datetime.fromisoformat(entry["erased_at"])
                int(entry["person"])
            except (ValueError, KeyError, TypeError):
                bad.append(number)
                continue
            entries.append(entry)
    return entries, bad


def erasures_to_replay(entries) -> tuple[list[dict], Counter]:
    """The logged erasures the database does not reflect, and why the others were skipped.

    Reflected: the database has an erasure of that person at or after the logged time. Skipped:
    refusals (they erased nothing), persons that no longer exist, and a person created after
    the erasure (an id handed out again after the restore: another person).
    """
    from contacts.models import Person

    pending, skipped = [], Counter()
    for entry in entries:
        if entry.get("outcome") == ErasureLog.Outcome.REFUSED:
            skipped["refused at the time"] += 1
        elif (
            ErasureLog.objects.filter(person_id=entry["person"], erased_at__gte=entry["erased_at"])
            .exclude(outcome=ErasureLog.Outcome.REFUSED)
            .exists()
        ):
            skipped["already in the database"] += 1
        elif not Person.objects.filter(pk=entry["person"]).exists():
            skipped["person no longer exists"] += 1
        elif not Person.objects.filter(
            pk=entry["person"], created_at__lte=entry["erased_at"]
        ).exists():
            skipped["another person with the same id (created later)"] += 1
        else:
            pending.append(entry)
    return pending, skipped


def replay_erasures(entries, *, today: datetime.date | None = None) -> int:
    """After restoring a backup made before some erasures: erase those persons again.

    ``entries`` are erasure-log rows (or dicts with ``person_id``, ``reason`` and ``pk``) kept
    outside the restored database. Idempotent: a person already gone is skipped.
    """
    from contacts.models import Person

    replayed = 0
    for entry in entries:
        get = entry.get if isinstance(entry, dict) else lambda name, e=entry: getattr(e, name)
        if get("outcome") == ErasureLog.Outcome.REFUSED:
            continue
        person = Person.objects.filter(pk=get("person_id")).first()
        if person is None:
            continue
        try:
            erase_person(
                person,
                requested_by=None,
                reason=_("Replayed after restore: erasure #%(id)s") % {"id": get("pk")},
                today=today,
            )
            replayed += 1
        except ErasureRefused:
            logger.warning("Replayed erasure #%s refused: a legal hold", get("pk"))
    return replayed


# --- Default rules -------------------------------------------------------------------------------


def load_default_rules(*, update: bool = False) -> tuple[int, int]:
    """Create the default rules that are missing (by code); link their processing activity when
    the register has it. With ``update`` also reset existing rules to the defaults. Returns
    (created, updated)."""
    from processingregister.categories import sync_data_categories
    from processingregister.models import PersonalDataCategory, ProcessingActivity

    from .defaults import DEFAULT_RULES

    sync_data_categories()
    created = updated = 0
    for spec in DEFAULT_RULES:
        values = dict(spec)
        code = values.pop("code")
        category = PersonalDataCategory.objects.get(code=values.pop("category"))
        activity = ProcessingActivity.objects.filter(code=values.pop("activity", "")).first()
        rule = RetentionRule.objects.filter(code=code).first()
        if rule is None:
            rule = RetentionRule(
                code=code, data_category=category, processing_activity=activity, **values
            )
            rule.full_clean()
            rule.save()
            created += 1
            continue
        changed = []
        if rule.processing_activity_id is None and activity is not None:
            rule.processing_activity = activity
            changed.append("processing_activity")
        if update:
            for name, value in [("data_category", category), *values.items()]:
                if getattr(rule, name) != value:
                    setattr(rule, name, value)
                    changed.append(name)
        if changed:
            rule.full_clean()
            rule.save()
            updated += 1
    return created, updated


# --- Health --------------------------------------------------------------------------------------


def retention_health(now=None) -> dict:
    """For /healthz: the age of the last successful full run (all rules); 'error' past 26 hours.

    Before the first run the clock starts when the first rule was created, so a fresh install
    is not unhealthy at once, but one whose nightly job never runs becomes so.
    """
    now = now or timezone.now()
    last = (
        RetentionRun.objects.filter(
            status=RetentionRun.Status.SUCCEEDED,
            kind__in=[RetentionRun.Kind.NIGHTLY, RetentionRun.Kind.MANUAL],
            rule_filter="",
        )
        .order_by("-finished_at")
        .values_list("finished_at", flat=True)
        .first()
    )
    if last is None:
        first_rule = (
            RetentionRule.objects.order_by("created_at")
            .values_list("created_at", flat=True)
            .first()
        )
        if first_rule is None:
            return {"status": "not_configured"}
        waited = (now - first_rule).total_seconds() / 3600
        return {"status": "error" if waited > HEALTHY_HOURS else "pending"}
    age = (now - last).total_seconds() / 3600
    return {
        "status": "error" if age > HEALTHY_HOURS else "ok",
        "last_success_age_hours": round(age, 1),
    }


def schedule_counts(rule) -> dict:
    """Due dates per state, and how many are due today (admin)."""
    today = timezone.localdate()
    rows = rule.schedules.aggregate(
        waiting=Count("pk", filter=Q(state=RetentionSchedule.State.PENDING, due_on__isnull=True)),
        scheduled=Count("pk", filter=Q(state=RetentionSchedule.State.PENDING, due_on__gt=today)),
        due=Count("pk", filter=Q(state=RetentionSchedule.State.PENDING, due_on__lte=today)),
        review=Count("pk", filter=Q(state=RetentionSchedule.State.REVIEW)),
        done=Count("pk", filter=Q(state=RetentionSchedule.State.DONE)),
    )
    return rows


__all__ = [
    "ALLOCATION",
    "Action",
    "ErasureRefused",
    "apply_event",
    "decide_review",
    "erase_person",
    "holds_for_person",
    "load_default_rules",
    "place_hold",
    "release_hold",
    "replay_erasures",
    "retention_health",
]
