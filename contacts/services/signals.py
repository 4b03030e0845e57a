"""Signals (signaleringen): registering a signal and the handler's review of it, with the reason
for a review date beyond the default period kept in the audit trail. The lists of signals are in
``contacts.selectors.signals``."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access import policy as access
from audit.models import LogEntry as AuditEntry
from persondata.restriction import check as check_not_restricted
from processingregister.services import is_approved

from ..models import Person, Signal


@transaction.atomic
def register_signal(
    user,
    person: Person,
    *,
    signal_type,
    description: str,
    legal_basis: str = "",
    review_on=None,
    review_reason: str = "",
):
    """``review_reason``: why a review date beyond the default period is needed (Signal.clean
    caps the date; the reason goes into the audit trail of the signal). Only a role that
    records signals, with a grant on the person (``access.policy.may_write``)."""
    access.check_write(user, person, "signal")
    check_not_restricted(person, user)
    if not is_approved(signal_type.processing_activity):
        raise ValidationError(
            {
                "signal_type": _(
                    "This kind of signal is not bound to an approved processing activity."
                )
            }
        )
    signal = Signal(
        person=person,
        signal_type=signal_type,
        description=description.strip(),
        legal_basis=legal_basis.strip(),
        review_on=review_on
        or timezone.localdate() + datetime.timedelta(days=signal_type.review_after_days),
        created_by=user,
    )
    signal.review_reason = (review_reason or "").strip()
    signal.full_clean()
    signal.save()
    _record_review_reason(signal, user)
    signal.handlers.add(user)
    access.record_involvement(user, person)
    return signal


def _record_review_reason(signal, user) -> None:
    """Keep the reason for a review date with the audit-trail entry of the change: the signal has
    no field for it, and the entry is redacted with the rest of the person's data."""
    reason = getattr(signal, "review_reason", "")
    if not reason:
        return
    entry = AuditEntry.objects.get_for_object(signal).order_by("-pk").first()
    if entry is None or not (
        entry.action == AuditEntry.Action.CREATE or "review_on" in (entry.changes or {})
    ):
        entry = AuditEntry.objects.log_create(
            signal,
            force_log=True,
            action=AuditEntry.Action.UPDATE,
            changes={"review_on": [None, str(signal.review_on)]},
            actor=user if getattr(user, "is_authenticated", False) else None,
        )
    entry.additional_data = {**(entry.additional_data or {}), "review_reason": reason}
    entry.save(update_fields=["additional_data"])


@transaction.atomic
def review_signal(user, signal, *, keep_until: datetime.date | None, note: str = ""):
    """The handler's review: keep the signal until a new date, or end it (kept for retention)."""
    if not access.can_view_signal_content(user, signal):
        raise ValidationError(_("You cannot review this signal."))
    check_not_restricted(signal.person_id, user)
    if keep_until is not None:
        if keep_until <= timezone.localdate():
            raise ValidationError({"keep_until": _("Choose a date in the future.")})
        # The note is the reason a date beyond the default period needs (Signal.clean).
        signal.review_on = keep_until
        signal.review_reason = (note or "").strip()
        try:
            signal.clean()
        except ValidationError as exc:
            if "review_on" not in exc.message_dict:
                raise
            raise ValidationError({"keep_until": exc.message_dict["review_on"]}) from exc
        signal.save(update_fields=["review_on"])
        _record_review_reason(signal, user)
    else:
        signal.ended_on = timezone.localdate()
        signal.save(update_fields=["ended_on"])
    return signal
