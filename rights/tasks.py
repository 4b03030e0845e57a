"""Daily jobs of the rights app (Celery beat; schedule in settings, UTC).

Safe to run twice: sent reminders and escalations are recorded on the request.
"""

from celery import shared_task

from . import services


@shared_task
def daily_request_deadlines() -> dict:
    """Reminders 7 and 3 days before a deadline, escalation of overdue requests to the privacy
    officers, renewal of open requests' legal holds, and blanking of expired copies."""
    return {
        "reminders": services.send_deadline_reminders(),
        "escalated": services.escalate_overdue(),
        "holds_renewed": services.renew_request_holds(),
        "copies_expired": services.expire_copies(),
    }
