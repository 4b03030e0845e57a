"""The run does what its dry run says: with the default rules, a dry run and then a real run at
the same date give the same counts per rule and delete the same persons, also when the run
itself deletes the tenancy that proved when the relationship ended (issue 17, point 5)."""

import datetime

import pytest
from django.utils import timezone

from contacts.models import ContactMoment, Person, PhoneNumber, Tenancy
from retention import engine
from retention.services import load_default_rules
from tests.factories import (
    ContactMomentFactory,
    EmailAddressFactory,
    PersonFactory,
    PhoneNumberFactory,
    TenancyFactory,
    contact_catalogue,
)
from tests.support.retention import (  # noqa: F401  (fixtures)
    D,
    at,
    counts,
    fresh_run_lock,
    only_the_tests_rules,
    registered_on,
)

pytestmark = pytest.mark.django_db

# After the default rules came into force (they start on the day they are loaded).
AS_OF = timezone.localdate() + datetime.timedelta(days=1)


def years_before(n, day=AS_OF):
    return day.replace(year=day.year - n, day=min(day.day, 28))


def tenant(*, ended, contact_on, registered=None):
    registered = registered or years_before(20)
    tenancy = TenancyFactory(start_date=years_before(20), end_date=ended)
    person = tenancy.person
    registered_on(person, registered)
    PhoneNumberFactory(person=person)
    EmailAddressFactory(person=person)
    ContactMomentFactory(person=person, occurred_at=at(contact_on))
    return person


@pytest.fixture
def world(reference_codes):
    contact_catalogue()
    load_default_rules()
    return {
        # The tenancy's statutory seven years are over: the run deletes it, and then the
        # person, whose relationship ended with that tenancy. Registered a year ago (loaded
        # from the ERP): recomputed after the tenancy and the contact are gone, the end of the
        # relationship would move to that day and the person would stay two more years.
        "gone": tenant(
            ended=years_before(10), contact_on=years_before(10), registered=years_before(1)
        ),
        # The tenancy is still under its statutory period: it keeps the person.
        "kept": tenant(ended=years_before(5), contact_on=years_before(5)),
        # A tenant today.
        "current": tenant(ended=None, contact_on=AS_OF - datetime.timedelta(days=30)),
        # Never a tenant, last contact long ago.
        "caller": PersonFactory(),
    }


def test_a_real_run_does_what_its_dry_run_said(world):
    registered_on(world["caller"], years_before(11))
    ContactMomentFactory(person=world["caller"], occurred_at=at(years_before(11)))
    before = set(Person.objects.values_list("pk", flat=True))

    previews = {p.rule.code: p for p in engine.preview(AS_OF) if not p.not_enforced}
    result = engine.run_now(as_of=AS_OF)

    reported = counts(result)
    predicted = {
        code: (
            p.counts["deleted"],
            p.counts["anonymised"],
            p.counts["sent_to_review"],
            p.counts["skipped_hold"],
            p.counts["kept_longer"],
        )
        for code, p in previews.items()
    }
    assert predicted == {code: reported[code] for code in predicted}
    # The persons the dry run named are the persons that are gone.
    gone = before - set(Person.objects.values_list("pk", flat=True))
    assert (
        set(previews["relatie-verwijderen"].sample)
        == gone
        == {world["gone"].pk, world["caller"].pk}
    )
    # And what stays, stays for the reason the dry run gave.
    assert Tenancy.objects.filter(person=world["kept"]).exists()
    assert Person.objects.filter(pk=world["current"].pk).exists()
    assert not PhoneNumber.objects.filter(person_id=world["gone"].pk).exists()
    assert not ContactMoment.objects.filter(person_id=world["gone"].pk).exists()


def test_a_second_dry_run_after_the_run_has_nothing_left_to_do(world):
    engine.run_now(as_of=AS_OF)
    again = [p for p in engine.preview(AS_OF) if not p.not_enforced and p.removes]
    assert again == []
