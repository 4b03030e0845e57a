"""Reminders of the processing register (Celery beat; schedule in settings, UTC).

Each task is safe to run twice: what was reminded about is recorded on the row.
"""

from celery import shared_task

from . import services


@shared_task
def remind_breach_decisions() -> int:
    """Every half hour: open data breaches whose notification decision is still pending."""
    return services.send_breach_reminders()


@shared_task
def remind_expiring_agreements() -> int:
    """Daily: agreements that enter their warning window before the expiry date."""
    return services.send_expiry_reminders()


@shared_task
def remind_reviews_due() -> int:
    """Daily: approved activities whose review date is near or past (at most weekly each)."""
    return services.send_review_reminders()
