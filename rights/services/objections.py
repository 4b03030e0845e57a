"""Objection (art. 21): recording that the person objects to one purpose; that processing stops
at once. Whether a person objects is a read (``rights.selectors.objects_to``)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Objection, RequestEvent
from .events import record_event


@transaction.atomic
def record_objection(person, user, *, purpose, request=None, note=""):
    """Art. 21: the processing for ``purpose`` stops at once (idempotent per purpose)."""
    if purpose not in Objection.Purpose.values:
        raise ValidationError({"purpose": _("Choose the purpose the person objects to.")})
    objection, created = Objection.objects.get_or_create(
        person=person,
        purpose=purpose,
        defaults={"request": request, "note": (note or "").strip()[:300], "recorded_by": user},
    )
    if request is not None:
        if objection.request_id is None:
            objection.request = request
            objection.save(update_fields=["request"])
        record_event(request, RequestEvent.Kind.OBJECTION, user, objection.get_purpose_display())
    return objection
