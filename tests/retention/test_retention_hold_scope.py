"""Legal holds keep what they name: a hold on one record keeps that record, its parts and the
records it is part of, not the rest of the person's data; a hold on the person keeps all of it;
the person is not deleted while one of their records is held."""

import pytest
from django.contrib.contenttypes.models import ContentType

from audit.models import AccessLogEntry
from contacts.models import ContactMoment, EmailAddress, Mandate, Person, PhoneNumber, Task
from retention import engine, services
from retention.models import LegalHold
from tests.factories import (
    ContactMomentFactory,
    EmailAddressFactory,
    LegalHoldFactory,
    MandateFactory,
    PersonFactory,
    PhoneNumberFactory,
    RetentionTaskFactory,
    UserFactory,
)
from tests.support.retention import (  # noqa: F401  (fixtures)
    D,
    at,
    contact_rule,
    counts,
    fresh_run_lock,
    only_the_tests_rules,
    person_rule,
    registered_on,
    rule,
)

pytestmark = pytest.mark.django_db

OLD = D(2020, 1, 1)
TODAY = D(2023, 1, 1)


def hold(record):
    return services.place_hold(
        record=record,
        owner=UserFactory(),
        reason_kind=LegalHold.Reason.LITIGATION,
        reason="Procedure bij de kantonrechter, zaaknummer C/19/2026-0002.",
        starts_on=D(2000, 1, 1),
        ends_on=D(2099, 1, 1),
    )


@pytest.fixture
def file_of_a_person():
    """A person with two old contact moments (one with a closed task), a phone number, an
    e-mail address and two access-log rows, all past their periods on ``TODAY``."""
    person = PersonFactory()
    first = ContactMomentFactory(
        person=person, occurred_at=at(OLD), summary="Vraag over huur.", outcome="task"
    )
    second = ContactMomentFactory(person=person, occurred_at=at(OLD), summary="Vraag over hek.")
    task = RetentionTaskFactory(contact_moment=first, closed=True, person=person)
    Task.objects.filter(pk=task.pk).update(closed_at=at(OLD))
    phone = PhoneNumberFactory(person=person)
    email = EmailAddressFactory(person=person)
    for model in (PhoneNumber, EmailAddress):
        model.objects.filter(person=person).update(created_at=at(OLD), updated_at=at(OLD))
    logs = [
        AccessLogEntry.objects.create(person_id=person.pk, what="card", grant="team", at=at(OLD))
        for _ in range(2)
    ]
    return {
        "person": person,
        "first": first,
        "second": second,
        "task": task,
        "phone": phone,
        "email": email,
        "logs": logs,
    }


@pytest.fixture
def rules():
    return {
        "contacten": contact_rule(),
        "taken": rule("taken", "task", "anonymise", trigger="closed"),
        "telefoon": rule("telefoon", "phone_number"),
        "email": rule("email", "email_address"),
        "inzagelog": rule("inzagelog", "access_log"),
    }


def survives(record) -> bool:
    return type(record)._base_manager.filter(pk=record.pk).exists()


def untouched(contact) -> bool:
    contact.refresh_from_db()
    return contact.person_id is not None and contact.summary.startswith("Vraag")


def test_a_hold_on_one_contact_moment_leaves_the_rest_of_the_file_to_its_rules(
    file_of_a_person, rules
):
    f = file_of_a_person
    hold(f["second"])

    result = engine.run_now(as_of=TODAY)

    assert untouched(f["second"])
    assert not untouched(f["first"])  # the other contact goes by its rule
    assert not survives(f["phone"]) and not survives(f["email"])
    assert not any(survives(log) for log in f["logs"])
    assert counts(result) == {
        "contacten": (0, 1, 0, 1, 0),
        "taken": (0, 1, 0, 0, 0),
        "telefoon": (1, 0, 0, 0, 0),
        "email": (1, 0, 0, 0, 0),
        "inzagelog": (2, 0, 0, 0, 0),
    }


def test_a_held_task_keeps_its_contact_moment(file_of_a_person, rules):
    f = file_of_a_person
    hold(f["task"])

    result = engine.run_now(as_of=TODAY)

    task = Task.objects.get(pk=f["task"].pk)
    assert task.requested_action.startswith("Monteur")  # not anonymised by its rule
    assert untouched(f["first"])  # anonymising it would blank the held task
    assert not untouched(f["second"])
    assert not survives(f["phone"]) and not survives(f["email"])
    assert counts(result)["contacten"] == (0, 1, 0, 1, 0)
    assert counts(result)["taken"] == (0, 0, 0, 1, 0)


def test_a_held_contact_moment_keeps_its_tasks(file_of_a_person, rules):
    f = file_of_a_person
    hold(f["first"])

    engine.run_now(as_of=TODAY)

    assert untouched(f["first"])
    assert Task.objects.get(pk=f["task"].pk).requested_action.startswith("Monteur")
    assert not untouched(f["second"])


def test_a_hold_on_the_person_keeps_everything(file_of_a_person, rules):
    f = file_of_a_person
    LegalHoldFactory(person=f["person"])

    result = engine.run_now(as_of=TODAY)

    assert untouched(f["first"]) and untouched(f["second"])
    assert all(survives(f[name]) for name in ("phone", "email", "task"))
    assert all(survives(log) for log in f["logs"])
    assert sum(c[0] + c[1] for c in counts(result).values()) == 0
    assert sum(c[3] for c in counts(result).values()) == 7


def test_the_person_rule_is_blocked_by_a_record_hold(file_of_a_person):
    f = file_of_a_person
    person_rule(trigger="created")
    other = PersonFactory()
    for person in (f["person"], other):
        registered_on(person, OLD)
    hold(f["second"])

    result = engine.run_now(as_of=TODAY)

    assert Person.objects.filter(pk=f["person"].pk).exists()  # it would take the contact along
    assert untouched(f["second"])
    assert not Person.objects.filter(pk=other.pk).exists()
    assert counts(result) == {"personen": (1, 0, 0, 1, 0)}


def test_a_held_mandate_keeps_the_representative_too():
    """The hold names the represented person; deleting the representative would take the
    mandate along as well."""
    person_rule(trigger="created")
    mandate = MandateFactory(valid_from=D(2015, 1, 1), valid_to=D(2019, 1, 1))
    registered_on(mandate.represented, OLD)
    registered_on(mandate.representative, OLD)
    assert hold(mandate).person_id == mandate.represented_id

    result = engine.run_now(as_of=TODAY)

    assert Mandate.objects.filter(pk=mandate.pk).exists()
    both = [mandate.represented_id, mandate.representative_id]
    assert Person.objects.filter(pk__in=both).count() == 2
    assert counts(result) == {"personen": (0, 0, 0, 2, 0)}


def test_a_record_hold_does_not_block_a_decision_on_other_records_of_the_person():
    """``HoldIndex`` as the review decision uses it (``removes_more=True``)."""
    contact = ContactMomentFactory()
    phone = PhoneNumberFactory(person=contact.person)
    hold(contact)
    for_phones = engine.HoldIndex(ContentType.objects.get_for_model(PhoneNumber), TODAY)
    for_contacts = engine.HoldIndex(ContentType.objects.get_for_model(ContactMoment), TODAY)
    for_persons = engine.HoldIndex(ContentType.objects.get_for_model(Person), TODAY)

    assert not for_phones.blocks(contact.person_id, phone.pk, removes_more=True)
    assert for_contacts.blocks(contact.person_id, contact.pk, removes_more=True)
    assert for_persons.blocks(contact.person_id, contact.person_id, removes_more=True)
