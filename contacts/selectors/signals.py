"""Signals (signaleringen) as lists: the active ones on a card, the ones due for review. Reads
only; registering and reviewing a signal are in ``contacts.services.signals``."""

import datetime

from django.db.models import Q
from django.utils import timezone

from ..models import Person, Signal


def active_signals(person: Person):
    """The 'that' information for the card: active signals with their type only."""
    return (
        Signal.objects.filter(person=person, ended_on__isnull=True)
        .select_related("signal_type")
        .order_by("signal_type__name")
    )


def signals_to_review(user, day: datetime.date | None = None):
    """Signals the employee handles whose review date has passed."""
    day = day or timezone.localdate()
    return (
        Signal.objects.filter(ended_on__isnull=True, review_on__lte=day)
        .filter(Q(handlers=user) | Q(created_by=user))
        .select_related("signal_type", "person")
        .distinct()
        .order_by("review_on")
    )
