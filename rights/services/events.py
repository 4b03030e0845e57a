"""A request's status history (``record_event``) and the guard every change of a request passes
first (``require_open``): a closed request stays as it was decided."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import RequestEvent


def record_event(request, kind, user=None, note="", at=None):
    return RequestEvent.objects.create(
        request=request,
        kind=kind,
        by=user if getattr(user, "is_authenticated", False) else None,
        note=(note or "")[:500],
        at=at or timezone.now(),
    )


def require_open(request):
    if not request.is_open:
        raise ValidationError(_("This request is closed; nothing can be changed any more."))
