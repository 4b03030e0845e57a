"""Nightly tasks of the accounts app: expired sessions, old login records, and leavers."""

import datetime
import logging

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from celery import shared_task
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from .lockout import lockout_period
from .models import User

logger = logging.getLogger(__name__)


@shared_task
def clear_expired_sessions() -> int:
    """Nightly: remove expired login sessions, so no stale session data is kept."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


@shared_task
def clear_old_login_records() -> int:
    """Nightly: delete login records (failed and successful logins) past their retention, and
    failure counts whose lock-out has passed. They hold usernames and IP addresses."""
    now = timezone.now()
    cutoff = now - datetime.timedelta(days=settings.LOGIN_RECORDS_RETENTION_DAYS)
    deleted = 0
    for model in (AccessFailureLog, AccessLog):
        count, _ = model.objects.filter(attempt_time__lt=cutoff).delete()
        deleted += count
    count, _ = AccessAttempt.objects.filter(attempt_time__lt=now - lockout_period()).delete()
    return deleted + count


@shared_task
def deactivate_leavers() -> int:
    """Nightly: deactivate the accounts from the identity provider that were not seen there
    (no sign-in) for ``OIDC_LEAVER_DAYS`` days: leavers. Superusers (the break-glass account)
    are left alone; nothing happens while the sign-in through the provider is off."""
    if not settings.OIDC_ENABLED:
        return 0
    cutoff = timezone.now() - datetime.timedelta(days=settings.OIDC_LEAVER_DAYS)
    leavers = User.objects.filter(
        is_active=True, is_superuser=False, external_identity__last_seen__lt=cutoff
    )
    count = 0
    for user in leavers:
        user.is_active = False
        user.save(update_fields=["is_active"])  # one by one: the audit trail records each
        logger.info("Employee #%s deactivated: not seen at the identity provider", user.pk)
        count += 1
    return count
