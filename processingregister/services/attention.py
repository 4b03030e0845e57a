"""What the privacy officer should look at on the register's start page, most urgent first."""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..formatting import date_text, format_remaining
from ..models import (
    Agreement,
    ProcessingActivity,
)
from ..selectors import (
    Status,
    expiring_agreements,
    inventory_overview,
    open_breaches,
    reviews_due,
    unbound_count,
)
from .breaches import breach_state


@dataclass
class Attention:
    level: str  # "danger", "warning" or "info"
    text: str
    url: str = ""


def attention_points(now=None) -> list[Attention]:
    """What the privacy officer should look at, most urgent first."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    return [
        *_breach_points(now),
        *_review_points(today),
        *_agreement_points(today),
        *_register_points(),
    ]


def _breach_points(now) -> list[Attention]:
    """Open breaches: past the 72 hours, a pending decision on the AP, other steps to take."""
    points = []
    for breach in open_breaches():
        state = breach_state(breach, now)
        url = reverse("processingregister:breach_detail", args=[breach.pk])
        if state.overdue:
            points.append(
                Attention(
                    "danger",
                    _("Data breach %(ref)s: the 72 hours have passed (%(remaining)s).")
                    % {"ref": breach.reference, "remaining": format_remaining(state.remaining)},
                    url,
                )
            )
        elif state.authority_pending:
            points.append(
                Attention(
                    "danger" if state.remaining <= datetime.timedelta(hours=24) else "warning",
                    _("Data breach %(ref)s: decide on notifying the AP (%(remaining)s).")
                    % {"ref": breach.reference, "remaining": format_remaining(state.remaining)},
                    url,
                )
            )
        elif state.pending:
            points.append(
                Attention(
                    "info",
                    _("Data breach %(ref)s: %(items)s.")
                    % {"ref": breach.reference, "items": ", ".join(state.pending)},
                    url,
                )
            )
    return points


def _review_points(today) -> list[Attention]:
    """Approved activities whose review is near or past."""
    points = []
    for activity in reviews_due(today):
        url = reverse("processingregister:activity_detail", args=[activity.code])
        if activity.review_date < today:
            points.append(
                Attention(
                    "danger",
                    _("%(name)s: the review was due on %(date)s.")
                    % {"name": activity.name, "date": date_text(activity.review_date)},
                    url,
                )
            )
        else:
            points.append(
                Attention(
                    "warning",
                    _("%(name)s: review due on %(date)s.")
                    % {"name": activity.name, "date": date_text(activity.review_date)},
                    url,
                )
            )
    return points


def _agreement_points(today) -> list[Attention]:
    """Expired agreements approved activities still rely on, and agreements expiring soon."""
    points = []
    approved_with_agreements = (
        Agreement.objects.filter(activities__status=Status.APPROVED, end_date__lt=today)
        .select_related("party")
        .distinct()
    )
    for agreement in approved_with_agreements:
        points.append(
            Attention(
                "danger",
                _(
                    "Agreement %(ref)s with %(party)s expired on %(date)s, but approved "
                    "activities still rely on it."
                )
                % {
                    "ref": agreement.reference,
                    "party": agreement.party.name,
                    "date": date_text(agreement.end_date),
                },
                reverse("processingregister:agreements"),
            )
        )
    for agreement in expiring_agreements(today):
        points.append(
            Attention(
                "warning",
                _("Agreement %(ref)s with %(party)s expires on %(date)s.")
                % {
                    "ref": agreement.reference,
                    "party": agreement.party.name,
                    "date": date_text(agreement.end_date),
                },
                reverse("processingregister:agreements"),
            )
        )
    return points


def _register_points() -> list[Attention]:
    """Unbound registrations, stored categories no approved activity names, reviews waiting."""
    points = []
    unbound = unbound_count()
    if unbound:
        points.append(
            Attention(
                "warning",
                ngettext(
                    "%(count)d registration is not bound to an approved processing activity.",
                    "%(count)d registrations are not bound to an approved processing activity.",
                    unbound,
                )
                % {"count": unbound},
                reverse("processingregister:unbound"),
            )
        )
    drift = [row for row in inventory_overview() if row.drift]
    if drift:
        points.append(
            Attention(
                "warning",
                _(
                    "The database holds %(names)s, but no approved processing activity names "
                    "these categories."
                )
                % {
                    "names": ", ".join(
                        row.category.name if row.category else row.code for row in drift
                    )
                },
                reverse("processingregister:inventory"),
            )
        )
    waiting = ProcessingActivity.objects.filter(status=Status.IN_REVIEW).count()
    if waiting:
        points.append(
            Attention(
                "info",
                ngettext(
                    "%(count)d processing activity awaits your review.",
                    "%(count)d processing activities await your review.",
                    waiting,
                )
                % {"count": waiting},
                reverse("processingregister:activities") + "?status=in_review",
            )
        )
    return points
