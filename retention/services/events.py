"""Events: data that must go at an event (a home allocated) goes at once, not at night, through
the same engine as the nightly run.
"""

import datetime

from django.utils import timezone

from .. import engine
from ..models import RetentionRule, RetentionRun, RetentionRunRule, Trigger

ALLOCATION = "allocation"


def apply_event(event_code: str, person, *, on: datetime.date | None = None):
    """Data that must go at an event goes now, not at night (e.g. medical urgency once a home
    is allocated). Returns the run report, or None when no record was affected."""
    return apply_event_to_persons(event_code, [person.pk], on=on)


def apply_event_to_persons(event_code: str, person_ids, *, on: datetime.date | None = None):
    """``apply_event`` for many persons at once, as one run (the ERP import: a chunk of new
    tenants). Returns the run report, or None when no record was affected."""
    person_ids = [pk for pk in person_ids if pk is not None]
    if not person_ids:
        return None
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
            rule.target_spec.records_of_persons(person_ids, rule).values_list("pk", flat=True)
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
