"""Access-control tasks: the break-the-glass mail and the nightly scan for unusual access."""

import datetime

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.models import User

from .models import BreakGlassGrant
from .services import detect_unusual_access


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def mail_break_glass(grant_id: int, recipient_ids: list[int]) -> int:
    """Tell team leaders by e-mail that a file was opened by break-the-glass (no personal data
    about the tenant in the mail: the leader follows the link and logs in)."""
    grant = BreakGlassGrant.objects.select_related("employee").filter(pk=grant_id).first()
    if grant is None:
        return 0
    recipients = list(
        User.objects.filter(pk__in=recipient_ids, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not recipients:
        return 0
    with override(settings.LANGUAGE_CODE):
        subject = _("Break-the-glass access by a colleague")
        body = _(
            "%(employee)s opened a file outside their scope on %(when)s. "
            "Review it in Klantcontact under Notifications."
        ) % {
            "employee": grant.employee.get_full_name() or grant.employee.get_username(),
            "when": timezone.localtime(grant.granted_at).strftime("%d-%m-%Y %H:%M"),
        }
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


@shared_task
def review_yesterdays_access() -> int:
    """Nightly: raise review alerts for unusual access patterns of the previous day."""
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    return detect_unusual_access(yesterday)
