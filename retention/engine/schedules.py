"""Due dates (``RetentionSchedule``): computing and storing them per rule, dropping those of
records that are gone, reading the due ones in keyset order, and the person-level triggers (end
of tenancy, last contact) as they were when a run started."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from .. import actions
from ..models import Action, RetentionReview, RetentionSchedule, Trigger
from ..sql import among
from ..targets import STORED
from .context import BATCH_SIZE, DONE, PENDING, content_type_of


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


# --- Reading the due dates --------------------------------------------------------------------


@dataclass
class Row:
    """A due date, stored or (dry run) computed but not yet stored."""

    pk: int | None
    object_id: int
    person_id: int | None
    trigger_date: object
    due_on: object
    kept_until: object = None


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
