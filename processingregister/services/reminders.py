"""Reminders the Celery tasks send: breach decisions, expiring agreements, reviews due."""

import datetime

from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..formatting import date_text, datetime_text
from ..models import (
    Agreement,
    DataBreach,
    ProcessingActivity,
    utc,
)
from ..selectors import agreements_to_warn, open_breaches, reviews_due
from .breaches import BreachState, breach_state, format_remaining
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
                if state.overdue:
                    subject = _("OVERDUE: data breach %(ref)s, the 72 hours have passed") % {
                        "ref": breach.reference
                    }
                else:
                    subject = _("Reminder: data breach %(ref)s awaits a decision") % {
                        "ref": breach.reference
                    }
                lines = [
                    f"{breach.reference} {breach.title}",
                    _("Still to do: %(items)s.") % {"items": ", ".join(state.pending)},
                ]
                if state.authority_pending:
                    lines.append(
                        _("Deadline for the AP: %(deadline)s (%(remaining)s).")
                        % {
                            "deadline": datetime_text(state.deadline),
                            "remaining": format_remaining(state.remaining),
                        }
                    )
                lines.append(
                    _("Open it: %(path)s")
                    % {"path": reverse("processingregister:breach_detail", args=[breach.pk])}
                )
                _mail(subject, lines)
                DataBreach.objects.filter(pk=breach.pk).update(last_reminder_at=now)
                reminded += 1
    return reminded


def send_expiry_reminders(day=None) -> int:
    day = day or timezone.localdate()
    due = agreements_to_warn(day)
    if not due:
        return 0
    with translation.override("nl"):
        lines = [_("These agreements expire soon; extend, replace or end them:")]
        for agreement in due:
            linked = ", ".join(a.name for a in agreement.activities.all()) or "-"
            lines.append(
                _("- %(ref)s %(title)s (%(party)s): expires on %(date)s; activities: %(linked)s")
                % {
                    "ref": agreement.reference,
                    "title": agreement.title,
                    "party": agreement.party.name,
                    "date": date_text(agreement.end_date),
                    "linked": linked,
                }
            )
        lines.append(
            _("Open the list: %(path)s") % {"path": reverse("processingregister:agreements")}
        )
        _mail(
            ngettext(
                "%(count)d processor agreement expires soon",
                "%(count)d processor agreements expire soon",
                len(due),
            )
            % {"count": len(due)},
            lines,
        )
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
        lines = [_("These processing activities must be reviewed:")]
        for activity in due:
            late = activity.review_date < day
            lines.append(
                (
                    _("- %(name)s (%(code)s): review was due on %(date)s")
                    if late
                    else _("- %(name)s (%(code)s): review due on %(date)s")
                )
                % {
                    "name": activity.name,
                    "code": activity.code,
                    "date": date_text(activity.review_date),
                }
            )
        lines.append(
            _("Open the register: %(path)s") % {"path": reverse("processingregister:activities")}
        )
        owners = {a.owner_user.email for a in due if a.owner_user and a.owner_user.email}
        _mail(
            ngettext(
                "%(count)d processing activity is due for review",
                "%(count)d processing activities are due for review",
                len(due),
            )
            % {"count": len(due)},
            lines,
            extra_recipients=owners,
        )
    ProcessingActivity.objects.filter(pk__in=[a.pk for a in due]).update(
        review_reminder_sent_on=day
    )
    return len(due)
