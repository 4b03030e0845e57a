"""factory-boy factories for the core models, for any test.

Teams are saved through ``accounts.services.provision_team`` so their member and leader groups
and object permissions exist. Users get roles and teams through post-generation hooks:

    UserFactory(roles=[roles.EMPLOYEE], teams=[team], leads=[other_team])

Tenancy roles are VERA relation roles (HUU tenant by default, ``co_tenant=True`` for MDH),
created on the fly when the reference data is not loaded.
"""

import datetime

import factory
from django.conf import settings
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts import services
from accounts.models import Team, User
from contacts.models import EmailAddress, Person, PhoneNumber, Tenancy, Unit
from referencedata.models import CodeList, ReferenceCode


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Team {n}")
    code = factory.Sequence(lambda n: f"team-{n}")
    description = ""

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.provision_team(model_class(*args, **kwargs))


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"medewerker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.nl")
    password = factory.django.Password(settings.DEMO_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or ():
            services.assign_role(self, role)

    @factory.post_generation
    def teams(self, create, extracted, **kwargs):
        for team in extracted or ():
            services.add_team_member(team, self)

    @factory.post_generation
    def leads(self, create, extracted, **kwargs):
        for team in extracted or ():
            services.add_team_member(team, self, leader=True)


class ReferenceCodeFactory(DjangoModelFactory):
    class Meta:
        model = ReferenceCode
        django_get_or_create = ("code_list", "code")

    code_list = CodeList.RELATION_ROLE
    code = "HUU"
    name = "Huurder"


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


# --- Contacts work: subjects, contact moments, tasks, mandates ----------------------------------


def contact_catalogue():
    """Task kinds and subjects as the data migration creates them (transactional tests flush)."""
    from contacts.catalogue import ensure_defaults
    from contacts.models import ContactSubject, TaskKind

    ensure_defaults(TaskKind, ContactSubject)


def default_subject(code="huur-betalen"):
    from contacts.models import ContactSubject

    contact_catalogue()
    return ContactSubject.objects.get(code=code)


def channel(code="TEL", name="Telefoon"):
    return ReferenceCodeFactory(code_list=CodeList.CHANNEL, code=code, name=name)


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
