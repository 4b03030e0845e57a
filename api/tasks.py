"""The API's periodic tasks (forgetting old idempotency keys, reminding of expiring tokens)
and the e-mail that goes with a notification about an API client."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.models import User

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
    recipients = list(
        User.objects.filter(pk__in=recipient_ids, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not recipients:
        return 0
    with override(settings.LANGUAGE_CODE):
        subject = _("Klantcontact: API client")
        body = _("%(text)s\n\nSee Klantcontact, Notifications.") % {"text": text}
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
