"""Purpose binding: registrations point to an approved processing activity; what is unbound is
found across every model that binds, and the officer can bind it."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.test.utils import isolate_apps
from django.urls import reverse

from accounts import roles
from processingregister import selectors, services
from processingregister.models import ProcessingActivity
from tests.factories import ProcessingActivityFactory
from tests.support.auth import verified_login

Status = ProcessingActivity.Status


@pytest.fixture
def bound_model(transactional_db):
    """A throw-away model that binds like contact subjects do, with a real table."""
    with isolate_apps("processingregister") as registry:

        class Subject(models.Model):
            name = models.CharField(max_length=50)
            is_active = models.BooleanField(default=True)
            processing_activity = models.ForeignKey(
                ProcessingActivity,
                on_delete=models.PROTECT,
                null=True,
                blank=True,
                related_name="+",
            )

            class Meta:
                app_label = "processingregister"
                db_table = "test_bound_subject"

            def __str__(self):
                return self.name

        with connection.schema_editor() as editor:
            editor.create_model(Subject)
        try:
            yield Subject, registry
        finally:
            with connection.schema_editor() as editor:
                editor.delete_model(Subject)


def test_discovery_finds_every_model_with_the_binding_foreign_key(bound_model):
    model, registry = bound_model
    assert services.bound_models(registry) == [model]
    # In the project itself: exactly the installed models with such a foreign key.
    for found in services.bound_models():
        field = found._meta.get_field("processing_activity")
        assert field.related_model is ProcessingActivity
        assert field.remote_field.on_delete is models.PROTECT


def test_unbound_rows_are_those_without_an_approved_activity(bound_model):
    model, _registry = bound_model
    approved = ProcessingActivityFactory(approved=True)
    draft = ProcessingActivityFactory()
    retired = ProcessingActivityFactory(approved=True)
    services.retire(retired, None, "Vervangen.")

    ok = model.objects.create(name="Reparatieverzoek", processing_activity=approved)
    missing = model.objects.create(name="Betalingsregeling")
    not_approved = model.objects.create(name="Woningaanpassing", processing_activity=draft)
    gone = model.objects.create(name="Oude klantregistratie", processing_activity=retired)
    model.objects.create(name="Uitgezet onderwerp", is_active=False)  # cannot be chosen anyway

    [group] = services.unbound_records([model])
    assert [r.pk for r in group.records] == [missing.pk, not_approved.pk, gone.pk]
    assert (group.count, group.total) == (3, 4)
    assert ok.pk not in [r.pk for r in group.records]
    assert list(services.selectable(model.objects.all())) == [ok]


def test_the_officer_binds_an_unbound_row_and_only_to_an_approved_activity(
    bound_model, monkeypatch
):
    model, registry = bound_model
    monkeypatch.setattr(selectors, "bound_models", lambda registry_=None: [model])
    approved = ProcessingActivityFactory(approved=True)
    draft = ProcessingActivityFactory()
    row = model.objects.create(name="Betalingsregeling")

    with pytest.raises(ValidationError) as caught:
        services.bind_record(model, row.pk, draft)
    assert "is niet goedgekeurd (status: concept)" in caught.value.messages[0]

    services.bind_record(model, row.pk, approved)
    row.refresh_from_db()
    assert row.processing_activity == approved
    assert services.unbound_records()[0].count == 0


def test_retiring_with_a_replacement_moves_or_unbinds_the_rows(bound_model, monkeypatch):
    model, _registry = bound_model
    monkeypatch.setattr(selectors, "bound_models", lambda registry_=None: [model])
    old = ProcessingActivityFactory(approved=True)
    new = ProcessingActivityFactory(approved=True)
    rows = [model.objects.create(name=n, processing_activity=old) for n in ("Taak", "Terugbellen")]
    assert services.bound_record_count(old) == 2

    assert services.retire(old, None, "Samengevoegd.", replaced_by=new, move_bindings=True) == 2
    for row in rows:
        row.refresh_from_db()
        assert row.processing_activity == new
    assert services.unbound_records()[0].count == 0

    other = model.objects.create(name="Overlast", processing_activity=new)
    services.retire(new, None, "Vervalt.")  # no replacement: its rows become unbound
    assert {r.pk for r in services.unbound_records()[0].records} == {
        *(r.pk for r in rows),
        other.pk,
    }


@pytest.mark.django_db
def test_validate_and_summarise_for_the_contact_form():
    activity = ProcessingActivityFactory(
        legal_basis="b",
        legal_basis_explanation="Huurovereenkomst.",
        purposes="Reparaties uitvoeren.",
        data_categories=["identificatie", "gezondheid"],
        special_category_condition="g",
        special_category_explanation="Btiv.",
        dpia_needed="yes",
        dpia_reference="DPIA-1",
    )
    with pytest.raises(ValidationError) as caught:
        services.validate_approved(activity)
    assert caught.value.code == "not_approved"
    with pytest.raises(ValidationError) as caught:
        services.validate_approved(None)
    assert caught.value.code == "unbound"
    assert not services.is_approved(activity) and not services.is_approved(None)

    services.approve(activity, None)
    services.validate_approved(activity)
    assert services.is_approved(activity)
    assert list(services.approved_activities()) == [activity]
    summary = services.purpose_summary(activity)
    assert summary["purposes"] == "Reparaties uitvoeren."
    assert (
        summary["legal_basis_label"] == "Uitvoering van een overeenkomst (art. 6 lid 1 sub b AVG)"
    )
    assert summary["legal_basis_explanation"] == "Huurovereenkomst."
    assert summary["special_categories"] == ["Gezondheidsgegevens"]
    assert summary["retention"] == "2 jaar na het einde van de klantrelatie"
    assert summary["approved"] is True
    assert services.purpose_summary(None) is None


@pytest.mark.django_db
def test_contact_subjects_and_task_kinds_bind_when_the_contacts_app_provides_it():
    """The contacts app adds ``processing_activity`` to ContactSubject and TaskKind; once it is
    there, discovery must include both (PROTECT: an activity in use cannot be deleted)."""
    labels = {model._meta.label for model in services.bound_models()}
    for label in ("contacts.ContactSubject", "contacts.TaskKind"):
        model = apps.get_model(label)
        has_fk = any(f.name == "processing_activity" for f in model._meta.fields)
        assert (label in labels) == has_fk


@pytest.mark.django_db
def test_binding_on_the_unbound_page_needs_the_permission(client, make_user, monkeypatch):
    employee = make_user("mw", roles=[roles.EMPLOYEE])
    verified_login(client, employee)
    assert client.get(reverse("processingregister:unbound")).status_code == 403
    assert client.post(reverse("processingregister:unbound"), {}).status_code == 403

    officer = make_user("fg", roles=[roles.PRIVACY_OFFICER])
    verified_login(client, officer)
    response = client.post(
        reverse("processingregister:unbound"),
        {"model": "contacts.Person", "pk": "1", "activity": ""},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert "Dit soort registratie kan niet worden gekoppeld." in messages
    assert "Kies de verwerking." in messages
