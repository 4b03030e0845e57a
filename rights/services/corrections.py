"""Rectification and completion (art. 16): correcting declared fields of the person's records
(the change goes to the audit trail, a ``Rectification`` links it to the request), and the
person's own statement on a record they dispute (seed 004 art. 9.1)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from contacts.models import ContactMoment, Signal
from persondata import registry

from .. import hooks
from ..models import PersonStatement, Rectification, RequestEvent
from ..selectors import rectifiable_fields
from .events import record_event, require_open
from .restrictions import check_not_restricted


@transaction.atomic
def rectify(request, user, record, changes: dict):
    """Correct fields of a record of the person; the change goes to the audit trail (auditlog),
    and a ``Rectification`` links it to the request."""
    require_open(request)
    if request.identity_verified_at is None:
        raise ValidationError(_("Verify the requester's identity before correcting data."))
    label = record._meta.label
    allowed = rectifiable_fields(label)
    if not allowed:
        raise ValidationError(_("This kind of record cannot be corrected here."))
    entry = registry.entry_for(label)
    if not entry.records([request.person_id]).filter(pk=record.pk).exists():
        raise ValidationError(_("This record does not belong to the person of the request."))
    check_not_restricted(request.person_id, user)
    changed = []
    for name, value in changes.items():
        if name not in allowed:
            raise ValidationError({name: _("This field cannot be corrected here.")})
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed.append(name)
    if not changed:
        raise ValidationError(_("Nothing was changed."))
    record.full_clean()
    record.save()
    hooks.data_changed(request, user)
    rectification = Rectification.objects.create(
        request=request,
        person_id=request.person_id,
        record_label=label,
        object_id=record.pk,
        fields=", ".join(changed),
        by=user,
    )
    record_event(
        request,
        RequestEvent.Kind.RECTIFIED,
        user,
        f"{record._meta.verbose_name} #{record.pk}: {', '.join(changed)}",
    )
    return rectification


@transaction.atomic
def add_statement(person, user, *, statement, record_kind="person", object_id=None, request=None):
    """Attach the person's own statement to a record they dispute (seed 004 art. 9.1)."""
    if not (statement or "").strip():
        raise ValidationError({"statement": _("Write down the person's statement.")})
    check_not_restricted(person, user)
    lookups = {"contact_moment": ContactMoment, "signal": Signal}
    if record_kind in lookups:
        if (
            object_id is None
            or not lookups[record_kind].objects.filter(pk=object_id, person=person).exists()
        ):
            raise ValidationError(
                {"object_id": _("Choose the record of this person the statement is about.")}
            )
    elif record_kind != PersonStatement.RecordKind.PERSON:
        raise ValidationError({"record_kind": _("Choose what the statement is about.")})
    else:
        object_id = None
    item = PersonStatement.objects.create(
        person=person,
        request=request,
        record_kind=record_kind,
        object_id=object_id,
        statement=statement.strip(),
        recorded_by=user,
    )
    if request is not None:
        record_event(
            request, RequestEvent.Kind.STATEMENT_ADDED, user, item.get_record_kind_display()
        )
    return item
