"""What every model of the register shares: timestamps, the 72-hour limit, UTC arithmetic."""

import datetime

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

BREACH_NOTIFICATION_HOURS = 72  # art. 33(1) AVG


def utc(value: datetime.datetime | None) -> datetime.datetime | None:
    """The same moment in UTC. Arithmetic and comparisons between two datetimes that share a
    zoneinfo tzinfo are wall-clock (Python ignores the offset then), which is off by an hour
    across a daylight-saving change; in UTC they count real elapsed time."""
    return value.astimezone(datetime.UTC) if value is not None else None


def _local(value: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(value), "j F Y H:i")


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True
