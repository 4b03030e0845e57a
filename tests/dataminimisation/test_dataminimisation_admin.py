"""The privacy officer's admin pages: the lexicon (editable, live), the override log (read-only)."""

import pytest
from django.urls import reverse

from accounts import roles
from audit.models import LogEntry
from dataminimisation import services
from dataminimisation.models import GuardOverride, SensitiveTerm
from tests.factories import SensitiveTermFactory, UserFactory
from tests.support.auth import verified_login

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:dataminimisation_guardoverride_changelist"
TERMS = "admin:dataminimisation_sensitiveterm_changelist"
TRY = "admin:dataminimisation_sensitiveterm_try"


@pytest.fixture
def officer(make_user):
    return make_user("avg", roles=[roles.PRIVACY_OFFICER])


@pytest.fixture
def administrator(make_user):
    return make_user("beheerder", roles=[roles.FUNCTIONAL_ADMINISTRATOR])


@pytest.fixture
def override():
    """A confirmed warning about a saved record whose text is still there."""
    record = SensitiveTermFactory(advice="Meneer is depressief, gaat naar de moskee.")
    text = record.advice
    findings = services.scan(text)
    (row,) = services.record_overrides(
        employee=UserFactory(first_name="Joke", last_name="de Vries"),
        source="contacts.forms.ContactMomentForm",
        texts={"advice": text},
        findings={"advice": findings},
        reason="Nodig voor de urgentieaanvraag bij de gemeente.",
        instance=record,
    )
    return row


def test_the_officer_sees_the_log_filtered_by_category(client, officer, override):
    verified_login(client, officer)
    response = client.get(reverse(CHANGELIST))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Joke de Vries" in page
    assert "Gezondheid, Godsdienst of levensovertuiging" in page
    assert client.get(reverse(CHANGELIST), {"category": "religion"}).context["cl"].result_count == 1
    assert client.get(reverse(CHANGELIST), {"category": "politics"}).context["cl"].result_count == 0


def test_the_officer_reads_an_override_with_the_phrases_from_the_record(client, officer, override):
    verified_login(client, officer)
    response = client.get(
        reverse("admin:dataminimisation_guardoverride_change", args=[override.pk])
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "<mark>depressief</mark>" in page
    assert "<mark>moskee</mark>" in page
    assert "Nodig voor de urgentieaanvraag" in page
    assert 'name="_save"' not in page  # read-only
    record = override.record
    record.advice = "Herschreven in algemene termen."
    record.save()
    page = client.get(
        reverse("admin:dataminimisation_guardoverride_change", args=[override.pk])
    ).content.decode()
    assert "depressief" not in page
    assert "Niet meer beschikbaar" in page


def test_nobody_adds_changes_or_deletes_overrides_by_hand(client, officer, override, make_user):
    for user in (officer, make_user("it", superuser=True)):
        verified_login(client, user)
        add = client.get(reverse("admin:dataminimisation_guardoverride_add"))
        delete = client.post(
            reverse("admin:dataminimisation_guardoverride_delete", args=[override.pk]),
            {"post": "yes"},
        )
        assert add.status_code == 403
        assert delete.status_code == 403
    assert GuardOverride.objects.filter(pk=override.pk).exists()


def test_only_the_privacy_officer_role_sees_the_pages(client, administrator, make_user, override):
    verified_login(client, administrator)
    for name in (CHANGELIST, TERMS, TRY):
        assert client.get(reverse(name)).status_code == 403, name
    employee = make_user("medewerker", roles=[roles.EMPLOYEE])
    verified_login(client, employee)
    response = client.get(reverse(CHANGELIST))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    # The admin index shows the app to the officer only.
    verified_login(client, administrator)
    assert "dataminimisation" not in client.get(reverse("admin:index")).content.decode()


def test_an_edit_in_the_admin_takes_effect_on_the_next_scan(client, officer):
    verified_login(client, officer)
    assert services.scan("Meneer heeft tinnitus.") == []
    response = client.post(
        reverse("admin:dataminimisation_sensitiveterm_add"),
        {
            "term": "tinnitus",
            "match_kind": "compound",
            "category": "health",
            "subcategory": "illness",
            "is_active": "on",
            "exceptions": "",
            "advice": "Noteer alleen: 'rustige woning gewenst'.",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    (finding,) = services.scan("Meneer heeft tinnitus.")
    assert finding.advice == "Noteer alleen: 'rustige woning gewenst'."
    term = SensitiveTerm.objects.get(term="tinnitus")
    response = client.post(
        reverse("admin:dataminimisation_sensitiveterm_change", args=[term.pk]),
        {
            "term": "tinnitus",
            "match_kind": "compound",
            "category": "health",
            "subcategory": "illness",
            "exceptions": "tinnitus",
            "advice": "",
        },
    )
    assert response.status_code == 302
    assert services.scan("Meneer heeft tinnitus.") == []
    # Lexicon changes are in the audit trail with the officer as actor.
    entries = LogEntry.objects.get_for_object(term)
    assert entries.count() == 2
    assert {e.actor for e in entries} == {officer}


def test_the_officer_cannot_delete_terms_but_can_switch_them_off(client, officer):
    term = SensitiveTerm.objects.get(term="moskee")
    verified_login(client, officer)
    response = client.post(
        reverse("admin:dataminimisation_sensitiveterm_delete", args=[term.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert SensitiveTerm.objects.filter(pk=term.pk).exists()


def test_the_admin_refuses_a_bad_term(client, officer):
    verified_login(client, officer)
    response = client.post(
        reverse("admin:dataminimisation_sensitiveterm_add"),
        {"term": "zwanger", "match_kind": "compound", "category": "health", "is_active": "on"},
    )
    assert response.status_code == 200
    assert "staat al in de woordenlijst" in response.content.decode()


def test_the_officer_tries_the_lexicon_without_storing_anything(client, officer):
    verified_login(client, officer)
    assert client.get(reverse(TRY)).status_code == 200
    response = client.post(reverse(TRY), {"text": "Mevrouw is zwanger en rolstoelgebonden."})
    page = response.content.decode()
    assert response.status_code == 200
    assert '<mark class="guard-mark guard-health">zwanger' in page
    assert "rolstoelgebonden" in page
    assert "minimisation_confirm" not in page
    assert GuardOverride.objects.count() == 0
    clean = client.post(reverse(TRY), {"text": "De kraan lekt."}).content.decode()
    assert "data-guard-clean" in clean
    assert "Woordenlijst uitproberen" in client.get(reverse(TERMS)).content.decode()
