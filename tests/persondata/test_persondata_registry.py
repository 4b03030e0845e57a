"""The person-data registry: every model with a path to a person is declared (introspection),
the check fails when one is not or a declared field is gone, and a change of a declaration is
followed by the access copy, retention and erasure without a change anywhere else."""

import datetime
import json

import pytest
from django.apps import apps
from django.db import connection, models
from django.utils import timezone

from accounts import roles
from persondata import checks, registry
from persondata.registry import DELETE, Anonymise, Holds, Retention, Source
from retention import engine, targets
from retention.services import erase_person
from rights.gather import gather_personal_data
from tests.factories import PersonFactory, RetentionRuleFactory, UserFactory


def test_every_model_with_a_path_to_a_person_is_declared(db):
    declared = {entry.label for entry in registry.entries()}
    found = {model._meta.label for model in registry.models_with_person_paths()}
    assert found - declared == set()
    # Introspection finds every kind of path: a foreign key, a path through other records,
    # a person-id column and a generic link.
    assert {
        "contacts.PhoneNumber",  # person
        "knowledgebase.ArticleUse",  # contact_moment -> contacts.ContactMoment
        "audit.AccessLogEntry",  # person_id column
        "dataminimisation.GuardOverride",  # subject_person_id column
        "retention.LegalHold",  # a generic link besides the person
    } <= found
    assert checks.all_problems() == []


def test_the_check_names_a_model_without_declaration():
    built = registry.build()
    del built.entries["contacts.Signal"]
    problems = {(code, obj) for code, _msg, _hint, obj in checks.all_problems(built)}
    from contacts.models import Signal

    assert ("E201", Signal) in problems


def test_the_check_names_a_declared_field_that_is_gone_and_a_path_that_does_not_reach():
    built = registry.build()
    entry = built.entries["contacts.PhoneNumber"]
    holds = entry.holds
    built.entries[entry.label] = registry.Entry(
        entry.model,
        Holds(
            path="persoon",
            label=holds.label,
            source=holds.source,
            erasure=holds.erasure,
            section=holds.section,
            copy=(*holds.copy, "fax_number"),
            rectifiable=("fax_number",),
        ),
    )
    messages = [
        (code, message)
        for code, message, _hint, obj in checks.all_problems(built)
        if obj is entry.model
    ]
    codes = [code for code, _message in messages]
    assert "E202" in codes  # the path
    assert sum("fax_number" in message for _code, message in messages) >= 2  # copy, rectify


# --- A declaration in a test app, changed, followed everywhere --------------------------------


def _pet_model():
    """A model of a test app: a tenant's pet (with a nickname the officer wants in the copy)."""
    name = "RegistryTestPet"
    if name.lower() in apps.all_models["persondata"]:
        return apps.get_model("persondata", name)
    meta = type("Meta", (), {"app_label": "persondata", "db_table": "persondata_test_pet"})
    attrs = {
        "__module__": "persondata.models",
        "Meta": meta,
        "person": models.ForeignKey(
            "contacts.Person",
            null=True,
            on_delete=models.SET_NULL,
            related_name="+",
            help_text="The tenant the pet belongs to.",
        ),
        "name": models.CharField("naam", max_length=50, help_text="The pet's name."),
        "nickname": models.CharField(
            "roepnaam", max_length=80, blank=True, help_text="What the tenant calls it."
        ),
        "created_at": models.DateTimeField(default=timezone.now, help_text="When recorded."),
    }
    return type(name, (models.Model,), attrs)


@pytest.fixture
def pet_model():
    model = _pet_model()
    with connection.schema_editor() as editor:
        editor.create_model(model)
    yield model
    with connection.schema_editor() as editor:
        editor.delete_model(model)
    del apps.all_models["persondata"][model._meta.model_name]
    apps.clear_cache()
    targets._targets.cache_clear()


def declare(monkeypatch, model, holds):
    built = registry.build()
    built.entries[model._meta.label] = registry.Entry(model, holds)
    monkeypatch.setattr(registry, "registry", lambda: built)
    targets._targets.cache_clear()


def copy_text(person) -> str:
    return json.dumps(gather_personal_data(person), default=str, ensure_ascii=False)


@pytest.mark.django_db(transaction=True)
def test_a_changed_declaration_is_followed_by_copy_retention_and_erasure(pet_model, monkeypatch):
    Pet = pet_model
    # Undeclared, the new model fails the check.
    assert ("E201", Pet) in {(c, o) for c, _m, _h, o in checks.all_problems()}

    person = PersonFactory()
    pet = Pet.objects.create(person=person, name="Bello", nickname="Zoëlla's Bello")
    declare(
        monkeypatch,
        Pet,
        Holds(
            path="person",
            label="huisdieren",
            source=Source.SUBJECT,
            section="contact_details",
            copy=("name",),
            erasure=DELETE,
        ),
    )
    assert checks.all_problems(registry.registry()) == []
    text = copy_text(person)
    assert "Bello" in text and "Zoëlla's Bello" not in text
    assert "test_pet" not in targets.REGISTRY

    # One place changes: the nickname goes into the copy, the pets get a retention target,
    # and erasure keeps the pet for the statistics without its names.
    declare(
        monkeypatch,
        Pet,
        Holds(
            path="person",
            label="huisdieren",
            source=Source.SUBJECT,
            section="contact_details",
            copy=("name", "nickname"),
            retention=(Retention("test_pet", date_fields=("created_at",)),),
            erasure=Anonymise(blank=("name", "nickname"), detach=("person",)),
        ),
    )
    assert checks.all_problems(registry.registry()) == []
    assert "Zoëlla's Bello" in copy_text(person)
    assert "roepnaam" in copy_text(person).lower()  # labelled by the field's verbose name

    # Retention: a rule on the new target deletes what is due.
    assert targets.REGISTRY["test_pet"].model_label == Pet._meta.label
    old = Pet.objects.create(person=PersonFactory(), name="Minoes")
    Pet.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=800))
    RetentionRuleFactory(
        code="huisdieren",
        target="test_pet",
        trigger="date_field",
        trigger_field="created_at",
        period_amount=2,
        action="delete",
    )
    engine.run_now(as_of=timezone.localdate())
    assert not Pet.objects.filter(pk=old.pk).exists()
    assert Pet.objects.filter(pk=pet.pk).exists()

    # Erasure: the pet stays, without the person and without its names.
    officer = UserFactory(roles=[roles.PRIVACY_OFFICER])
    log = erase_person(person, requested_by=officer, reason="Verzoek AVG-TEST")
    pet.refresh_from_db()
    assert (pet.person_id, pet.name, pet.nickname) == (None, "", "")
    assert log.counts[registry.entry_for(Pet).holds.retention[0].key] == {"anonymised": 1}
