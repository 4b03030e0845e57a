"""Option parsing shared by the disclosures' management commands."""

import datetime

from django.core.management.base import CommandError
from django.utils.translation import gettext as _


def parse_day(value: str) -> datetime.date:
    """``--as-of`` as a date (YYYY-MM-DD), or a Dutch CommandError naming what was given."""
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(
            _("--as-of must be a date as YYYY-MM-DD, not %(value)s.") % {"value": value}
        ) from exc
