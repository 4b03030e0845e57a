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


class SensitiveTermFactory(DjangoModelFactory):
    """A lexicon entry of the data-minimisation guard (the seeded lexicon is already there)."""

    class Meta:
        model = "dataminimisation.SensitiveTerm"

    term = factory.Sequence(lambda n: f"testterm{n}")
    category = "health"
    subcategory = ""
    match_kind = "stem"
    exceptions = ""
    advice = ""
    is_active = True


# --- Processing register -----------------------------------------------------------------------


class RegisterControllerFactory(DjangoModelFactory):
    class Meta:
        model = "processingregister.Controller"
        django_get_or_create = ("name",)

    name = "Woonstichting Test"
    address = "Stationsweg 1\n9643 AA Veenhoven"
    email = "privacy@woonstichting-test.example"
    dpo_name = "A. de Jong, functionaris gegevensbescherming"
    dpo_email = "fg@woonstichting-test.example"


class RegisterDepartmentFactory(DjangoModelFactory):
    class Meta:
        model = "processingregister.Department"
        django_get_or_create = ("code",)

    code = "woonservice"
    name = factory.LazyAttribute(lambda d: d.code.title())


class DataSubjectCategoryFactory(DjangoModelFactory):
    class Meta:
        model = "processingregister.DataSubjectCategory"
        django_get_or_create = ("code",)

    code = "huurders"
    name = factory.LazyAttribute(lambda c: c.code.title())
    is_vulnerable = False


class ProcessingActivityFactory(DjangoModelFactory):
    """A complete draft activity: ``processingregister.services.approve`` accepts it.

    ``data_categories`` takes catalogue codes (default: identificatie, contactgegevens);
    ``ProcessingActivityFactory(approved=True)`` approves it through the service.
    """

    class Meta:
        model = "processingregister.ProcessingActivity"
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"verwerking-{n}")
    name = factory.Sequence(lambda n: f"Verwerking {n}")
    controller = factory.SubFactory(RegisterControllerFactory)
    department = factory.SubFactory(RegisterDepartmentFactory)
    process_owner = "Manager Woonservice"
    purposes = "Vragen van huurders beantwoorden."
    legal_basis = "b"
    legal_basis_explanation = "Uitvoering van de huurovereenkomst."
    retention_period = 2
    retention_unit = "years"
    retention_trigger = "relationship_end"
    security_measures = "Toegang per rol, logging, TLS."
    dpia_needed = "no"
    dpia_explanation = "Geen bijzondere gegevens."

    @factory.post_generation
    def subject_categories(self, create, extracted, **kwargs):
        categories = extracted if extracted is not None else [DataSubjectCategoryFactory()]
        self.subject_categories.set(categories)

    @factory.post_generation
    def data_categories(self, create, extracted, **kwargs):
        from processingregister.models import PersonalDataCategory

        codes = extracted if extracted is not None else ["identificatie", "contactgegevens"]
        self.data_categories.set(PersonalDataCategory.objects.filter(code__in=codes))

    @factory.post_generation
    def approved(self, create, extracted, **kwargs):
        if extracted:
            from processingregister import services

            services.approve(self, None)


class RegisterPartyFactory(DjangoModelFactory):
    class Meta:
        model = "processingregister.Party"
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Leverancier {n} B.V.")
    country = "NL"


class AgreementFactory(DjangoModelFactory):
    class Meta:
        model = "processingregister.Agreement"
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"VO-TEST-{n:03d}")
    title = "Verwerkersovereenkomst"
    party = factory.SubFactory(RegisterPartyFactory)
    role = "processor"
    purposes = "Uitvoeren van de opdracht, en alleen dat."
    start_date = datetime.date(2025, 1, 1)
    end_date = datetime.date(2027, 12, 31)
    breach_notification_hours = 24

    @factory.post_generation
    def activities(self, create, extracted, **kwargs):
        if extracted:
            self.activities.set(extracted)


class DataBreachFactory(DjangoModelFactory):
    class Meta:
        model = "processingregister.DataBreach"

    reference = factory.Sequence(lambda n: f"DL-2026-{n + 100:03d}")
    title = "E-mail naar verkeerde ontvanger"
    aware_at = factory.LazyFunction(
        lambda: (
            datetime.datetime.now(datetime.UTC).replace(microsecond=0)
            - datetime.timedelta(hours=10)
        )
    )
    description = "Een brief is naar het verkeerde adres gestuurd."
    confidentiality = True
    cause = "misdirected"


# --- Retention ----------------------------------------------------------------------------------


def personal_data_category(code="klantcontact"):
    """A category of the register's catalogue (synced on migrate; transactional tests flush)."""
    from processingregister.categories import sync_data_categories
    from processingregister.models import PersonalDataCategory

    if not PersonalDataCategory.objects.filter(code=code).exists():
        sync_data_categories()
    return PersonalDataCategory.objects.get(code=code)


class RetentionRuleFactory(DjangoModelFactory):
    """A retention rule; active from long ago so ``--as-of`` dates in tests fall inside it."""

    class Meta:
        model = "retention.RetentionRule"
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"regel-{n}")
    name = factory.LazyAttribute(lambda rule: f"Regel {rule.code}")
    data_category = factory.LazyFunction(personal_data_category)
    target = "contact_moment"
    trigger = "created"
    period_amount = 2
    period_unit = "years"
    action = "anonymise"
    legal_source = "Testbron."
    active_from = datetime.date(2000, 1, 1)


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


class LegalHoldFactory(DjangoModelFactory):
    class Meta:
        model = "retention.LegalHold"

    person = factory.SubFactory(PersonFactory)
    reason_kind = "litigation"
    reason = "Procedure bij de kantonrechter, zaaknummer C/19/2026-0001."
    owner = factory.SubFactory(UserFactory)
    starts_on = datetime.date(2000, 1, 1)
    ends_on = datetime.date(2099, 12, 31)


# --- Knowledge base ------------------------------------------------------------------------------


class KnowledgeCategoryFactory(DjangoModelFactory):
    class Meta:
        model = "knowledgebase.Category"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Categorie {n}")
    slug = factory.Sequence(lambda n: f"categorie-{n}")
    parent = None
    position = 100


class ArticleFactory(DjangoModelFactory):
    """An article saved through the service (search vector, vocabulary, first version).

    ``status`` (default published) is set directly, as for imported content; test the
    workflow rules with ``knowledgebase.services.change_status``.
    """

    class Meta:
        model = "knowledgebase.Article"

    title = factory.Sequence(lambda n: f"Artikel {n}")
    slug = factory.Sequence(lambda n: f"artikel-{n}")
    summary = "Het korte antwoord voor de huurder."
    body = "Uitleg in **Markdown**."
    keywords = ""
    category = factory.SubFactory(KnowledgeCategoryFactory)
    owner = factory.SubFactory(UserFactory)
    status = "published"
    review_by = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=300))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from knowledgebase import services as kb_services

        article = model_class(*args, **kwargs)
        return kb_services.save_article(article, by=article.owner, note="Aangemaakt in een test.")


class SynonymGroupFactory(DjangoModelFactory):
    class Meta:
        model = "knowledgebase.SynonymGroup"

    terms = "lekkage ~ daklekkage ~ waterschade"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from knowledgebase import services as kb_services

        return kb_services.save_synonym_group(model_class(*args, **kwargs))


# --- Rights of data subjects ---------------------------------------------------------------------


def survey_agreement(start=None, end=None):
    """The survey activity (code ``klanttevredenheid``) with a processor agreement in force."""
    from processingregister.models import ProcessingActivity

    activity = ProcessingActivity.objects.filter(code="klanttevredenheid").first()
    if activity is None:
        activity = ProcessingActivityFactory(
            code="klanttevredenheid", name="Klanttevredenheidsonderzoek", approved=True
        )
    return AgreementFactory(
        reference=f"VO-KT-{ProcessingActivity.objects.count()}-{activity.agreements.count()}",
        title="Verwerkersovereenkomst klanttevredenheidsonderzoek",
        party=RegisterPartyFactory(name="KlantMeter Onderzoek B.V."),
        start_date=start or datetime.date(2020, 1, 1),
        end_date=end,
        activities=[activity],
    )


def data_subject_request(officer, person, *, kind="access", received_at=None, verified=False):
    """A request registered through the service (deadline, legal hold and history included)."""
    from rights import services as rights_services

    request = rights_services.register_request(
        officer,
        kind=kind,
        person=person,
        received_at=received_at or timezone.now(),
        channel=channel("EMA", "E-mail"),
    )
    if verified:
        rights_services.verify_identity(request, officer, how="id_copy")
    return request


# --- API clients ---------------------------------------------------------------------------------


def api_activity(code="klantcontact"):
    """An approved processing activity for API clients (the catalogue's, or a new one)."""
    from processingregister.models import ProcessingActivity

    activity = ProcessingActivity.objects.filter(code=code).first()
    if activity is None:
        activity = ProcessingActivityFactory(code=code, name=code, approved=True)
    return activity


def api_client(scopes=(), *, teams=(), slug=None, activity=None, agreement=None, rate=1000):
    """An API client through the service: returns (client, token). A third party when an
    agreement is given (it must cover ``activity``)."""
    from api import services as api_services
    from api.models import ApiClient

    slug = slug or f"client-{ApiClient.objects.count() + 1}"
    if agreement is not None and activity is None:
        activity = agreement.activities.first()
    return api_services.create_client(
        name=f"Client {slug}",
        slug=slug,
        scopes=list(scopes),
        processing_activity=activity or api_activity(),
        third_party=agreement is not None,
        agreement=agreement,
        teams=teams,
        rate_per_minute=rate,
    )
