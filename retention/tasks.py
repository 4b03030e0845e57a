"""The nightly retention run (Celery beat, schedule in settings, UTC).

The run takes a lock, works for a bounded time and continues in a follow-up task until every
rule is done, so no task comes near the broker's visibility timeout. A task that is delivered
twice (acks late) finds the run finished or continues it where it stopped.
"""

import logging

from celery import current_app, shared_task

from . import engine
from .models import RetentionRun

logger = logging.getLogger(__name__)


@shared_task
def nightly_retention_run() -> dict:
    try:
        run = engine.start_run(kind=RetentionRun.Kind.NIGHTLY)
    except engine.RunLocked:
        logger.info("Retention run skipped: another run holds the lock")
        return {"status": "locked"}
    return continue_retention_run(run.pk)


@shared_task
def continue_retention_run(run_id: int) -> dict:
    run = RetentionRun.objects.get(pk=run_id)
    finished = engine.continue_run(run)
    while not finished and current_app.conf.task_always_eager:
        finished = engine.continue_run(run)
    if not finished:
        continue_retention_run.delay(run_id)
    run.refresh_from_db()
    return {"run": run.pk, "status": run.status, "finished": finished}
