"""Factories for the processing register: controller, departments,
categories, activities, parties, agreements, breaches."""

import datetime

import factory
from factory.django import DjangoModelFactory


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


def personal_data_category(code="klantcontact"):
    """A category of the register's catalogue (synced on migrate; transactional tests flush)."""
    from processingregister.categories import sync_data_categories
    from processingregister.models import PersonalDataCategory

    if not PersonalDataCategory.objects.filter(code=code).exists():
        sync_data_categories()
    return PersonalDataCategory.objects.get(code=code)
