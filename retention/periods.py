"""Retention periods: an amount of calendar units, added to a date the way people count."""

import calendar
import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodUnit(models.TextChoices):
    DAYS = "days", _("days")
    WEEKS = "weeks", _("weeks")
    MONTHS = "months", _("months")
    YEARS = "years", _("years")


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Calendar months; the 31st becomes the last day of a shorter month, 29 February the 28th."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def add_period(day: datetime.date, amount: int, unit: str) -> datetime.date:
    if unit == PeriodUnit.DAYS:
        return day + datetime.timedelta(days=amount)
    if unit == PeriodUnit.WEEKS:
        return day + datetime.timedelta(weeks=amount)
    if unit == PeriodUnit.MONTHS:
        return add_months(day, amount)
    if unit == PeriodUnit.YEARS:
        return add_months(day, 12 * amount)
    raise ValueError(f"Unknown period unit {unit!r}")
