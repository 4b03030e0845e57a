"""Mandates: whether a caller may hear about a person, and recording a new mandate."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access import policy as access
from persondata.restriction import check as check_not_restricted

from ..models import ContactMoment, Mandate, Person
from .persons import create_person


def caller_may_receive_data(caller_kind: str, mandate: Mandate | None, person: Person) -> bool:
    """Whether the employee may give this caller information about ``person``."""
    if caller_kind == ContactMoment.CallerKind.SELF:
        return True
    if caller_kind == ContactMoment.CallerKind.REPRESENTATIVE and mandate is not None:
        return mandate.represented_id == person.pk and mandate.is_valid_on(timezone.localdate())
    return False


def representative_by_number(user, number: str) -> Person | None:
    """The person with this relation number when ``user`` may open their file (team scope,
    involvement or break-the-glass), else None: whether the number exists elsewhere is not told."""
    found = Person.objects.filter(relation_number=number).values_list("pk", flat=True).first()
    if found is None:
        return None
    person, grant = access.person_with_grant(user, found)
    return person if grant is not None else None


def unknown_representative() -> str:
    return _("No person with this relation number among the persons you may open.")


@transaction.atomic
def register_mandate(user, represented: Person, data: dict) -> Mandate:
    """Record a mandate; a representative who is not yet known is registered as a person. Only
    a role that records mandates, with a grant on both persons (``access.policy.may_write``)."""
    access.check_write(user, represented, "mandate")
    check_not_restricted(represented, user)
    representative = data.get("representative")
    if representative is not None and access.grant_for(user, representative) is None:
        raise ValidationError({"representative_relation_number": unknown_representative()})
    if representative is None:
        representative = create_person(
            user,
            surname=data["representative_surname"],
            initials=data.get("representative_initials", ""),
            surname_prefix=data.get("representative_surname_prefix", ""),
        )
    mandate = Mandate(
        represented=represented,
        representative=representative,
        role=data["role"],
        scope=data["scope"],
        valid_from=data["valid_from"],
        valid_to=data.get("valid_to"),
        verified_how=data["verified_how"],
        verified_at=data["verified_at"],
        verified_by=user,
    )
    mandate.full_clean()
    mandate.save()
    return mandate
