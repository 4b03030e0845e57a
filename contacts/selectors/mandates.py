"""Mandates: who may act for a person, and on which days. Reads only."""

import datetime

from django.db.models import Q
from django.utils import timezone

from ..models import Mandate, Person


def valid_mandates(person: Person, day: datetime.date | None = None):
    day = day or timezone.localdate()
    return (
        Mandate.objects.filter(represented=person, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .select_related("representative", "role")
        .order_by("representative__search_name")
    )
