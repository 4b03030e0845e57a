import datetime

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse

from accounts import roles
from audit.models import LogEntry
from audit.services import REDACTED, redact_entries_for_person
from contacts.models import EmailAddress, Person, PhoneNumber, Tenancy, Unit
from referencedata.models import ReferenceCode

pytestmark = pytest.mark.django_db

PROJECT_APPS = {
    "accounts",
    "audit",
    "referencedata",
    "contacts",
    "knowledgebase",
    "processingregister",
    "retention",
}


def test_project_log_entry_model_is_in_use():
    assert settings.AUDITLOG_LOGENTRY_MODEL == "audit.LogEntry"
    from auditlog import get_logentry_model

    assert get_logentry_model() is LogEntry
    indexed = {tuple(index.fields) for index in LogEntry._meta.indexes}
    assert ("content_type", "object_id", "-timestamp") in indexed
    assert ("subject_person_id", "-timestamp") in indexed


@pytest.fixture
def household(reference_codes, team_noord):
    person = Person.objects.create(given_name="Fatima", surname="El Amrani", initials="F.")
    phone = PhoneNumber.objects.create(person=person, number="+31612345678", is_preferred=True)
    email = EmailAddress.objects.create(person=person, address="fatima@example.nl")
    unit = Unit.objects.create(
        unit_number="VHE-10001",
        street="Kastanjelaan",
        house_number=12,
        postcode="9711AB",
        town="Groningen",
        team=team_noord,
    )
    tenancy = Tenancy.objects.create(
        contract_number="HC-1",
        unit=unit,
        person=person,
        role=ReferenceCode.objects.get(code_list="RELATIEROLSOORT", code="HUU"),
        start_date=datetime.date(2015, 3, 1),
    )
    return person, phone, email, unit, tenancy


def test_changes_to_personal_data_are_logged_with_the_subject(household):
    person, phone, email, _unit, tenancy = household
    for record in (person, phone, email, tenancy):
        entry = LogEntry.objects.get_for_object(record).get(action=LogEntry.Action.CREATE)
        assert entry.subject_person_id == person.pk, record
    person.surname = "El Amrani-de Vries"
    person.save()
    update = LogEntry.objects.get_for_object(person).get(action=LogEntry.Action.UPDATE)
    assert update.changes_dict["surname"] == ["El Amrani", "El Amrani-de Vries"]


def test_no_personal_data_in_representations(household, make_user):
    """__str__ of every model holding personal data names the record, never the person."""
    person, phone, email, unit, tenancy = household
    user = make_user("jdevries", password="Geheim-wachtwoord-1")
    user.first_name, user.last_name, user.email = "Joke", "de Vries", "joke@example.nl"
    user.save()
    personal_values = [
        "Fatima",
        "El Amrani",
        "612345678",
        "fatima@example.nl",
        "Kastanjelaan",
        "9711AB",
        "jdevries",
        "Joke",
        "de Vries",
        "joke@example.nl",
    ]
    for record in (person, phone, email, unit, tenancy, user):
        text = str(record)
        assert "#" in text or record is unit
        for value in personal_values:
            assert value not in text, f"{type(record).__name__}: {text!r} contains {value!r}"
    reprs = " ".join(LogEntry.objects.values_list("object_repr", flat=True))
    for value in personal_values:
        assert value not in reprs


def test_every_project_model_with_personal_fields_overrides_str():
    """A new model in a project app must define its own __str__ (the default shows nothing
    useful, and a careless one might show a name)."""
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS or model._meta.auto_created:
            continue
        has_text = any(
            isinstance(f, models.CharField | models.TextField) for f in model._meta.fields
        )
        if has_text:
            assert model.__str__ is not models.Model.__str__, model._meta.label


def test_middleware_records_the_actor(client, make_user, team_noord):
    admin = make_user("it", superuser=True)
    client.force_login(admin)
    response = client.post(
        reverse("admin:accounts_team_change", args=[team_noord.pk]),
        {"name": "Team Noord-Oost", "code": "noord", "description": "", "is_active": "on"},
    )
    assert response.status_code == 302
    entry = LogEntry.objects.get_for_object(team_noord).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == admin
    assert entry.remote_addr == "127.0.0.1"


def test_redaction_blanks_values_but_keeps_action_time_and_actor(household):
    person, phone, *_ = household
    person.surname = "Anders"
    person.save()
    other = Person.objects.create(surname="Bakker")
    entries = LogEntry.objects.filter(subject_person_id=person.pk)
    count = entries.count()
    assert count >= 5
    before = list(entries.values_list("pk", "action", "timestamp", "actor_id"))

    assert redact_entries_for_person(person.pk, reason="bewaartermijn verstreken") == count
    after = LogEntry.objects.filter(subject_person_id=person.pk)
    assert list(after.values_list("pk", "action", "timestamp", "actor_id")) == before
    for entry in after:
        assert entry.changes is None and entry.changes_text == ""
        assert entry.object_repr == REDACTED and entry.redacted_at is not None
    # Idempotent, and other persons' entries are untouched.
    assert redact_entries_for_person(person.pk, reason="opnieuw") == 0
    untouched = LogEntry.objects.get_for_object(other).get()
    assert untouched.redacted_at is None and untouched.changes


def test_audit_trail_is_read_only_for_the_privacy_officer(client, make_user, household):
    officer = make_user("fg", roles=[roles.PRIVACY_OFFICER])
    client.force_login(officer)
    changelist = client.get(reverse("admin:audit_logentry_changelist"))
    assert changelist.status_code == 200
    entry = LogEntry.objects.first()
    assert (
        client.post(
            reverse("admin:audit_logentry_delete", args=[entry.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert LogEntry.objects.filter(pk=entry.pk).exists()
    employee = make_user("mw", roles=[roles.EMPLOYEE])
    client.force_login(employee)
    assert client.get(reverse("admin:audit_logentry_changelist")).status_code == 302
    ContentType.objects.clear_cache()
