"""The personal-data inventory: every model field is classified, or the system check fails."""

import types

import pytest
from django.apps import apps
from django.core import checks
from django.db import models
from django.test.utils import isolate_apps

from processingregister import categories, inventory, services
from processingregister.models import PersonalDataCategory
from tests.factories import ProcessingActivityFactory


def contacts_config():
    return apps.get_app_config("contacts")


@isolate_apps("contacts")
def test_an_unclassified_field_fails_the_check_and_says_where_to_declare_it():
    class Household(models.Model):
        size = models.PositiveSmallIntegerField()
        favourite_colour = models.CharField(max_length=20)

        class Meta:
            app_label = "contacts"

        def __str__(self):
            return f"Household #{self.pk}"

    problems = inventory.app_problems(contacts_config(), [Household])
    assert [p.code for p in problems] == ["E101", "E101"]
    assert problems[1].message == (
        "Personal-data inventory: field contacts.Household.favourite_colour is not classified."
    )
    assert problems[1].hint.startswith(
        'Declare it in contacts/personal_data.py: under PERSONAL_DATA["Household"] add '
        '"favourite_colour": "<category>".'
    )
    assert "identificatie" in problems[1].hint and "not-personal" in problems[1].hint


@isolate_apps("contacts")
def test_unknown_codes_and_declarations_of_missing_fields_fail_too(monkeypatch):
    class Household(models.Model):
        size = models.PositiveSmallIntegerField()

        class Meta:
            app_label = "contacts"

        def __str__(self):
            return f"Household #{self.pk}"

    declaration = {"Household": {"size": "gezinsgrootte", "pets": inventory.NOT_PERSONAL}}
    problems = inventory.model_problems(Household, declaration, "contacts/personal_data.py")
    assert [p.code for p in problems] == ["E103", "E104"]
    assert "'gezinsgrootte', which is not a known data category" in problems[0].message
    assert "contacts.Household.pets, which is not a classifiable field" in problems[1].message

    assert inventory.model_problems(Household, {"Household": "nothing"}, "x.py")[0].code == "E105"
    assert inventory.model_problems(Household, {"Household": inventory.NOT_PERSONAL}, "x.py") == []


def test_an_app_without_a_declaration_module_is_reported():
    app_config = types.SimpleNamespace(name="tests", label="tests", get_models=lambda: [])
    with isolate_apps("processingregister"):

        class Thing(models.Model):
            label = models.CharField(max_length=10)

            class Meta:
                app_label = "processingregister"

            def __str__(self):
                return f"Thing #{self.pk}"

        [problem] = inventory.app_problems(app_config, [Thing])
    assert problem.code == "E102"
    assert "no PERSONAL_DATA in tests/personal_data.py" in problem.message


def test_the_registered_system_check_fails_when_a_field_loses_its_classification(monkeypatch):
    from contacts import personal_data

    reduced = {**personal_data.PERSONAL_DATA}
    reduced["Person"] = {k: v for k, v in reduced["Person"].items() if k != "date_of_birth"}
    monkeypatch.setattr(personal_data, "PERSONAL_DATA", reduced)

    errors = checks.run_checks(app_configs=[contacts_config()], tags=["personal_data"])
    assert [(e.id, e.msg) for e in errors] == [
        (
            "processingregister.E101",
            "Personal-data inventory: field contacts.Person.date_of_birth is not classified.",
        )
    ]
    assert errors[0].level == checks.ERROR


def test_the_declared_apps_are_complete():
    """Every field of every app with a declaration is classified (``manage.py check`` also
    catches an app that has no declaration at all)."""
    declared = [
        config
        for config in inventory.project_app_configs()
        if inventory.load_declaration(config) is not None
    ]
    assert {"accounts", "audit", "referencedata", "contacts", "processingregister"} <= {
        c.label for c in declared
    }
    problems = [p for config in declared for p in inventory.app_problems(config)]
    assert [p.message for p in problems] == []


def test_declarations_use_the_catalogue_for_special_data():
    from contacts import personal_data

    assert personal_data.PERSONAL_DATA["Person"]["date_of_birth"] == "geboortedatum"
    assert categories.BY_CODE["gezondheid"].kind == categories.SPECIAL
    assert categories.BY_CODE["strafrechtelijk"].kind == categories.CRIMINAL


@pytest.mark.django_db
def test_the_catalogue_is_synced_to_the_database_idempotently():
    assert set(PersonalDataCategory.objects.values_list("code", flat=True)) >= (
        categories.CATEGORY_CODES
    )
    health = PersonalDataCategory.objects.get(code="gezondheid")
    health.name = "Iets anders"
    health.save()
    own = PersonalDataCategory.objects.create(code="camerabeelden", name="Camerabeelden")

    categories.sync_data_categories()
    categories.sync_data_categories()

    health.refresh_from_db()
    assert (health.name, health.kind, health.in_catalogue) == (
        "Gezondheidsgegevens",
        PersonalDataCategory.Kind.SPECIAL,
        True,
    )
    own.refresh_from_db()
    assert own.name == "Camerabeelden" and not own.in_catalogue
    assert PersonalDataCategory.objects.filter(code="gezondheid").count() == 1


@pytest.mark.django_db
def test_the_overview_shows_where_data_is_stored_and_what_the_register_misses():
    ProcessingActivityFactory(data_categories=["identificatie", "contactgegevens"], approved=True)
    rows = {row.code: row for row in services.inventory_overview()}
    identity = rows["identificatie"]
    assert ("contacts.Person", "surname") in {(f.model_label, f.field) for f in identity.fields}
    assert not identity.drift
    # Dates of birth are stored, but no approved activity names them: drift, shown to the officer.
    assert rows["geboortedatum"].drift
    assert any("Geboortedatum" in point.text for point in services.attention_points())
