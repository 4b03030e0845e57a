"""Classifying due records (act, reschedule, gone, held, kept longer) and handling them: the
action of the rule (delete, anonymise, send to review) on the records whose date passed."""

from collections import Counter

from persondata import restriction

from .. import actions
from ..models import Action, RetentionReview, RetentionSchedule
from ..sql import among
from ..targets import STORED
from .context import DONE, REVIEW, content_type_of, context_for
from .holds import HoldIndex, persons_kept_longer, related_persons
from .schedules import Row, compute, drop_schedules

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
