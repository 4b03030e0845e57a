"""Restriction of processing (art. 18): recording and lifting it.

The rule itself is one guard in ``persondata.restriction`` (on every declared write, and
``check_not_restricted`` for an early refusal); this module keeps it under the name the services
use. Whether a person is restricted is a read (``rights.selectors``).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from persondata import restriction
from persondata.restriction import ProcessingRestricted  # noqa: F401  (part of this API)

from .. import hooks
from ..models import ProcessingRestriction, RequestEvent
from ..selectors import active_restriction, is_restricted
from .events import record_event

# One rule for every path (persondata.restriction); kept under this name for the services.
check_not_restricted = restriction.check


@transaction.atomic
def restrict(person, user, *, reason, request=None):
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Record why processing is restricted.")})
    if is_restricted(person):
        raise ValidationError(_("Processing of this person's data is already restricted."))
    restriction = ProcessingRestriction.objects.create(
        person=person, reason=reason.strip()[:300], request=request, started_by=user
    )
    if request is not None:
        hooks.data_changed(request, user)
        record_event(request, RequestEvent.Kind.RESTRICTED, user, restriction.reason)
    return restriction


@transaction.atomic
def lift_restriction(person, user, *, request=None):
    restriction = active_restriction(person)
    if restriction is None:
        raise ValidationError(_("Processing of this person's data is not restricted."))
    restriction.ended_at = timezone.now()
    restriction.ended_by = user
    restriction.save(update_fields=["ended_at", "ended_by"])
    request = request or restriction.request
    if request is not None:
        record_event(request, RequestEvent.Kind.RESTRICTION_LIFTED, user)
    return restriction
