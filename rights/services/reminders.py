"""The daily deadline watch: the handler is reminded 7 and 3 days before a deadline, and an
overdue request goes to the privacy officers (each once, recorded on the request)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation

from access.models import Notification
from accounts import roles

from ..exports import escalation_text, reminder_text
from ..models import RequestEvent
from ..selectors import open_requests
from .events import record_event


def _notify(users, text, link):
    Notification.objects.bulk_create(
        [Notification(recipient=u, text=text[:300], link=link) for u in users]
    )


def _officers():
    return list(
        get_user_model()
        .objects.filter(groups__name=roles.PRIVACY_OFFICER, is_active=True)
        .distinct()
        .order_by("pk")
    )


def send_deadline_reminders(today=None) -> int:
    """Remind the handler 7 and 3 days before the deadline (once each). Returns the count."""
    today = today or timezone.localdate()
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for request in open_requests().select_related("assignee"):
            days = (request.deadline - today).days
            for mark, field_name in ((7, "reminded_7_on"), (3, "reminded_3_on")):
                if days > mark or days < 0 or getattr(request, field_name) is not None:
                    continue
                if mark == 7 and days <= 3:
                    continue  # the 3-day reminder covers it
                recipients = [request.assignee] if request.assignee else _officers()
                text = reminder_text(request, days=days)
                _notify(recipients, text, reverse("rights:detail", args=[request.pk]))
                setattr(request, field_name, today)
                request.save(update_fields=[field_name])
                record_event(request, RequestEvent.Kind.REMINDER, None, text)
                sent += 1
    return sent


def escalate_overdue(today=None) -> int:
    """Overdue open requests go to the privacy officers (once per request)."""
    today = today or timezone.localdate()
    officers = _officers()
    escalated = 0
    with translation.override(settings.LANGUAGE_CODE):
        for request in open_requests().filter(escalated_at__isnull=True):
            if request.deadline >= today:
                continue
            text = escalation_text(request)
            _notify(officers, text, reverse("rights:detail", args=[request.pk]))
            request.escalated_at = timezone.now()
            request.save(update_fields=["escalated_at"])
            record_event(request, RequestEvent.Kind.ESCALATED, None, text)
            escalated += 1
    return escalated
