"""Where apps above contacts take part in its work without contacts importing them.

``contact_registered`` is sent by the contact form once a contact moment is registered, inside
the same transaction (a receiver that raises undoes the registration): ``contact`` (the
ContactMoment), ``user`` (who registered it) and ``data`` (the form's submitted fields, e.g. the
knowledge-base articles the employee used, which the knowledge base records).

``keep_date_error`` asks the rule that caps a date postponing a decision (a signal's review
date) how far ahead it may lie; retention registers that rule (``retention.limits``) when the
apps are ready, so contacts does not import the layer above it.
"""

import django.dispatch

contact_registered = django.dispatch.Signal()

_keep_date_checks = []


def register_keep_date_check(check) -> None:
    """``check(day, *, reason, target, kind) -> message or None``; registered once per process."""
    if check not in _keep_date_checks:
        _keep_date_checks.append(check)


def keep_date_error(day, *, reason: str, target: str, kind: str | None):
    """The first registered check's refusal of ``day``, or None when every check allows it."""
    for check in _keep_date_checks:
        message = check(day, reason=reason, target=target, kind=kind)
        if message:
            return message
    return None
