"""Mail to employees: the one way the apps' tasks send an e-mail to colleagues (only to active
accounts with an address; the text composed in the product's language, not the worker's)."""

from collections.abc import Callable

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import override

from .models import User


def mail_employees(recipient_ids, compose: Callable[[], tuple[str, str]]) -> int:
    """Send ``compose()`` -> (subject, body) to the active employees among ``recipient_ids``
    who have an e-mail address. Returns the number of mails sent (0 when nobody has one)."""
    recipients = list(
        User.objects.filter(pk__in=recipient_ids, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not recipients:
        return 0
    with override(settings.LANGUAGE_CODE):
        subject, body = compose()
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
