"""Mail to review owners after a run: one message per owner with the number of new reviews (a
link, no personal data), in the product language.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Count
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts import roles

from .models import RetentionReview, RetentionRun


def review_recipients(owner):
    if owner is not None and owner.is_active and owner.email:
        return [owner.email]
    officers = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.PRIVACY_OFFICER)
        .exclude(email="")
    )
    return sorted(set(officers.values_list("email", flat=True)))


def notify_review_owners(run: RetentionRun) -> int:
    """One message per owner with the number of new reviews: a link, no personal data."""
    rows = (
        RetentionReview.objects.filter(
            status=RetentionReview.Status.OPEN, created_at__gte=run.started_at
        )
        .values("owner")
        .annotate(n=Count("pk"))
        .order_by()
    )
    sent = 0
    User = get_user_model()
    for row in rows:
        owner = User.objects.filter(pk=row["owner"]).first() if row["owner"] else None
        recipients = review_recipients(owner)
        if not recipients:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            subject = ngettext(
                "%(count)s record waits for your retention review",
                "%(count)s records wait for your retention review",
                row["n"],
            ) % {"count": row["n"]}
            body = _(
                "The retention period of these records has ended and the rule asks a person to "
                "decide: delete now, or keep until a date with a reason.\n\nDecide in the "
                "administration: %(path)s"
            ) % {"path": reverse("admin:retention_retentionreview_changelist")}
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
        sent += 1
    return sent
