"""The counting rules of a request's deadline (AVG art. 12(3)): due date, furthest extension,
and the day a request counts as received."""

import datetime

from django.utils import timezone

from retention.periods import add_months

# AVG art. 12(3): a reply within one month of receipt, extendable by two further months.
# (The corporation's older regulation said four weeks (seed 004 art. 8.2); the AVG's month
# replaced it.)
EXTENSION_MONTHS = 2
# Reminders to the handler this many days before the deadline.
REMINDER_DAYS = (7, 3)


def due_date_for(received: datetime.date) -> datetime.date:
    """The reply deadline of a request received on ``received``: THE counting rule.

    One month from receipt: the same day number in the next month. When the next month has no
    such day, its last day: 31 January → 28 February (29 February in a leap year), 31 March →
    30 April, 29 January 2027 → 28 February 2027. A request received on 29 February is due on
    29 March. The day of receipt does not count; the deadline day itself does.
    """
    return add_months(received, 1)


def latest_extension_date(received: datetime.date) -> datetime.date:
    """The furthest a deadline can be extended to: one month plus two months from receipt."""
    return add_months(received, 1 + EXTENSION_MONTHS)


def received_on(request) -> datetime.date:
    return timezone.localdate(request.received_at)
