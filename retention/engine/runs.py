"""A retention run: taking the lock, opening the run with a report row per rule, working on it
within a task's time budget (first every rule's due dates, then the due records) and finishing
it."""

import time

from django.db.models import F
from django.utils import timezone

from klantcontact.errors import ApplicationError

from ..locks import run_lease
from ..models import RetentionRule, RetentionRun, RetentionRunRule, Trigger
from ..notifications import notify_review_owners
from .batches import process_batch, schedule_batch
from .context import BATCH_SIZE, TASK_BUDGET_SECONDS, enforceable, ordered, sort_key
from .schedules import drop_orphans, settle_person_triggers


class RunLocked(ApplicationError):
    """Another run holds the lock."""

    code = "retention-run-locked"


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
    notify_review_owners(run)
    return True


def run_now(*, kind=RetentionRun.Kind.MANUAL, as_of=None, rule_code="", batch_size=None):
    """A whole run in this process (command line, tests); raises ``RunLocked``."""
    run = start_run(kind=kind, as_of=as_of, rule_code=rule_code)
    while not continue_run(run, batch_size=batch_size):
        pass
    run.refresh_from_db()
    return run
