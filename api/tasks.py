"""The API's periodic task: forgetting old idempotency keys."""

from celery import shared_task

from . import idempotency


@shared_task
def prune_idempotency_keys() -> int:
    """Forget idempotency keys older than API_IDEMPOTENCY_KEY_HOURS (hourly)."""
    return idempotency.prune()
