"""Mandates: whether a caller may hear about a person, and recording a new mandate."""

from django.db import transaction
from django.utils import timezone

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


@transaction.atomic
def register_mandate(user, represented: Person, data: dict) -> Mandate:
    """Record a mandate; a representative who is not yet known is registered as a person."""
    check_not_restricted(represented, user)
    representative = data.get("representative")
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
