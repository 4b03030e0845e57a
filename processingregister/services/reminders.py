"""Reminders the Celery tasks send: breach decisions, expiring agreements, reviews due."""

import datetime

from django.db import models, transaction
from django.utils import timezone, translation

from ..mails import breach_reminder_message, expiry_reminder_message, review_reminder_message
from ..models import (
    Agreement,
    DataBreach,
    ProcessingActivity,
    utc,
)
from ..selectors import agreements_to_warn, open_breaches, reviews_due
from .breaches import BreachState, breach_state
from .mail import _mail

REVIEW_REMINDER_EVERY_DAYS = 7


def breach_reminder_interval(state: BreachState) -> datetime.timedelta:
    if state.authority_pending and state.remaining <= datetime.timedelta(hours=24):
        return datetime.timedelta(hours=4)
    if state.authority_pending:
        return datetime.timedelta(hours=12)
    return datetime.timedelta(hours=24)  # only the data subjects still wait


def send_breach_reminders(now=None) -> int:
    """Remind the officers of every open breach with a pending decision. Returns the number
    of breaches reminded about; safe to run twice (``last_reminder_at``)."""
    now = utc(now or timezone.now())
    reminded = 0
    with translation.override("nl"):
        for breach in open_breaches():
            state = breach_state(breach, now)
            if not state.pending:
                continue
            interval = breach_reminder_interval(state)
            if breach.last_reminder_at and now - breach.last_reminder_at < interval:
                continue
            with transaction.atomic():
                locked = DataBreach.objects.select_for_update().get(pk=breach.pk)
                if locked.last_reminder_at and now - locked.last_reminder_at < interval:
                    continue
                _mail(*breach_reminder_message(breach, state))
                DataBreach.objects.filter(pk=breach.pk).update(last_reminder_at=now)
                reminded += 1
    return reminded


def send_expiry_reminders(day=None) -> int:
    day = day or timezone.localdate()
    due = agreements_to_warn(day)
    if not due:
        return 0
    with translation.override("nl"):
        _mail(*expiry_reminder_message(due))
    Agreement.objects.filter(pk__in=[a.pk for a in due]).update(
        expiry_reminder_sent_for=models.F("end_date")
    )
    return len(due)


def send_review_reminders(day=None) -> int:
    """Remind of approved activities whose review date is near or past; at most weekly each."""
    day = day or timezone.localdate()
    since = day - datetime.timedelta(days=REVIEW_REMINDER_EVERY_DAYS)
    due = [
        a
        for a in reviews_due(day)
        if a.review_reminder_sent_on is None or a.review_reminder_sent_on <= since
    ]
    if not due:
        return 0
    with translation.override("nl"):
        subject, lines = review_reminder_message(due, day)
        owners = {a.owner_user.email for a in due if a.owner_user and a.owner_user.email}
        _mail(subject, lines, extra_recipients=owners)
    ProcessingActivity.objects.filter(pk__in=[a.pk for a in due]).update(
        review_reminder_sent_on=day
    )
    return len(due)
