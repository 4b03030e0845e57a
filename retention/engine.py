"""The retention engine: compute due dates, then handle exactly the records whose date passed.

A run has two phases per rule:

1. **schedule** (every rule, before any rule is processed): records that are new since the
   last run (or all records, after the rule changed) get their due date computed and stored
   (``RetentionSchedule``); signals keep them current between runs when the data changes. The
   due records of a rule counted from a person-level moment (end of tenancy, last contact) get
   that moment recomputed and stored, from the data as the run found it.
2. **process**: due records are handled in short transactions of a bounded batch. Each batch
   locks its due-date rows (``SELECT ... FOR UPDATE SKIP LOCKED`` on PostgreSQL), recomputes
   the trigger from the live data (a date that moved is rescheduled, not acted on; a
   person-level moment stays as the run found it, since the run itself removes the records it
   is derived from), skips what a legal hold, a restriction of processing or a longer duty
   keeps, acts, and adds its counts to the run report, all in the same transaction. A batch
   that fails is retried record by record, so one bad record costs one error, not the night.
   So a run does what its dry run (``preview``) says.

Progress (a cursor per rule) is stored with the report, so a run continues in follow-up tasks
(``tasks.continue_retention_run``) and a run that was killed is finished by the next one:
handled records are no longer pending, nothing is done twice, nothing is lost.
"""

import logging
import time
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from persondata import registry, restriction

from . import actions
from .locks import run_lease
from .models import (
    Action,
    LegalHold,
    RetentionReview,
    RetentionRule,
    RetentionRun,
    RetentionRunRule,
    RetentionSchedule,
    Trigger,
)
from .sql import among
from .targets import STORED, targets_for_model

logger = logging.getLogger(__name__)

BATCH_SIZE = getattr(settings, "RETENTION_BATCH_SIZE", 5000)
SCHEDULE_BATCH_SIZE = getattr(settings, "RETENTION_SCHEDULE_BATCH_SIZE", 5000)
# One task works at most this long, then hands over to a follow-up task (well inside the
# broker's visibility timeout).
TASK_BUDGET_SECONDS = getattr(settings, "RETENTION_TASK_BUDGET_SECONDS", 240)

PENDING = RetentionSchedule.State.PENDING
REVIEW = RetentionSchedule.State.REVIEW
DONE = RetentionSchedule.State.DONE

COUNT_FIELDS = (
    "scheduled",
    "rescheduled",
    "deleted",
    "anonymised",
    "sent_to_review",
    "skipped_hold",
    "kept_longer",
    "errors",
)


# --- Texts written into the data (in the product language, whoever runs the job) ---------------


def marker_text() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("[anonymised]")


def rule_reason(rule) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("Retention period expired (rule %(code)s)") % {"code": rule.code}


def context_for(rule, *, tombstone: str = "", reason: str = "") -> actions.ActionContext:
    return actions.ActionContext(
        reason=reason or rule_reason(rule),
        marker=marker_text(),
        tombstone=tombstone,
        scheduled_types=scheduled_types(),
        reviewed_types=reviewed_types(),
    )


def _content_type_ids(rules) -> frozenset:
    ids = set()
    for rule in rules:
        target = rule.target_spec
        if target is not None and target.available:
            ids.add(ContentType.objects.get_for_model(target.model).pk)
    return frozenset(ids)


def scheduled_types() -> frozenset:
    return _content_type_ids(RetentionRule.objects.exclude(target=""))


def reviewed_types() -> frozenset:
    return _content_type_ids(RetentionRule.objects.filter(action=Action.REVIEW).exclude(target=""))


def content_type_of(target):
    return ContentType.objects.get_for_model(target.model)


def enforceable(rule) -> bool:
    target = rule.target_spec
    return target is not None and target.available


def sort_key(rule):
    """Rules on records first, the person (whose deletion takes the rest along) last."""
    return (rule.target_spec.order if enforceable(rule) else 0, rule.code)


def ordered(rules):
    return sorted(rules, key=sort_key)


# --- Due dates ----------------------------------------------------------------------------------


def already_anonymised(target, pks) -> set:
    """Records an anonymise rule already handled: another anonymise rule leaves them alone."""
    return set(
        RetentionSchedule.objects.filter(
            among("object_id", pks), content_type=content_type_of(target), state=DONE
        ).values_list("object_id", flat=True)
    )


def sync_schedules(rule, pks, *, trigger_date=None) -> tuple[int, int]:
    """Make the stored due dates of these records under ``rule`` match the data.

    Creates missing rows, moves pending ones whose trigger changed, drops pending rows of
    records that are gone or no longer covered. Rows in review, kept by a decision or done are
    left alone. ``trigger_date`` is the date of an event (event rules only). Returns (created,
    moved).
    """
    target = rule.target_spec
    pks = list(pks)
    if not pks or target is None or not target.available:
        return 0, 0
    computed = target.compute(rule, pks)
    existing = {
        row[0]: row
        for row in RetentionSchedule.objects.filter(among("object_id", pks), rule=rule).values_list(
            "object_id", "pk", "state", "kept_until", "trigger_date", "due_on", "person_id"
        )
    }
    skip = already_anonymised(target, pks) if rule.action == Action.ANONYMISE else set()
    content_type = content_type_of(target)
    new, moves, drop = [], {}, []
    for pk in pks:
        row = existing.get(pk)
        if pk not in computed:
            if row is not None and row[2] == PENDING and row[3] is None:
                drop.append(row[1])
            continue
        person_id, trigger = computed[pk]
        if trigger is STORED:
            if trigger_date is None:
                continue  # an event rule: only the event sets the date
            trigger = trigger_date
        due = rule.due_from(trigger)
        if row is None:
            if pk not in skip:
                new.append(
                    RetentionSchedule(
                        rule=rule,
                        content_type=content_type,
                        object_id=pk,
                        person_id=person_id,
                        trigger_date=trigger,
                        due_on=due,
                    )
                )
        elif (
            row[2] == PENDING
            and row[3] is None
            and (row[4], row[5], row[6])
            != (
                trigger,
                due,
                person_id,
            )
        ):
            moves.setdefault((trigger, due, person_id), []).append(row[1])
    if new:
        RetentionSchedule.objects.bulk_create(new, ignore_conflicts=True)
    for (trigger, due, person_id), ids in moves.items():
        RetentionSchedule.objects.filter(among("pk", ids), state=PENDING).update(
            trigger_date=trigger, due_on=due, person_id=person_id
        )
    if drop:
        drop_schedules(drop)
    return len(new), sum(len(ids) for ids in moves.values())


def drop_schedules(pks) -> int:
    """Delete due-date rows; reviews keep their history without the link (open ones close)."""
    reviews = RetentionReview.objects.filter(among("schedule_id", pks))
    reviews.filter(status=RetentionReview.Status.OPEN).update(status=RetentionReview.Status.CLOSED)
    reviews.update(schedule=None)
    return actions.raw_delete(RetentionSchedule.objects.filter(among("pk", pks)))


def drop_orphans(rule) -> int:
    """Pending due dates of records that no longer exist or are no longer covered."""
    target = rule.target_spec
    covered = target.records(rule).filter(pk=OuterRef("object_id"))
    orphans = RetentionSchedule.objects.filter(rule=rule, state=PENDING, kept_until=None).exclude(
        Exists(covered)
    )
    return actions.raw_delete(orphans)


# --- Who a record is about ------------------------------------------------------------------------


def persons_of(entry, pks) -> dict[int, set]:
    """{record id: the persons it reaches through any of its declared paths}."""
    found: dict[int, set] = {}
    pks = list(pks)
    if entry is None or not pks:
        return found
    for path in entry.paths:
        lookup = entry.person_lookup(path)
        rows = (
            entry.model._base_manager.filter(among("pk", pks))
            .exclude(**{f"{lookup}__isnull": True})
            .values_list("pk", lookup)
        )
        for pk, person_id in rows:
            found.setdefault(pk, set()).add(person_id)
    return found


def related_persons(target, pks) -> dict[int, set]:
    """{record id: every person whose data acting on the record changes}: the persons the record
    reaches through its declared paths; for a person (whose deletion takes their records
    along) also the other persons those records reach (the other side of a mandate)."""
    pks = list(pks)
    entry = registry.entry_for(target.model)
    found = persons_of(entry, pks)
    if not target.cascades_person or not pks:
        return found
    wanted = set(pks)
    for other in registry.entries():
        if other is entry or len(other.paths) < 2:
            continue
        lookups = [other.person_lookup(path) for path in other.paths]
        for row in other.records(pks).values_list(*lookups):
            persons = {person_id for person_id in row if person_id is not None}
            for person_id in persons & wanted:
                found.setdefault(person_id, set()).update(persons)
    return found


# --- Holds and longer duties ---------------------------------------------------------------------


def _model_of(content_type_id):
    return ContentType.objects.get_for_id(content_type_id).model_class()


def _wholes_of(held: dict) -> dict:
    """The records the held records are part of, up the ``part_of`` chain (a held task event's
    task and contact moment): changing those would change the held record."""
    found: dict = {}
    queue = list(held.items())
    while queue:
        model, pks = queue.pop()
        entry = registry.entry_for(model)
        if entry is None or not entry.holds.part_of or not pks:
            continue
        link = model._meta.get_field(entry.holds.part_of)
        parent = link.related_model
        ids = set(
            model._base_manager.filter(among("pk", pks))
            .exclude(**{f"{link.attname}__isnull": True})
            .values_list(link.attname, flat=True)
        ) - found.get(parent, set())
        if ids:
            found.setdefault(parent, set()).update(ids)
            queue.append((parent, ids))
    return found


def _parts_of(held: dict) -> dict:
    """The records that are part of the held records (``registry.dependents``: a held contact
    moment's tasks and their events): they belong to what is held."""
    found: dict = {}
    queue = list(held.items())
    while queue:
        model, pks = queue.pop()
        entry = registry.entry_for(model)
        if entry is None or not pks:
            continue
        for part in registry.dependents(entry):
            link = part.model._meta.get_field(part.holds.part_of)
            ids = set(
                part.model._base_manager.filter(among(link.attname, pks)).values_list(
                    "pk", flat=True
                )
            ) - found.get(part.model, set())
            if ids:
                found.setdefault(part.model, set()).update(ids)
                queue.append((part.model, ids))
    return found


class HoldIndex:
    """The legal holds active on a day (a short list: holds are exceptions), for one batch of
    records of one type.

    A hold on the person (no record named) holds everything of the person. A hold on a record
    holds that record, its parts (a contact moment's tasks) and the records it is part of (a
    held task keeps its contact moment: anonymising the contact blanks its tasks), not the rest
    of the person's data. Deleting the person itself is blocked by any record hold on them: it
    would take the held record along. What is part of what comes from the person-data registry
    (``part_of``).
    """

    def __init__(self, content_type, day):
        self.content_type_id = content_type.pk
        model = content_type.model_class()
        self.whole_person = set()
        self.records = set()
        self.persons_with_record_holds = set()
        held: dict = {}
        holds = LegalHold.objects.active_on(day).values_list(
            "person_id", "content_type_id", "object_id"
        )
        for person_id, type_id, object_id in holds:
            if object_id is None:
                self.whole_person.add(person_id)
                continue
            self.records.add((type_id, object_id))
            if person_id is not None:
                self.persons_with_record_holds.add(person_id)
            held_model = _model_of(type_id)
            if held_model is not None:
                held.setdefault(held_model, set()).add(object_id)
        reach: dict = {m: set(pks) for m, pks in held.items()}
        for extra in (_wholes_of(held), _parts_of(held)):
            for m, pks in extra.items():
                reach.setdefault(m, set()).update(pks)
        self.blocked = set(reach.get(model, ())) if model is not None else set()
        # Whose deletion would take a held record along: every person a held record reaches.
        for m, pks in reach.items():
            for persons in persons_of(registry.entry_for(m), pks).values():
                self.persons_with_record_holds.update(persons)
        self.removes_person = model is not None and (
            model._meta.label == registry.PERSON_MODEL
            or any(target.cascades_person for target in targets_for_model(model))
        )

    def blocks(self, person_id, object_id, *, removes_more=None, persons=()) -> bool:
        """Does a hold keep this record? ``persons``: every person the record is about (its
        declared paths), besides ``person_id``. ``removes_more`` is accepted for older callers:
        what an action takes along follows from the registry, not from the action."""
        about = {p for p in (person_id, *persons) if p is not None}
        if about & self.whole_person:
            return True
        if object_id in self.blocked:
            return True
        return self.removes_person and bool(about & self.persons_with_record_holds)


def _kept_state(day) -> Q:
    """A due date kept by a decision: in review, or kept until a date after ``day``."""
    return Q(state=REVIEW) | Q(state=PENDING, kept_until__gt=day)


def persons_kept_longer(
    person_ids, day, *, exclude_rule=None, as_of_start=False, in_review=()
) -> set:
    """Persons with data that must outlive them: a record under a statutory rule whose period
    has not ended (or not started: a running contract), a record in review or kept by a
    decision. Deleting the person would take that record along. A record counts for every
    person it reaches through a declared path (a mandate for the represented person and for the
    representative alike).

    ``as_of_start``: person-level triggers as stored at the start of the run (see
    ``compute``). ``in_review``: {(content type id, record id)} a dry run would send to review
    before this rule (they keep their persons in the real run).
    """
    person_ids = list({p for p in person_ids if p is not None})
    if not person_ids:
        return set()
    wanted = set(person_ids)
    kept = set(
        RetentionSchedule.objects.filter(among("person_id", person_ids))
        .filter(_kept_state(day))
        .values_list("person_id", flat=True)
    )

    def add(entry, pks_or_q):
        for path in entry.paths:
            lookup = entry.person_lookup(path)
            remaining = [p for p in person_ids if p not in kept]
            if not remaining:
                return
            qs = entry.model._base_manager.filter(among(lookup, remaining)).filter(pks_or_q)
            kept.update(qs.values_list(lookup, flat=True))

    # A decision (or an open review) on any record that reaches the person.
    reviewed_types: dict = {}
    for type_id, object_id in in_review:
        reviewed_types.setdefault(type_id, set()).add(object_id)
    for entry in registry.entries():
        if entry.label == registry.PERSON_MODEL or not targets_for_model(entry.model):
            continue
        if len(kept) == len(wanted):
            return kept
        content_type = ContentType.objects.get_for_model(entry.model)
        decided = RetentionSchedule.objects.filter(
            _kept_state(day), content_type=content_type, object_id=OuterRef("pk")
        )
        condition = Q(Exists(decided))
        if content_type.pk in reviewed_types:
            condition |= Q(pk__in=sorted(reviewed_types[content_type.pk]))
        add(entry, condition)

    statutory = RetentionRule.objects.active_on(day).filter(is_statutory=True).exclude(target="")
    if exclude_rule is not None:
        statutory = statutory.exclude(pk=exclude_rule.pk)
    for rule in statutory:
        target = rule.target_spec
        if not enforceable(rule) or target.cascades_person or not target.person_field:
            continue
        remaining = [p for p in person_ids if p not in kept]
        if not remaining:
            break
        entry = registry.entry_for(target.model)
        if entry is not None:
            records = target.records(rule).filter(entry.person_q(remaining))
        else:
            records = target.records_of_persons(remaining, rule)
        pks = set(records.values_list("pk", flat=True))
        held_back = []
        for pk, (person_id, trigger) in compute(rule, pks, as_of_start=as_of_start).items():
            due = rule.due_from(trigger) if trigger is not STORED else None
            if trigger is STORED or due is None or due > day:
                held_back.append(pk)
                if person_id in wanted:
                    kept.add(person_id)
        for persons in persons_of(entry, held_back).values():
            kept.update(persons & wanted)
    return kept


# --- Person-level triggers as of the start of a run ---------------------------------------------


PERSON_LEVEL_TRIGGERS = (Trigger.TENANCY_END, Trigger.LAST_CONTACT)


def person_level(rule) -> bool:
    """Is the rule counted from a person-level moment (the end of the person's last tenancy,
    the end of the relationship), derived from other records than the one it handles?"""
    target = rule.target_spec
    if target is None or rule.trigger not in PERSON_LEVEL_TRIGGERS:
        return False
    return not (rule.trigger == Trigger.TENANCY_END and target.own_tenancy_end)


def compute(rule, pks, *, as_of_start=False) -> dict:
    """``target.compute``; with ``as_of_start`` (inside a run), a person-level trigger is the
    one stored for the record when the run began (``settle_person_triggers``), not the one the
    data gives now.

    The run itself removes records such a trigger is derived from (a tenancy at the end of its
    statutory period, contact moments by their rule) before it reaches the rules counted from
    it (the person goes last): recomputed afterwards, the end of the relationship would move (to
    the day the person was registered, when nothing is left) and the run would not do what its
    dry run said. A trigger that the live data says has not happened at all (a tenancy or
    mandate running again) still wins: the run itself never starts one.
    """
    computed = rule.target_spec.compute(rule, pks)
    if not as_of_start or not computed or not person_level(rule):
        return computed
    stored = dict(
        RetentionSchedule.objects.filter(
            among("object_id", list(computed)), rule=rule, state=PENDING
        ).values_list("object_id", "trigger_date")
    )
    for pk, (person_id, trigger) in computed.items():
        if trigger is not None and stored.get(pk) is not None:
            computed[pk] = (person_id, stored[pk])
    return computed


def settle_person_triggers(rule, day, *, batch_size=BATCH_SIZE) -> int:
    """Before a run changes anything: recompute, from the data as it is, the person-level
    trigger of every record due under ``rule`` and store it (a date that moved is moved), so the
    run acts on the dates its dry run shows. Returns the due dates moved."""
    if not person_level(rule):
        return 0
    target = rule.target_spec
    moved = 0
    after = (None, None)
    while rows := due_rows(rule, day, after=after, limit=batch_size):
        after = (rows[-1].due_on, rows[-1].pk)
        computed = target.compute(rule, [row.object_id for row in rows])
        moves: dict = {}
        for row in rows:
            if row.kept_until is not None or row.object_id not in computed:
                continue
            person_id, trigger = computed[row.object_id]
            due = rule.due_from(trigger)
            if (trigger, due, person_id) != (row.trigger_date, row.due_on, row.person_id):
                moves.setdefault((trigger, due, person_id), []).append(row.pk)
        with transaction.atomic():
            for (trigger, due, person_id), pks in moves.items():
                RetentionSchedule.objects.filter(among("pk", pks), state=PENDING).update(
                    trigger_date=trigger, due_on=due, person_id=person_id
                )
        moved += sum(len(pks) for pks in moves.values())
    return moved


# --- Classifying and handling due records --------------------------------------------------------


@dataclass
class Row:
    """A due date, stored or (dry run) computed but not yet stored."""

    pk: int | None
    object_id: int
    person_id: int | None
    trigger_date: object
    due_on: object
    kept_until: object = None


ACT, RESCHEDULE, GONE, HOLD, KEEP = "act", "reschedule", "gone", "hold", "keep"


def classify(
    rule, rows: list[Row], day, *, as_of_start=False, in_review=()
) -> list[tuple[Row, str, object, object]]:
    """[(row, verdict, trigger, due)] with the trigger recomputed from the live data (inside a
    run, ``as_of_start``: person-level triggers as the run found them, see ``compute``).

    A record is held (``HOLD``) by a legal hold that reaches it (``HoldIndex``) and while the
    processing of a person it is about is restricted (art. 18: the data is kept for their legal
    claims; ``persondata.restriction``). ``in_review``: see
    ``persons_kept_longer``.
    """
    target = rule.target_spec
    computed = compute(rule, [row.object_id for row in rows], as_of_start=as_of_start)
    holds = HoldIndex(content_type_of(target), day)
    about = related_persons(target, list(computed))
    for pk, (person_id, _trigger) in computed.items():
        if person_id is not None:
            about.setdefault(pk, set()).add(person_id)
    restricted = restriction.restricted_person_ids(
        {person_id for persons in about.values() for person_id in persons}
    )
    verdicts = []
    for row in rows:
        if row.object_id not in computed:
            verdicts.append((row, GONE, None, None))
            continue
        person_id, trigger = computed[row.object_id]
        row.person_id = person_id
        if trigger is STORED:
            trigger = row.trigger_date
        due = row.kept_until or rule.due_from(trigger)
        persons = about.get(row.object_id, set())
        if due is None or due > day:
            verdicts.append((row, RESCHEDULE, trigger, due))
        elif persons & restricted or holds.blocks(person_id, row.object_id, persons=persons):
            verdicts.append((row, HOLD, trigger, due))
        else:
            verdicts.append((row, ACT, trigger, due))
    if target.cascades_person and rule.action == Action.DELETE:
        acting = [row.person_id for row, verdict, _t, _d in verdicts if verdict == ACT]
        kept = persons_kept_longer(
            acting, day, exclude_rule=rule, as_of_start=as_of_start, in_review=in_review
        )
        verdicts = [
            (row, KEEP if verdict == ACT and row.person_id in kept else verdict, trigger, due)
            for row, verdict, trigger, due in verdicts
        ]
    return verdicts


def review_owner(rule):
    if rule.review_owner_id:
        return rule.review_owner
    activity = rule.processing_activity
    return activity.owner_user if activity is not None else None


def handle(rule, rows: list[Row], day, *, ctx=None, as_of_start=False) -> Counter:
    """Handle due rows (already locked by the caller's transaction); return the counts.
    ``as_of_start``: inside a run (see ``compute``)."""
    target = rule.target_spec
    counts = Counter()
    verdicts = classify(rule, rows, day, as_of_start=as_of_start)
    act = [row for row, verdict, _t, _d in verdicts if verdict == ACT]
    moves, gone = {}, []
    for row, verdict, trigger, due in verdicts:
        if verdict == RESCHEDULE:
            moves.setdefault((trigger, due, row.person_id), []).append(row.pk)
            counts["rescheduled"] += 1
        elif verdict == GONE:
            gone.append(row.pk)
        elif verdict == HOLD:
            counts["skipped_hold"] += 1
        elif verdict == KEEP:
            counts["kept_longer"] += 1
    for (trigger, due, person_id), pks in moves.items():
        RetentionSchedule.objects.filter(among("pk", pks)).update(
            trigger_date=trigger, due_on=due, person_id=person_id
        )
    if gone:
        drop_schedules(gone)
    if not act:
        return counts
    ids = [row.object_id for row in act]
    if rule.action == Action.REVIEW:
        content_type = content_type_of(target)
        owner = review_owner(rule)
        rounds = Counter(
            RetentionReview.objects.filter(among("object_id", ids), rule=rule).values_list(
                "object_id", flat=True
            )
        )
        RetentionReview.objects.bulk_create(
            [
                RetentionReview(
                    schedule_id=row.pk,
                    rule=rule,
                    content_type=content_type,
                    object_id=row.object_id,
                    person_id=row.person_id,
                    round=rounds[row.object_id] + 1,
                    owner=owner,
                    due_on=row.due_on,
                )
                for row in act
            ]
        )
        RetentionSchedule.objects.filter(among("pk", [row.pk for row in act])).update(state=REVIEW)
        counts["sent_to_review"] += len(act)
        return counts
    ctx = ctx or context_for(rule)
    if rule.action == Action.ANONYMISE:
        actions.anonymise(target, ids, ctx)
        RetentionSchedule.objects.filter(among("pk", [row.pk for row in act])).update(
            state=DONE, done_at=ctx.now
        )
        counts["anonymised"] += len(act)
    else:
        actions.delete(target, ids, ctx)
        counts["deleted"] += len(act)
    return counts


def due_rows(rule, day, *, after=None, object_ids=None, lock=False, limit=BATCH_SIZE):
    qs = RetentionSchedule.objects.filter(rule=rule, state=PENDING, due_on__lte=day)
    if object_ids is not None:
        qs = qs.filter(among("object_id", object_ids))
    if after is not None and after[0] is not None:
        due, pk = after
        qs = qs.filter(Q(due_on__gt=due) | Q(due_on=due, pk__gt=pk))
    if lock:
        qs = qs.select_for_update(skip_locked=True)
    return [
        Row(*values)
        for values in qs.order_by("due_on", "pk").values_list(
            "pk", "object_id", "person_id", "trigger_date", "due_on", "kept_until"
        )[:limit]
    ]


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


# --- Runs ----------------------------------------------------------------------------------------


class RunLocked(Exception):
    """Another run holds the lock."""


def rule_codes_of(rule_code) -> list[str]:
    if not rule_code:
        return []
    if isinstance(rule_code, str):
        return [code for code in rule_code.split(",") if code]
    return list(rule_code)


def rules_for_run(day, rule_code=""):
    """The rules active on ``day``: all, or those named (a code, a comma list or a list)."""
    rules = RetentionRule.objects.active_on(day).select_related(
        "processing_activity", "review_owner"
    )
    if codes := rule_codes_of(rule_code):
        rules = rules.filter(code__in=codes)
    return ordered(rules)


def start_run(*, kind=RetentionRun.Kind.NIGHTLY, as_of=None, rule_code="") -> RetentionRun:
    """Take the lock and open a run with a report row per rule; raises ``RunLocked``."""
    day = as_of or timezone.localdate()
    run = RetentionRun(kind=kind, as_of=day, rule_filter=",".join(rule_codes_of(rule_code))[:600])
    lease = run_lease()
    if not lease.acquire(str(run.token)):
        raise RunLocked
    # Whoever held the lock before is gone (its lease expired): its run did not finish.
    RetentionRun.objects.filter(
        status=RetentionRun.Status.RUNNING,
        kind__in=[RetentionRun.Kind.NIGHTLY, RetentionRun.Kind.MANUAL],
    ).update(status=RetentionRun.Status.INTERRUPTED, finished_at=timezone.now())
    run.save()
    reports = []
    for rule in rules_for_run(day, rule_code):
        report = RetentionRunRule(run=run, rule=rule)
        if not enforceable(rule):
            report.not_enforced = True
            report.phase = RetentionRunRule.Phase.DONE
        elif rule.trigger == Trigger.EVENT:
            # Only an event sets these due dates; at night the ones with a period come due.
            report.phase = RetentionRunRule.Phase.PROCESS
        elif not rule.needs_recompute:
            report.refresh_cursor = rule.scheduled_up_to
        reports.append(report)
    RetentionRunRule.objects.bulk_create(reports)
    return run


def continue_run(run, *, budget_seconds=None, batch_size=None) -> bool:
    """Work on ``run`` for at most ``budget_seconds``; True when the run is finished."""
    budget_seconds = TASK_BUDGET_SECONDS if budget_seconds is None else budget_seconds
    batch_size = batch_size or BATCH_SIZE
    deadline = time.monotonic() + budget_seconds
    lease = run_lease()
    token = str(run.token)
    run.refresh_from_db()
    if run.status != RetentionRun.Status.RUNNING:
        return True
    if not lease.renew(token):
        RetentionRun.objects.filter(pk=run.pk).update(
            status=RetentionRun.Status.INTERRUPTED, finished_at=timezone.now()
        )
        return True
    RetentionRun.objects.filter(pk=run.pk).update(tasks=F("tasks") + 1)

    def go_on() -> bool:
        return time.monotonic() < deadline and lease.renew(token)

    try:
        reports = run.rule_reports.exclude(phase=RetentionRunRule.Phase.DONE).select_related(
            "rule__processing_activity", "rule__review_owner"
        )
        reports = sorted(reports, key=lambda report: sort_key(report.rule))
        # First every rule's due dates, from the data as the run found it; only then does the
        # run change anything. The phase is stored, so a resumed run never computes them again
        # from data it already changed.
        for report in reports:
            if report.phase != RetentionRunRule.Phase.SCHEDULE:
                continue
            rule = report.rule
            while schedule_batch(report, rule):
                if not go_on():
                    return False
            if rule.needs_recompute:
                drop_orphans(rule)
            RetentionRule.objects.filter(pk=rule.pk).update(
                needs_recompute=False,
                scheduled_up_to=max(report.refresh_cursor, rule.scheduled_up_to),
            )
            settled = settle_person_triggers(rule, run.as_of, batch_size=batch_size)
            report.phase = RetentionRunRule.Phase.PROCESS
            RetentionRunRule.objects.filter(pk=report.pk).update(
                phase=report.phase, rescheduled=F("rescheduled") + settled
            )
            if not go_on():
                return False
        for report in reports:
            rule = report.rule
            while process_batch(report, rule, run.as_of, batch_size=batch_size):
                if not go_on():
                    return False
            RetentionRunRule.objects.filter(pk=report.pk).update(phase=RetentionRunRule.Phase.DONE)
            if not go_on():
                return not run.rule_reports.exclude(
                    phase=RetentionRunRule.Phase.DONE
                ).exists() and finish_run(run, lease)
    except Exception as exc:
        RetentionRun.objects.filter(pk=run.pk).update(
            status=RetentionRun.Status.FAILED,
            finished_at=timezone.now(),
            error=type(exc).__name__[:200],
        )
        lease.release(token)
        raise
    return finish_run(run, lease)


def finish_run(run, lease) -> bool:
    RetentionRun.objects.filter(pk=run.pk, status=RetentionRun.Status.RUNNING).update(
        status=RetentionRun.Status.SUCCEEDED, finished_at=timezone.now()
    )
    lease.release(str(run.token))
    run.refresh_from_db()
    from .services import notify_review_owners

    notify_review_owners(run)
    return True


def run_now(*, kind=RetentionRun.Kind.MANUAL, as_of=None, rule_code="", batch_size=None):
    """A whole run in this process (command line, tests); raises ``RunLocked``."""
    run = start_run(kind=kind, as_of=as_of, rule_code=rule_code)
    while not continue_run(run, batch_size=batch_size):
        pass
    run.refresh_from_db()
    return run


# --- Dry run -------------------------------------------------------------------------------------


@dataclass
class Preview:
    rule: RetentionRule
    counts: Counter
    sample: list
    not_enforced: bool = False
    at_event: bool = False

    @property
    def removes(self) -> int:
        return self.counts["deleted"] + self.counts["anonymised"]


VERDICT_COUNT = {
    HOLD: "skipped_hold",
    KEEP: "kept_longer",
    RESCHEDULE: "not_yet_due",
}
ACTION_COUNT = {
    Action.DELETE: "deleted",
    Action.ANONYMISE: "anonymised",
    Action.REVIEW: "sent_to_review",
}


def preview(as_of=None, rule_code: str = "", *, sample_size: int = 10, batch_size=BATCH_SIZE):
    """What a run at ``as_of`` would do, per rule, without writing anything."""
    day = as_of or timezone.localdate()
    previews = []
    # Records this run would send to review before the later rules: in the real run they are
    # in review by then and keep their persons.
    in_review: set = set()
    for rule in rules_for_run(day, rule_code):
        result = Preview(rule=rule, counts=Counter(), sample=[])
        previews.append(result)
        if not enforceable(rule):
            result.not_enforced = True
            continue
        result.at_event = rule.trigger == Trigger.EVENT

        def tally(rows, rule=rule, result=result):
            for row, verdict, _t, _d in classify(rule, rows, day, in_review=in_review):
                if verdict == ACT:
                    result.counts[ACTION_COUNT[rule.action]] += 1
                    if len(result.sample) < sample_size:
                        result.sample.append(row.object_id)
                    if rule.action == Action.REVIEW:
                        in_review.add((content_type_of(rule.target_spec).pk, row.object_id))
                elif verdict in VERDICT_COUNT:
                    result.counts[VERDICT_COUNT[verdict]] += 1

        after = (None, None)
        while rows := due_rows(rule, day, after=after, limit=batch_size):
            after = (rows[-1].due_on, rows[-1].pk)
            tally(rows)
        if result.at_event:
            continue
        # Records without a stored due date yet (new since the last run, or all of them after
        # the rule changed): compute it here, in memory.
        target = rule.target_spec
        cursor = 0 if rule.needs_recompute else rule.scheduled_up_to
        stored = RetentionSchedule.objects.filter(rule=rule, object_id=OuterRef("pk"))
        if rule.needs_recompute:
            # The run recomputes every due date of a changed (or new) rule before it acts: a
            # pending date stored for later may come due (tallied above when it is due now).
            stored = stored.exclude(state=PENDING, kept_until__isnull=True, due_on__gt=day)
        while True:
            pks = list(
                target.records(rule)
                .filter(pk__gt=cursor)
                .exclude(Exists(stored))
                .order_by("pk")
                .values_list("pk", flat=True)[:batch_size]
            )
            if not pks:
                break
            cursor = pks[-1]
            skip = already_anonymised(target, pks) if rule.action == Action.ANONYMISE else set()
            rows = []
            for pk, (person_id, trigger) in target.compute(rule, pks).items():
                due = rule.due_from(trigger) if trigger is not STORED else None
                if pk not in skip and due is not None and due <= day:
                    rows.append(Row(None, pk, person_id, trigger, due))
            if rows:
                tally(rows)
    return previews
