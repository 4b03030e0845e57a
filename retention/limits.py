"""How far ahead a record may be kept before a person must weigh it again.

One rule for every date that postpones a decision: the review date of a signal (set when it is
registered or reviewed, ``contacts.models.Signal.clean``) and the "keep until" of a retention
review (``retention.services.reviews.validate_decision``):

- at most the default period ahead: the period of the active rule that deletes or anonymises
  the signal after it ends (``signalen-beeindigd``: two years; a rule for the kind of signal
  counts too, the shortest wins); two years when there is no such rule or the record is not a
  signal;
- further, up to five years, only with a recorded reason (seed 002 §5.4b-c: an explicit,
  verifiable decision, and a new one after at most five years).
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Action, RetentionRule, Trigger
from .periods import PeriodUnit, add_period

DEFAULT_YEARS = 2
# Seed 002 §5.4c: at most five years before the data is weighed again.
MAX_YEARS = 5


def default_period(target: str, kind: str | None = None, today=None) -> tuple[int, str]:
    """(amount, unit) a record of this target (and kind) may be kept ahead without a reason."""
    today = today or timezone.localdate()
    if target == "signal":
        rules = (
            RetentionRule.objects.active_on(today)
            .filter(
                target="signal",
                trigger=Trigger.CLOSED,
                action__in=(Action.DELETE, Action.ANONYMISE),
                period_amount__gt=0,
            )
            .only("record_kinds", "period_amount", "period_unit")
        )
        periods = [
            (rule.period_amount, rule.period_unit)
            for rule in rules
            if not rule.kinds or (kind is not None and kind in rule.kinds)
        ]
        if periods:
            return min(periods, key=lambda period: add_period(today, *period))
    return (DEFAULT_YEARS, PeriodUnit.YEARS)


def latest_dates(target: str, kind: str | None = None, today=None):
    """(latest without a reason, latest with a reason)."""
    today = today or timezone.localdate()
    maximum = add_period(today, MAX_YEARS, PeriodUnit.YEARS)
    default = min(add_period(today, *default_period(target, kind, today)), maximum)
    return default, maximum


def keep_date_error(
    day: datetime.date, *, reason: str = "", target: str, kind: str | None = None, today=None
) -> str | None:
    """The error for a date too far ahead, in the interface language; None when it is allowed."""
    today = today or timezone.localdate()
    default, maximum = latest_dates(target, kind, today)
    if day > maximum:
        return _(
            "Choose a date at most %(years)s years ahead (until %(date)s): by then the data "
            "must be weighed again."
        ) % {"years": MAX_YEARS, "date": maximum.strftime("%d-%m-%Y")}
    if day > default and not (reason or "").strip():
        return _(
            "A date after %(date)s needs a recorded reason why the data must be kept that long "
            "(at most %(years)s years ahead)."
        ) % {"date": default.strftime("%d-%m-%Y"), "years": MAX_YEARS}
    return None
