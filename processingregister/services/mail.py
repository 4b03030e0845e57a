"""The register's messages to the privacy officers (one sender for breaches and reminders)."""

import logging

from django.conf import settings
from django.core.mail import send_mail

from ..mails import mail_body
from ..selectors import privacy_officers

# The name the messages logged under before the services were split, kept for log filters.
logger = logging.getLogger("processingregister.services")


def _mail(subject: str, lines: list[str], extra_recipients=()) -> int:
    recipients = sorted({u.email for u in privacy_officers()} | set(extra_recipients))
    if not recipients:
        logger.warning("Processing register reminder not sent: no privacy officer with e-mail")
        return 0
    return send_mail(subject, mail_body(lines), settings.DEFAULT_FROM_EMAIL, recipients)
