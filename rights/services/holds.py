"""The legal hold an open request places on the person's file (retention app): placed when the
request is registered, moved with an extension, renewed daily while the request is open, and
released when it is closed or its erasure is carried out."""

import datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from retention.models import LegalHold
from retention.services import place_hold, release_hold

from ..selectors import open_requests
from .deadlines import received_on

# An open request holds the person's file this long past its deadline; the daily task renews
# the hold while the request stays open, and closing the request releases it.
HOLD_MARGIN_DAYS = 60


def hold_until(request) -> datetime.date:
    return request.deadline + datetime.timedelta(days=HOLD_MARGIN_DAYS)


def place_request_hold(request, *, user):
    owner = request.assignee or user
    with translation.override(settings.LANGUAGE_CODE):
        reason = _("Open data-subject request %(reference)s (%(kind)s).") % {
            "reference": request.reference,
            "kind": request.get_kind_display(),
        }
    return place_hold(
        owner=owner,
        reason_kind=LegalHold.Reason.DATA_SUBJECT_REQUEST,
        reason=reason,
        ends_on=hold_until(request),
        person=request.person,
        starts_on=min(received_on(request), timezone.localdate()),
    )


def extend_request_hold(request):
    """After an extension: the hold lasts at least until the new deadline plus the margin."""
    if request.legal_hold_id:
        LegalHold.objects.filter(pk=request.legal_hold_id, ends_on__lt=hold_until(request)).update(
            ends_on=hold_until(request)
        )


def release_request_hold(request, *, user):
    hold = request.legal_hold
    if hold is not None and hold.released_at is None:
        release_hold(hold, user=user)


def renew_request_holds(today=None) -> int:
    """Keep the hold of every open request alive while the request is open."""
    today = today or timezone.localdate()
    renewed = 0
    for request in open_requests().filter(legal_hold__isnull=False):
        until = max(hold_until(request), today + datetime.timedelta(days=HOLD_MARGIN_DAYS))
        renewed += LegalHold.objects.filter(
            pk=request.legal_hold_id,
            released_at__isnull=True,
            ends_on__lt=today + datetime.timedelta(days=7),
        ).update(ends_on=until)
    return renewed
