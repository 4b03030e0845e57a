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
from .periods import add_months
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
        if not reason:
            errors["reason"] = _("Give the reason to keep the record.")
        latest = add_months(today, 12 * MAX_KEEP_YEARS)
        if keep_until is None or keep_until <= today:
            errors["keep_until"] = _("Choose a date after today.")
        elif keep_until > latest:
            errors["keep_until"] = _(
                "Keep a record at most %(years)s years before weighing it again (until %(date)s)."
            ) % {"years": MAX_KEEP_YEARS, "date": latest.strftime("%d-%m-%Y")}
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


def _kept_records(person_id: int, day) -> dict[str, dict[int, str]]:
    """{target key: {record id: why}}: records a statutory period or a record hold keeps."""
    kept: dict[str, dict[int, str]] = {}
    statutory = RetentionRule.objects.active_on(day).filter(is_statutory=True).exclude(target="")
    for rule in statutory:
        target = rule.target_spec
        if not engine.enforceable(rule) or not target.person_field or target.cascades_person:
            continue
        pks = list(target.records_of_persons([person_id], rule).values_list("pk", flat=True))
        for pk, (_person, trigger) in target.compute(rule, pks).items():
            due = rule.due_from(trigger) if trigger is not STORED else None
            if due is None or due > day:
                kept.setdefault(target.key, {})[pk] = f"statutory:{rule.code}"
    holds = LegalHold.objects.active_on(day).filter(person_id=person_id, object_id__isnull=False)
    for type_id, object_id in holds.values_list("content_type_id", "object_id"):
        model = ContentType.objects.get_for_id(type_id).model_class()
        for target in REGISTRY.values():
            if target.available and target.model is model and target.person_field:
                kept.setdefault(target.key, {})[object_id] = "hold"
        if model is not None and model._meta.label == "contacts.Task":
            # A held task keeps its contact moment as it is (anonymising it blanks the task).
            contact_id = (
                model._base_manager.filter(pk=object_id)
                .values_list("contact_moment_id", flat=True)
                .first()
            )
            if contact_id is not None:
                kept.setdefault("contact_moment", {})[contact_id] = "hold"
    return kept


# The order in which an erasure handles a person's records; contacts are anonymised (with the
# tombstone, their tasks with them), all other records deleted. Access-log records follow their
# own rule.
ERASURE_ORDER = (
    "signal",
    "contact_moment",
    "phone_number",
    "email_address",
    "mandate",
    "tenancy",
)


@transaction.atomic
def erase_person(person, *, requested_by, reason: str, today: datetime.date | None = None):
    """Erase a person's data at their request (art. 17 AVG) through the retention actions.

    A legal hold on the person refuses the erasure (``ErasureRefused``, with its log entry).
    Records a statutory period or a record hold keeps are kept, and so is the person as long as
    such records exist; everything else goes now. Contacts stay anonymised for management
    information with the tombstone "Gegevens verwijderd op verzoek van betrokkene op ...".
    The audit trail about the person is redacted. Returns the ``ErasureLog`` entry.
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
    kept = _kept_records(person_id, today)
    counts: dict[str, dict[str, int]] = {}
    for key in ERASURE_ORDER:
        target = REGISTRY[key]
        if not target.available:
            continue
        pks = [
            pk
            for pk in target.records_of_persons([person_id]).values_list("pk", flat=True)
            if pk not in kept.get(key, {})
        ]
        if not pks:
            continue
        if key == "contact_moment":
            actions.anonymise(target, pks, ctx)
            RetentionSchedule.objects.filter(
                content_type=engine.content_type_of(target), object_id__in=pks
            ).update(state=RetentionSchedule.State.DONE, done_at=ctx.now)
            counts[key] = {"anonymised": len(pks)}
        else:
            actions.delete(target, pks, ctx)
            counts[key] = {"deleted": len(pks)}
    kept_summary = []
    for key, records in sorted(kept.items()):
        reasons = Counter(records.values())
        kept_summary.extend(
            {"target": key, "count": n, "why": why} for why, n in sorted(reasons.items())
        )
    person_deleted = not kept
    if person_deleted:
        actions.delete(REGISTRY["person"], [person_id], ctx)
    else:
        from audit.services import redact_entries_for_person

        redact_entries_for_person(person_id, reason=redaction)
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
