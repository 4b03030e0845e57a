"""Nightly clean-up tasks of the accounts app: expired sessions and old login records."""

import datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from celery import shared_task
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from .lockout import lockout_period


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
