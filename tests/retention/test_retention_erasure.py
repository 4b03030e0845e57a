"""Erasure on request through the retention actions: holds and statutory duties honoured, a
tombstone left, the audit trail redacted, and a log that can be replayed after a restore."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import timezone

from audit.models import LogEntry
from contacts.models import ContactMoment, EmailAddress, Person, PhoneNumber, Tenancy
from retention import services
from retention.models import ErasureLog, RetentionRule
from tests.factories import (
    ContactMomentFactory,
    EmailAddressFactory,
    LegalHoldFactory,
    PersonFactory,
    PhoneNumberFactory,
    RetentionTaskFactory,
    TenancyFactory,
    UserFactory,
    statutory_tenancy_rule,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_run_lock():
    """The lock may live in Redis, outside the test's transaction."""
    from retention import locks

    locks.force_release()
    yield
    locks.force_release()


D = datetime.date
REQUEST = "Verzoek tot verwijdering AVG-2026-017"


@pytest.fixture(autouse=True)
def only_the_statutory_tenancy_rule(db):
    RetentionRule.objects.all().delete()
    return statutory_tenancy_rule()


def tombstone(day=None) -> str:
    day = day or timezone.localdate()
    return f"Gegevens verwijderd op verzoek van betrokkene op {day:%d-%m-%Y}"


def test_a_person_without_duties_is_erased_completely():
    person = PersonFactory(surname="Verhoeven")
    PhoneNumberFactory(person=person)
    contact = ContactMomentFactory(person=person, notes="Belt over de huur.", outcome="task")
    task = RetentionTaskFactory(contact_moment=contact)
    assert task.person_id == person.pk  # copied from the contact moment
    officer = UserFactory()

    log = services.erase_person(person, requested_by=officer, reason=REQUEST)

    assert not Person.objects.filter(pk=person.pk).exists()
    assert not PhoneNumber.objects.filter(person_id=person.pk).exists()
    contact.refresh_from_db()
    assert contact.person is None and contact.summary == tombstone() and contact.notes == ""
    task.refresh_from_db()
    assert task.requested_action == "[geanonimiseerd]" and task.person_id is None
    assert (log.outcome, log.person_deleted, log.requested_by) == ("complete", True, officer)
    assert log.statement == tombstone(timezone.localdate(log.erased_at))
    assert log.counts["phone_number"] == {"deleted": 1}
    assert log.counts["contact_moment"] == {"anonymised": 1}
    entries = LogEntry.objects.filter(subject_person_id=person.pk)
    assert entries.exists() and not entries.filter(redacted_at__isnull=True).exists()
    assert "Verhoeven" not in str(list(LogEntry.objects.values_list("changes", flat=True)))


def test_a_statutory_duty_keeps_the_tenancy_and_the_person():
    tenancy = TenancyFactory(start_date=D(2012, 1, 1), end_date=timezone.localdate().replace(day=1))
    person = tenancy.person
    phone = PhoneNumberFactory(person=person)
    email = EmailAddressFactory(person=person)
    contact = ContactMomentFactory(person=person)

    log = services.erase_person(person, requested_by=UserFactory(), reason=REQUEST)

    assert Tenancy.objects.filter(pk=tenancy.pk).exists()
    assert Person.objects.filter(pk=person.pk).exists()
    assert not PhoneNumber.objects.filter(pk=phone.pk).exists()
    assert not EmailAddress.objects.filter(pk=email.pk).exists()
    contact.refresh_from_db()
    assert contact.person is None and contact.summary == tombstone()
    assert log.outcome == "partial" and not log.person_deleted
    kept = [(k["target"], k["count"], k["why"]) for k in log.kept if k["why"].startswith("stat")]
    assert kept == [("tenancy", 1, "statutory:huur-fiscaal")]
    # The card shows that the data was erased, and why something is left.
    html = Template("{% load retention_tags %}{% retention_holds_banner person %}").render(
        Context({"person": person})
    )
    assert tombstone() in html and 'data-banner="erased"' in html


def test_a_running_tenancy_is_a_duty_too():
    tenancy = TenancyFactory(start_date=D(2015, 1, 1))
    log = services.erase_person(tenancy.person, requested_by=None, reason=REQUEST)
    assert log.outcome == "partial"
    assert Tenancy.objects.filter(pk=tenancy.pk).exists()


def test_a_legal_hold_refuses_the_erasure_and_changes_nothing():
    person = PersonFactory()
    phone = PhoneNumberFactory(person=person)
    contact = ContactMomentFactory(person=person)
    LegalHoldFactory(person=person)

    with pytest.raises(services.ErasureRefused) as refused:
        services.erase_person(person, requested_by=UserFactory(), reason=REQUEST)

    assert refused.value.log.outcome == "refused"
    assert PhoneNumber.objects.filter(pk=phone.pk).exists()
    contact.refresh_from_db()
    assert contact.person_id == person.pk


def test_a_record_hold_keeps_that_record_and_the_person():
    person = PersonFactory()
    held = ContactMomentFactory(person=person)
    free = ContactMomentFactory(person=person)
    services.place_hold(
        record=held,
        owner=UserFactory(),
        reason_kind="litigation",
        reason="Klachtprocedure K-2026-9.",
        ends_on=D(2099, 1, 1),
    )
    log = services.erase_person(person, requested_by=None, reason=REQUEST)
    held.refresh_from_db()
    free.refresh_from_db()
    assert held.person_id == person.pk
    assert free.person_id is None
    assert log.outcome == "partial"
    assert ("contact_moment", 1, "hold") in [(k["target"], k["count"], k["why"]) for k in log.kept]


def test_the_request_is_named_not_the_person():
    with pytest.raises(ValidationError):
        services.erase_person(PersonFactory(), requested_by=None, reason="  ")


def test_the_log_replays_after_a_backup_restore():
    """The log is kept apart from the data; restored data is erased again, once."""
    person = PersonFactory()
    ContactMomentFactory(person=person)
    log = services.erase_person(person, requested_by=None, reason=REQUEST)
    exported = [
        {"pk": log.pk, "person_id": log.person_id, "outcome": log.outcome, "reason": log.reason}
    ]
    # "Restore": the person is back (same id, as in the backup), with a contact.
    restored = PersonFactory(pk=person.pk)
    ContactMomentFactory(person=restored)

    assert services.replay_erasures(exported) == 1
    assert not Person.objects.filter(pk=person.pk).exists()
    assert not ContactMoment.objects.filter(person_id=person.pk).exists()
    assert services.replay_erasures(exported) == 0
    assert ErasureLog.objects.filter(person_id=person.pk).count() == 2
