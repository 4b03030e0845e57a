"""The moments that bound a day, for filters on a date range."""

import datetime

from django.utils import timezone


def day_bound(day: datetime.date, *, end: bool = False) -> datetime.datetime:
    """The aware moment a day starts (or, with ``end``, the moment the next day starts)."""
    moment = datetime.datetime.combine(
        day + datetime.timedelta(days=1) if end else day, datetime.time()
    )
    return timezone.make_aware(moment)
