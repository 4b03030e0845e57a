"""Handing work to the Celery worker without losing it when the broker (Redis) is away.

``enqueue_on_commit(task, *args)`` queues the task once the current transaction has committed.
When the broker cannot take it (Redis stopped, unreachable), the task runs right here in this
process instead: the request that asked for it does not fail (its data is already committed)
and the work is done rather than lost. Tasks sent this way must be safe to run twice (a
publish that reached Redis but whose answer got lost is followed by the in-process run too).
"""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)

# A down broker answers "connection refused" at once; keep the wait inside a request short.
PUBLISH_RETRY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}


def enqueue(task, *args, **kwargs):
    """Queue ``task`` now; run it in this process when the broker cannot take it."""
    try:
        # ignore_result: nobody waits for the result, and subscribing to it would make the
        # redis result backend retry for 20 seconds inside the request when Redis is down.
        return task.apply_async(
            args, kwargs, retry=True, retry_policy=PUBLISH_RETRY, ignore_result=True
        )
    except Exception as exc:  # noqa: BLE001 - kombu OperationalError, redis ConnectionError, ...
        logger.warning(
            "Broker unavailable (%s): running %s in this process", type(exc).__name__, task.name
        )
    try:
        return task.apply(args, kwargs)
    except Exception:  # noqa: BLE001 - the request's own work is committed; log, do not fail it
        logger.exception("%s failed in this process as well", task.name)
        return None


def enqueue_on_commit(task, *args, **kwargs) -> None:
    """``enqueue`` once the current transaction commits (at once outside a transaction)."""
    transaction.on_commit(lambda: enqueue(task, *args, **kwargs))
