"""The audit trail records which free text changed, never what it said (issue 18, point 2)."""

import datetime
import importlib
import json

import pytest
from auditlog.registry import auditlog
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse

from accounts import roles
from audit import masking
from audit.models import LogEntry
from contacts.models import Signal, SignalType
from persondata import free_text
from processingregister import inventory
from referencedata.models import CodeList
from tests.factories import PersonFactory, ReferenceCodeFactory
from tests.support.auth import verified_login

pytestmark = pytest.mark.django_db

migration = importlib.import_module("audit.migrations.0005_mask_free_text_in_changes")

OLD_TEXT = "Urgentieverklaring: epilepsie, gelijkvloerse woning nodig."
NEW_TEXT = "Urgentieverklaring: epilepsie en rolstoel; detentie tot 2025."
BASIS = "Art. 9 lid 2 sub g AVG jo. art. 57 Btiv 2015."
# Words of the texts that no other part of an entry or page would hold.
TELLING = ("Urgentieverklaring", "epilepsie", "gelijkvloerse", "rolstoel", "detentie", "Btiv")

# Tracked fields that look like free text but are structured: names, numbers, addresses, a
# list of field names. Anything else of this shape must be declared in FREE_TEXT.
STRUCTURED = {
    ("contacts.Person", "search_name"),  # the name, normalised for search
    ("processingregister.Controller", "dpo_name"),
    ("processingregister.Controller", "representative"),
    ("processingregister.Party", "contact"),
    ("rights.Rectification", "fields"),
}


@pytest.fixture
def special_signal(reference_codes):
    signal_type = SignalType.objects.create(
        code="medische-urgentie",
        name="Medische urgentie",
        card_label="Urgentie",
        vera_type=ReferenceCodeFactory(
            code_list=CodeList.SIGNAL_TYPE, code="ONB", name="Ondersteuning"
        ),
        sensitivity="special",
    )
    signal = Signal.objects.create(
        person=PersonFactory(),
        signal_type=signal_type,
        description=OLD_TEXT,
        legal_basis=BASIS,
        review_on=datetime.date(2027, 1, 1),
    )
    signal.description = NEW_TEXT
    signal.save()
    return signal


def _no_part_of_the_texts(text: str):
    for word in TELLING:
        assert word not in text, word


def test_a_changed_special_category_description_is_logged_as_changed_only(special_signal):
    entries = LogEntry.objects.get_for_object(special_signal)
    created = entries.get(action=LogEntry.Action.CREATE)
    updated = entries.get(action=LogEntry.Action.UPDATE)
    assert created.changes["description"] == ["None", masking.MARKER]
    assert created.changes["legal_basis"] == ["None", masking.MARKER]
    assert updated.changes == {"description": [masking.MARKER, masking.MARKER]}
    for entry in entries:
        _no_part_of_the_texts(json.dumps([entry.changes, entry.changes_text, entry.object_repr]))
        assert entry.serialized_data is None


def test_every_tracked_free_text_is_masked():
    """Every tracked text field holding personal data is declared (FREE_TEXT) and masked."""
    for model in auditlog.get_models():
        config = model._meta.app_config
        declaration = (inventory.load_declaration(config) or {}).get(model.__name__)
        if not isinstance(declaration, dict):
            continue
        excluded = auditlog.get_model_fields(model)["exclude_fields"]
        for field in model._meta.concrete_fields:
            textual = isinstance(field, models.TextField) or (
                type(field) is models.CharField and not field.choices and field.max_length >= 200
            )
            personal = declaration.get(field.name) != inventory.NOT_PERSONAL
            key = (model._meta.label, field.name)
            if textual and personal and field.name not in excluded and key not in STRUCTURED:
                assert field.name in free_text.fields_of(model), key
                assert field.name in masking.masked_fields(model), key
        if free_text.fields_of(model):
            assert auditlog.get_model_fields(model)["mask_callable"] == masking.MASK_CALLABLE


def test_the_migration_covers_every_declared_free_text():
    """A free text declared after migration 0005 needs a migration that rewrites its entries."""
    for model in auditlog.get_models():
        fields = set(free_text.fields_of(model))
        frozen = set(migration.FREE_TEXT.get((model._meta.app_label, model._meta.model_name), ()))
        assert fields <= frozen, (model._meta.label, fields - frozen)


def test_a_mask_keeps_nothing_of_the_text():
    assert masking.mask(OLD_TEXT) == masking.MARKER
    assert masking.mask("x") == masking.MARKER
    assert masking.mask(masking.MARKER) == masking.MARKER
    assert [masking.mask(v) for v in ("", "None", None)] == ["", "None", None]


@pytest.mark.parametrize("who", ["superuser", "officer"])
def test_the_admin_entry_page_shows_no_text_but_a_link(client, make_user, special_signal, who):
    user = (
        make_user("it", superuser=True)
        if who == "superuser"
        else make_user("fg", roles=[roles.PRIVACY_OFFICER])
    )
    verified_login(client, user)
    entries = LogEntry.objects.get_for_object(special_signal)
    listing = client.get(reverse("admin:audit_logentry_changelist"))
    assert listing.status_code == 200
    _no_part_of_the_texts(listing.content.decode())
    for entry in entries:
        response = client.get(reverse("admin:audit_logentry_change", args=[entry.pk]))
        assert response.status_code == 200
        page = response.content.decode()
        _no_part_of_the_texts(page)
        assert "[gewijzigd]" in page
        assert reverse("contacts:card", args=[special_signal.person_id]) in page


def test_the_admin_masks_an_entry_written_before_the_masks(client, make_user, special_signal):
    """Defence in depth: an unmigrated entry with the text still shows only the marker."""
    entry = LogEntry.objects.get_for_object(special_signal).get(action=LogEntry.Action.UPDATE)
    LogEntry.objects.filter(pk=entry.pk).update(changes={"description": [OLD_TEXT, NEW_TEXT]})
    verified_login(client, make_user("fg", roles=[roles.PRIVACY_OFFICER]))
    page = client.get(reverse("admin:audit_logentry_change", args=[entry.pk])).content.decode()
    _no_part_of_the_texts(page)
    assert "[gewijzigd]" in page


def test_the_migration_rewrites_an_old_entry(special_signal):
    content_type = ContentType.objects.get_for_model(Signal)
    old = LogEntry.objects.create(
        content_type=content_type,
        object_pk=str(special_signal.pk),
        object_id=special_signal.pk,
        object_repr=f"Signal #{special_signal.pk}",
        action=LogEntry.Action.UPDATE,
        changes={
            "description": [OLD_TEXT, NEW_TEXT],
            "legal_basis": ["", BASIS],
            "review_on": ["2026-01-01", "2027-01-01"],
        },
        changes_text=json.dumps({"description": [OLD_TEXT, NEW_TEXT]}),
    )
    other = LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(SignalType),
        object_pk="1",
        object_id=1,
        object_repr="Signal type #1",
        action=LogEntry.Action.UPDATE,
        changes={"description": ["a", "b"]},  # not a declared free text of that model
    )
    rewritten = migration.mask_entries(LogEntry, ContentType, batch_size=1)
    assert rewritten >= 1
    old.refresh_from_db()
    assert old.changes == {
        "description": [masking.MARKER, masking.MARKER],
        "legal_basis": ["", masking.MARKER],
        "review_on": ["2026-01-01", "2027-01-01"],
    }
    assert json.loads(old.changes_text) == {"description": [masking.MARKER, masking.MARKER]}
    other.refresh_from_db()
    assert other.changes == {"description": ["a", "b"]}
    # Idempotent: a second run finds nothing left to rewrite.
    assert migration.mask_entries(LogEntry, ContentType) == 0


def test_the_migration_runs_on_the_historical_models(special_signal):
    """The migration's own entry point, as ``migrate`` calls it."""
    entry = LogEntry.objects.get_for_object(special_signal).first()
    LogEntry.objects.filter(pk=entry.pk).update(changes={"description": [OLD_TEXT, NEW_TEXT]})
    migration.forwards(apps, None)
    entry.refresh_from_db()
    assert entry.changes == {"description": [masking.MARKER, masking.MARKER]}
