"""Factories for contacts: persons, units, tenancies, contact details; the
contacts catalogue, contact moments, mandates and tasks."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from contacts.models import EmailAddress, Person, PhoneNumber, Tenancy, Unit
from referencedata.models import ReferenceCode
from tests.factories.accounts import TeamFactory, UserFactory
from tests.factories.processingregister import ProcessingActivityFactory
from tests.factories.referencedata import ReferenceCodeFactory, channel


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    relation_number = factory.Sequence(lambda n: f"R{n + 1:07d}")
    given_name = factory.Faker("first_name", locale="nl_NL")
    initials = factory.LazyAttribute(lambda person: f"{(person.given_name or 'X')[0]}.")
    surname_prefix = ""
    surname = factory.Faker("last_name", locale="nl_NL")
    date_of_birth = None  # data minimisation: only when a test needs it


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit

    unit_number = factory.Sequence(lambda n: f"VHE-{n + 1:05d}")
    street = "Kerkstraat"
    house_number = factory.Sequence(lambda n: n + 1)
    house_number_addition = ""
    postcode = "9641AB"
    town = "Veenhoven"
    team = factory.SubFactory(TeamFactory)


class TenancyFactory(DjangoModelFactory):
    class Meta:
        model = Tenancy

    class Params:
        co_tenant = factory.Trait(
            role=factory.SubFactory(ReferenceCodeFactory, code="MDH", name="Medehuurder")
        )

    contract_number = factory.Sequence(lambda n: f"HC-{n + 1:06d}")
    unit = factory.SubFactory(UnitFactory)
    person = factory.SubFactory(PersonFactory)
    role = factory.SubFactory(ReferenceCodeFactory)
    start_date = datetime.date(2020, 1, 1)
    end_date = None


class PhoneNumberFactory(DjangoModelFactory):
    class Meta:
        model = PhoneNumber

    person = factory.SubFactory(PersonFactory)
    number = factory.Sequence(lambda n: f"+316{n + 10000000:08d}")
    kind = PhoneNumber.Kind.MOBILE
    is_preferred = False


class EmailAddressFactory(DjangoModelFactory):
    class Meta:
        model = EmailAddress

    person = factory.SubFactory(PersonFactory)
    address = factory.Sequence(lambda n: f"persoon{n}@example.nl")
    kind = EmailAddress.Kind.PRIVATE
    is_preferred = False


def contact_catalogue():
    """Task kinds, subjects and signal types as the data migrations create them (transactional
    tests flush), bound to approved processing activities as the privacy officer would."""
    from contacts.catalogue import (
        SIGNAL_TYPE_PURPOSES,
        SUBJECT_PURPOSES,
        TASK_KIND_PURPOSES,
        bind_defaults,
        ensure_defaults,
        ensure_signal_types,
    )
    from contacts.models import ContactSubject, SignalType, TaskKind
    from processingregister.models import ProcessingActivity

    ensure_defaults(TaskKind, ContactSubject)
    ensure_signal_types(SignalType, ReferenceCode)
    codes = {
        *SUBJECT_PURPOSES.values(),
        *TASK_KIND_PURPOSES.values(),
        *SIGNAL_TYPE_PURPOSES.values(),
        "overlast-signalen",
    }
    for code in sorted(codes - set(ProcessingActivity.objects.values_list("code", flat=True))):
        ProcessingActivityFactory(code=code, name=code, approved=True)
    bind_defaults(ProcessingActivity, ContactSubject, TaskKind, SignalType)


def default_subject(code="huur-betalen"):
    from contacts.models import ContactSubject

    contact_catalogue()
    return ContactSubject.objects.get(code=code)


class ContactMomentFactory(DjangoModelFactory):
    class Meta:
        model = "contacts.ContactMoment"

    person = factory.SubFactory(PersonFactory)
    channel = factory.LazyFunction(channel)
    occurred_at = factory.LazyFunction(timezone.now)
    subject = factory.LazyFunction(lambda: default_subject())
    summary = "Vraag over de huurbetaling beantwoord."
    outcome = "answered"
    handled_by = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)


class MandateFactory(DjangoModelFactory):
    class Meta:
        model = "contacts.Mandate"

    represented = factory.SubFactory(PersonFactory)
    representative = factory.SubFactory(PersonFactory)
    role = factory.SubFactory(ReferenceCodeFactory, code="BWI", name="Bewindvoerder")
    scope = "finances"
    valid_from = datetime.date(2024, 1, 1)
    valid_to = None
    verified_how = "court_order"
    verified_at = datetime.date(2024, 1, 1)


def task_kind(code="task"):
    from contacts.models import TaskKind

    contact_catalogue()
    return TaskKind.objects.get(code=code)


class RetentionTaskFactory(DjangoModelFactory):
    """A follow-up of a contact moment; ``closed=True`` closes it with a note."""

    class Meta:
        model = "contacts.Task"

    class Params:
        closed = factory.Trait(
            status="done",
            closed_at=factory.LazyFunction(timezone.now),
            closing_note="Monteur is geweest, lekkage verholpen.",
        )

    contact_moment = factory.SubFactory(ContactMomentFactory, outcome="repair_request")
    kind = factory.LazyFunction(lambda: task_kind("repair_request"))
    requested_action = "Monteur inplannen voor lekkage onder het aanrecht."
    assigned_team = factory.LazyAttribute(lambda task: task.contact_moment.team)
    due_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=5))
