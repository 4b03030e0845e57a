"""Erasure (art. 17): erasing the request's person through the retention engine's erasure path.
What stands in the way, and what it would do, are reads (``rights.selectors``)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from retention.erasure import describe_kept
from retention.services import ErasureRefused, erase_person

from .. import hooks
from ..models import DataSubjectRequest, RequestEvent
from ..selectors import erasure_obstacles
from .events import record_event, require_open
from .holds import release_request_hold
from .restrictions import check_not_restricted


@transaction.atomic
def erase_for_request(request, user, *, today=None):
    """Erase the person's data through the retention engine's erasure path.

    Other legal holds refuse it (ValidationError listing them: a refusal reason for the reply);
    records a statutory period keeps stay (the erasure log says which), the rest goes and the
    contacts keep the tombstone note. The request's own hold is released first (inside this
    transaction: if the erasure fails, the hold is back).
    """
    require_open(request)
    if request.kind != DataSubjectRequest.Kind.ERASURE:
        raise ValidationError(_("Only an erasure request erases data."))
    if request.identity_verified_at is None:
        raise ValidationError(_("Verify the requester's identity before erasing data."))
    obstacles = erasure_obstacles(request, today)
    if obstacles:
        raise ValidationError(
            [_("The data cannot be erased now:")] + obstacles,
            code="held",
        )
    check_not_restricted(request.person_id, user)
    release_request_hold(request, user=user)
    # Art. 19: the recipients are known from the person's links, which the erasure removes.
    hooks.data_changed(request, user)
    try:
        log = erase_person(
            request.person, requested_by=user, reason=f"Verzoek {request.reference}", today=today
        )
    except ErasureRefused as exc:
        raise ValidationError(_("A legal hold keeps this person's data.")) from exc
    kept = describe_kept(log.kept, reasons=not log.person_deleted)
    if log.person_deleted:
        note = (
            _("complete; kept by a legal duty: %(kept)s") % {"kept": kept}
            if kept
            else _("complete")
        )
    else:
        note = _("partly; kept: %(kept)s") % {"kept": kept}
    record_event(request, RequestEvent.Kind.ERASED, user, note)
    return log
