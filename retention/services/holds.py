"""Legal holds: placing a hold on a person's whole file or on one record, and releasing it.

What holds are active on a person is read in ``retention.selectors``.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import LegalHold
from ..targets import REGISTRY


def record_person_id(record) -> int | None:
    """The person a record belongs to, through the retention target that covers it."""
    for target in REGISTRY.values():
        if target.available and isinstance(record, target.model) and target.person_field:
            value = record
            for part in target.person_field.split("__"):
                value = getattr(value, part, None)
                if value is None:
                    break
            if value is not None:
                return value
    return None


@transaction.atomic
def place_hold(
    *,
    owner,
    reason_kind: str,
    reason: str,
    ends_on: datetime.date,
    person=None,
    record=None,
    starts_on: datetime.date | None = None,
) -> LegalHold:
    """Hold a person's whole file, or one record (which also names its person)."""
    hold = LegalHold(
        person=person,
        owner=owner,
        reason_kind=reason_kind,
        reason=(reason or "").strip(),
        ends_on=ends_on,
        starts_on=starts_on or timezone.localdate(),
    )
    if record is not None:
        hold.content_type = ContentType.objects.get_for_model(record)
        hold.object_id = record.pk
        if person is None:
            hold.person_id = record_person_id(record)
    if not hold.reason:
        raise ValidationError({"reason": _("Explain why the data must be kept.")})
    hold.full_clean()
    hold.save()
    return hold


@transaction.atomic
def release_hold(hold: LegalHold, *, user) -> LegalHold:
    if hold.released_at is not None:
        raise ValidationError(_("This hold has already been released."))
    hold.released_at = timezone.now()
    hold.released_by = user
    hold.save(update_fields=["released_at", "released_by"])
    return hold
