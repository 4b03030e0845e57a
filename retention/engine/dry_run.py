"""The dry run (``preview``): what a run on a day would do, per rule, without writing anything,
classified exactly as the run classifies."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils import timezone

from ..models import Action, RetentionRule, RetentionSchedule, Trigger
from ..targets import STORED
from .context import BATCH_SIZE, PENDING, content_type_of, enforceable
from .runs import rules_for_run
from .schedules import Row, already_anonymised, due_rows
from .verdicts import ACT, HOLD, KEEP, RESCHEDULE, classify


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
