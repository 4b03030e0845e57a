import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from contacts.models import Person, PhoneNumber, Tenancy, Unit
from contacts.normalise import normalise_phone, normalise_postcode
from referencedata.models import ReferenceCode


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0612345678", "+31612345678"),
        ("06-12345678", "+31612345678"),
        ("06 1234 5678", "+31612345678"),
        ("+31612345678", "+31612345678"),
        ("+31 6 12 34 56 78", "+31612345678"),
        ("0031612345678", "+31612345678"),
        ("+31 (0)6 12345678", "+31612345678"),
        ("(020) 123 45 67", "+31201234567"),
        ("050-3123456", "+31503123456"),
        ("+32 470 12 34 56", "+32470123456"),
    ],
)
def test_phone_numbers_are_normalised(raw, expected):
    assert normalise_phone(raw) == expected


@pytest.mark.parametrize("raw", ["", "06", "061234567", "06123456789", "abc", "+31 6 1234 56789"])
def test_malformed_phone_numbers_are_refused(raw):
    with pytest.raises(ValidationError):
        normalise_phone(raw)


@pytest.mark.parametrize(("raw", "expected"), [("9711ab", "9711AB"), (" 1012 AB ", "1012AB")])
def test_postcodes_are_normalised(raw, expected):
    assert normalise_postcode(raw) == expected


@pytest.mark.parametrize("raw", ["0123AB", "12345", "1234 A", "ABCD12"])
def test_bad_postcodes_are_refused(raw):
    with pytest.raises(ValidationError):
        normalise_postcode(raw)


@pytest.mark.django_db
def test_tenancy_cannot_end_before_it_starts(reference_codes, team_noord):
    unit = Unit.objects.create(
        unit_number="VHE-1",
        street="Ring",
        house_number=1,
        postcode="9711AA",
        town="X",
        team=team_noord,
    )
    tenancy = Tenancy(
        contract_number="HC-1",
        unit=unit,
        person=Person.objects.create(surname="Jansen"),
        role=ReferenceCode.objects.get(code_list="RELATIEROLSOORT", code="HUU"),
        start_date=datetime.date(2020, 5, 1),
        end_date=datetime.date(2020, 4, 30),
    )
    with pytest.raises(ValidationError) as excinfo:
        tenancy.full_clean()
    assert "end_date" in excinfo.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        tenancy.save()


@pytest.mark.django_db
def test_one_preferred_phone_number_per_person():
    person = Person.objects.create(surname="Jansen")
    PhoneNumber.objects.create(person=person, number="+31612345678", is_preferred=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        PhoneNumber.objects.create(person=person, number="+31687654321", is_preferred=True)
    PhoneNumber.objects.create(person=person, number="+31687654321", is_preferred=False)
    assert person.phone_numbers.count() == 2
