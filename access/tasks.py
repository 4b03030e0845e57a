"""Access-control tasks: the break-the-glass mail and the nightly scan for unusual access."""

import datetime

from celery import shared_task
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.mail import mail_employees

from .models import BreakGlassGrant
from .services import detect_unusual_access


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def mail_break_glass(grant_id: int, recipient_ids: list[int]) -> int:
    """Tell team leaders by e-mail that a file was opened by break-the-glass (no personal data
    about the tenant in the mail: the leader follows the link and logs in)."""
    grant = BreakGlassGrant.objects.select_related("employee").filter(pk=grant_id).first()
    if grant is None:
        return 0

    def compose():
        body = _(
            "%(employee)s opened a file outside their scope on %(when)s. "
            "Review it in Klantcontact under Notifications."
        ) % {
            "employee": grant.employee.get_full_name() or grant.employee.get_username(),
            "when": timezone.localtime(grant.granted_at).strftime("%d-%m-%Y %H:%M"),
        }
        return _("Break-the-glass access by a colleague"), body

    return mail_employees(recipient_ids, compose)


@shared_task
def review_yesterdays_access() -> int:
    """Nightly: raise review alerts for unusual access patterns of the previous day."""
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    return detect_unusual_access(yesterday)
