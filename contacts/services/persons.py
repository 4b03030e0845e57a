"""New persons: registering someone who is not in the register yet."""

from django.db import transaction

from access import policy as access

from ..models import EmailAddress, Person, PhoneNumber
from ..normalise import normalise_phone


@transaction.atomic
def create_person(
    user, *, surname, initials="", given_name="", surname_prefix="", phone="", email=""
):
    """Register a new person with at most one phone number and e-mail address.

    The employee who registers the person gets a direct grant on them (involvement), so they can
    open the card before any tenancy or contact links the person to a team. Only a role that
    registers persons (``access.policy.WRITE_ROLES``).
    """
    access.check_write(user, None, "person")
    person = Person(
        surname=surname.strip(),
        initials=initials.strip(),
        given_name=given_name.strip(),
        surname_prefix=surname_prefix.strip(),
    )
    person.full_clean()
    person.save()
    if phone:
        PhoneNumber.objects.create(person=person, number=normalise_phone(phone), is_preferred=True)
    if email:
        EmailAddress.objects.create(person=person, address=email.strip().lower(), is_preferred=True)
    access.record_involvement(user, person)
    return person
