"""Dates, moments and time left as the register's texts show them (Dutch long format, local
time; whole minutes)."""

import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def date_text(value) -> str:
    return formats.date_format(value, "j F Y") if value else ""


def datetime_text(value) -> str:
    return formats.date_format(timezone.localtime(value), "j F Y H:i") if value else ""


def format_remaining(remaining: datetime.timedelta) -> str:
    """'41 hours 12 minutes left' / '3 hours overdue' / '5 minutes left', in whole minutes."""
    minutes = int(abs(remaining.total_seconds()) // 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(ngettext("%(h)d hour", "%(h)d hours", hours) % {"h": hours})
    if minutes or not hours:
        parts.append(ngettext("%(m)d minute", "%(m)d minutes", minutes) % {"m": minutes})
    amount = " ".join(parts)
    if remaining.total_seconds() >= 0:
        return _("%(amount)s left") % {"amount": amount}
    return _("%(amount)s overdue") % {"amount": amount}
