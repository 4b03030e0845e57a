"""The API's periodic tasks (forgetting old idempotency keys, reminding of expiring tokens)
and the e-mail that goes with a notification about an API client."""

from celery import shared_task
from django.utils.translation import gettext as _

from accounts.mail import mail_employees

from . import grants, idempotency


@shared_task
def prune_idempotency_keys() -> int:
    """Forget idempotency keys older than API_IDEMPOTENCY_KEY_HOURS (hourly)."""
    return idempotency.prune()


@shared_task
def remind_expiring_tokens() -> int:
    """Daily: tokens expiring within API_TOKEN_REMINDER_DAYS; one reminder per expiry."""
    return grants.send_expiry_reminders()


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def mail_notice(text: str, recipient_ids: list[int]) -> int:
    """The e-mail of a notification about an API client (no personal data of tenants)."""
    return mail_employees(
        recipient_ids,
        lambda: (
            _("Klantcontact: API client"),
            _("%(text)s\n\nSee Klantcontact, Notifications.") % {"text": text},
        ),
    )
