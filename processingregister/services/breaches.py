"""Data breaches: deadline state, references, registering and updating, the first message."""

import datetime
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..mails import new_breach_message
from ..models import (
    DataBreach,
    Decision,
    utc,
)
from .mail import _mail


@dataclass
class BreachState:
    deadline: datetime.datetime
    remaining: datetime.timedelta  # negative once the deadline has passed
    authority_pending: bool  # no decision yet, or decided to notify and not notified yet
    overdue: bool
    notified_late: bool
    pending: list[str] = field(default_factory=list)


def breach_state(breach, now=None) -> BreachState:
    now = utc(now or timezone.now())
    deadline = breach.deadline  # in UTC: remaining and overdue count real elapsed time
    authority_pending = breach.closed_at is None and (
        breach.authority_decision == Decision.PENDING
        or (breach.authority_decision == Decision.NOTIFY and breach.authority_notified_at is None)
    )
    pending = []
    if breach.closed_at is None:
        if breach.authority_decision == Decision.PENDING:
            pending.append(_("decide whether to notify the AP"))
        elif breach.authority_decision == Decision.NOTIFY and not breach.authority_notified_at:
            pending.append(_("notify the AP"))
        if breach.subjects_decision == Decision.PENDING:
            pending.append(_("decide whether to inform the data subjects"))
        elif breach.subjects_decision == Decision.NOTIFY and not breach.subjects_notified_at:
            pending.append(_("inform the data subjects"))
    return BreachState(
        deadline=deadline,
        remaining=deadline - now,
        authority_pending=authority_pending,
        overdue=authority_pending and now > deadline,
        notified_late=bool(
            breach.authority_notified_at and utc(breach.authority_notified_at) > deadline
        ),
        pending=pending,
    )


def next_breach_reference(day=None) -> str:
    year = (day or timezone.localdate()).year
    prefix = f"DL-{year}-"
    numbers = [
        int(ref.rsplit("-", 1)[1])
        for ref in DataBreach.objects.filter(reference__startswith=prefix).values_list(
            "reference", flat=True
        )
        if ref.rsplit("-", 1)[1].isdigit()
    ]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def register_breach(breach, user=None, notify=True):
    """Save a new breach with the next reference; tell the privacy officers at once."""
    breach.reported_by = user if user and user.is_authenticated else None
    _stamp_decisions(breach, None)
    for _attempt in range(5):
        breach.reference = next_breach_reference(timezone.localdate(breach.aware_at))
        try:
            with transaction.atomic():
                breach.save()
            break
        except IntegrityError:
            breach.pk = None  # another breach took the number: try the next one
    else:
        raise IntegrityError("No free data-breach reference")
    if notify:
        transaction.on_commit(lambda: notify_new_breach(breach.pk))
    return breach


def update_breach(breach, previous):
    """Save changes; note when a notification decision was taken."""
    _stamp_decisions(breach, previous)
    breach.save()
    return breach


def _stamp_decisions(breach, previous):
    now = timezone.now()
    for decision, stamp in (
        ("authority_decision", "authority_decided_at"),
        ("subjects_decision", "subjects_decided_at"),
    ):
        value = getattr(breach, decision)
        before = getattr(previous, decision) if previous else Decision.PENDING
        if value == Decision.PENDING:
            setattr(breach, stamp, None)
        elif value != before or getattr(breach, stamp) is None:
            setattr(breach, stamp, now)


def notify_new_breach(breach_id) -> None:
    breach = DataBreach.objects.filter(pk=breach_id).first()
    if breach is None:
        return
    with translation.override("nl"):
        _mail(*new_breach_message(breach, breach_state(breach)))
