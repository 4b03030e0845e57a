"""Purpose binding: the rule for choosing an activity, its summary for forms, binding a row."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from .. import selectors
from ..selectors import BINDING_FIELD, Status


def is_approved(activity) -> bool:
    return activity is not None and activity.status == Status.APPROVED


def validate_approved(activity) -> None:
    """Raise a ValidationError (Dutch) unless ``activity`` is an approved activity."""
    if activity is None:
        raise ValidationError(
            _("Choose the processing activity this registration serves."), code="unbound"
        )
    if not is_approved(activity):
        raise ValidationError(
            _(
                "The processing activity '%(name)s' is not approved (status: %(status)s). "
                "Only approved activities can be chosen."
            )
            % {"name": activity.name, "status": activity.get_status_display()},
            code="not_approved",
        )


def purpose_summary(activity) -> dict | None:
    """Purpose and legal basis of an activity, in Dutch, for display next to a choice."""
    if activity is None:
        return None
    with translation.override("nl"):
        special = [c.name for c in activity.data_categories.all() if c.is_special]
        return {
            "code": activity.code,
            "name": activity.name,
            "purposes": activity.purposes,
            "legal_basis": activity.legal_basis,
            "legal_basis_label": str(activity.get_legal_basis_display())
            if activity.legal_basis
            else "",
            "legal_basis_explanation": activity.legal_basis_explanation,
            "special_categories": special,
            "retention": str(activity.retention_display()),
            "approved": is_approved(activity),
            "status_label": str(activity.get_status_display()),
        }


@transaction.atomic
def bind_record(model, pk, activity):
    """Bind one registration to an approved activity (saved, so the audit trail records it,
    with the acting employee from the request)."""
    if model not in selectors.bound_models():
        raise ValidationError(_("This kind of registration cannot be bound to an activity."))
    validate_approved(activity)
    record = model._default_manager.select_for_update().get(pk=pk)
    setattr(record, BINDING_FIELD, activity)
    record.save(update_fields=[BINDING_FIELD])
    return record
