"""The survey export (agreement gate, who is included, minimum data, logging) and the opt-out:
through staff on the card, or through the personal link without login (once)."""

import datetime

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from audit.models import AccessLogEntry
from rights import services
from rights.models import SurveyOptOut
from tests.factories import (
    AgreementFactory,
    ContactMomentFactory,
    EmailAddressFactory,
    PersonFactory,
    TenancyFactory,
    UnitFactory,
    contact_catalogue,
    default_subject,
    survey_agreement,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def bureau(make_user, reference_codes):
    contact_catalogue()
    return make_user("klantmeter")


def tenant(email="huurder@example.nl", **kwargs):
    person = TenancyFactory(**kwargs).person
    if email:
        EmailAddressFactory(person=person, address=email, is_preferred=True)
    return person


def test_no_export_without_a_processor_agreement_in_force(bureau):
    tenant()
    with pytest.raises(services.SurveyExportRefused) as exc:
        services.survey_export(actor=bureau)
    assert "verwerkersovereenkomst" in str(exc.value)
    survey_agreement(start=datetime.date(2020, 1, 1), end=datetime.date(2021, 1, 1))  # expired
    with pytest.raises(services.SurveyExportRefused):
        services.survey_export(actor=bureau)
    AgreementFactory(activities=[])  # in force, but not for the survey purpose
    with pytest.raises(services.SurveyExportRefused):
        services.survey_export(actor=bureau)
    assert not AccessLogEntry.objects.exists()
    agreement = survey_agreement()
    assert services.survey_export(actor=bureau).agreement == agreement


def test_only_current_tenants_with_email_not_opted_out_objected_or_restricted(bureau, make_user):
    officer = make_user("avg", roles=[roles.PRIVACY_OFFICER])
    survey_agreement()
    included = tenant("ja@example.nl")
    tenant(email=None)  # no e-mail address
    ended = tenant(
        "oud@example.nl", start_date=datetime.date(2010, 1, 1), end_date=datetime.date(2015, 1, 1)
    )
    opted_out = tenant("afgemeld@example.nl")
    services.opt_out_by_staff(opted_out, user=officer)
    objected = tenant("bezwaar@example.nl")
    services.record_objection(objected, officer, purpose="surveys")
    other_objection = tenant("avonden@example.nl")
    services.record_objection(other_objection, officer, purpose="information_evenings")
    restricted = tenant("beperkt@example.nl")
    services.restrict(restricted, officer, reason="Juistheid betwist.")
    no_tenancy = PersonFactory()
    EmailAddressFactory(person=no_tenancy, address="geen-huurder@example.nl")
    export = services.survey_export(actor=bureau, remote_addr="10.0.0.5")
    emails = sorted(row["email"] for row in export.rows)
    assert emails == ["avonden@example.nl", "ja@example.nl"]
    assert ended.pk and set(export.rows[0]) == {"email", "reference", "subject", "contact_date"}
    logged = AccessLogEntry.objects.filter(what="export", actor=bureau)
    assert sorted(logged.values_list("person_id", flat=True)) == sorted(
        [included.pk, other_objection.pk]
    )
    assert set(logged.values_list("remote_addr", flat=True)) == {"10.0.0.5"}


def test_the_reference_is_pseudonymous_and_stable(bureau):
    survey_agreement()
    person = tenant()
    first = services.survey_export(actor=bureau).rows[0]["reference"]
    second = services.survey_export(actor=bureau).rows[0]["reference"]
    assert first == second == services.survey_reference(person)
    assert first.startswith("KT-") and len(first) == 19 and first != f"KT-{person.pk}"
    assert services.survey_reference(PersonFactory()) != first


def test_subject_and_since_filter_and_the_latest_matching_contact(bureau):
    survey_agreement()
    repair = default_subject("reparatieverzoek")
    rent = default_subject("huur-betalen")
    recent = tenant("recent@example.nl")
    old = tenant("oud-contact@example.nl")
    other = tenant("ander@example.nl")
    now = timezone.now()
    ContactMomentFactory(
        person=recent, subject=repair, occurred_at=now - datetime.timedelta(days=3)
    )
    ContactMomentFactory(person=recent, subject=rent, occurred_at=now - datetime.timedelta(days=1))
    ContactMomentFactory(person=old, subject=repair, occurred_at=now - datetime.timedelta(days=90))
    ContactMomentFactory(person=other, subject=rent, occurred_at=now - datetime.timedelta(days=2))
    since = timezone.localdate() - datetime.timedelta(days=30)
    export = services.survey_export(actor=bureau, subject_code="reparatieverzoek", since=since)
    assert [row["email"] for row in export.rows] == ["recent@example.nl"]
    row = export.rows[0]
    assert row["subject"] == repair.name
    assert row["contact_date"] == timezone.localdate(now - datetime.timedelta(days=3))
    everyone = services.survey_export(actor=bureau)
    assert len(everyone.rows) == 3


def test_rows_can_carry_the_personal_opt_out_link(bureau, client):
    survey_agreement()
    person = tenant()
    row = services.survey_export(actor=bureau, with_links=True).rows[0]
    assert row["opt_out_url"].startswith("/rechten/afmelden/")
    assert client.get(row["opt_out_url"]).status_code == 200
    client.post(row["opt_out_url"])
    assert SurveyOptOut.objects.filter(person=person, via="link").exists()
    assert services.survey_export(actor=bureau).rows == []


# --- The opt-out link ----------------------------------------------------------------------------


def test_the_link_asks_first_then_records_once_without_login(bureau, client):
    person = tenant()
    url = services.opt_out_url(person)
    page = client.get(url)
    assert page.status_code == 200 and 'data-opt-out="ask"' in page.content.decode()
    assert not SurveyOptOut.objects.exists()  # a GET (mail scanner) changes nothing
    done = client.post(url)
    assert done.status_code == 200 and 'data-opt-out="done"' in done.content.decode()
    assert "afgemeld" in done.content.decode()
    assert SurveyOptOut.objects.get().person == person
    reused = client.post(url)
    assert reused.status_code == 400 and 'data-opt-out="used"' in reused.content.decode()
    assert client.get(url).status_code == 400
    assert SurveyOptOut.objects.count() == 1


def test_a_forged_link_shows_a_clear_page_and_changes_nothing(bureau, client):
    person = tenant()
    token = services.make_opt_out_token(person)
    other = PersonFactory()
    forged_payload = token.replace(token.split(":")[0], signing.b64_encode(b'{"p":1}').decode())
    for bad in (token[:-4] + "AAAA", forged_payload, "zomaar-iets"):
        response = client.post(reverse("rights:survey_opt_out", args=[bad]))
        assert response.status_code == 400
        assert 'data-opt-out="invalid"' in response.content.decode()
        assert "niet geldig" in response.content.decode()
    assert not SurveyOptOut.objects.exists() and other.pk


def test_an_expired_link_shows_a_clear_page_and_changes_nothing(bureau, client, monkeypatch):
    person = tenant()
    token = services.make_opt_out_token(person)
    monkeypatch.setattr("rights.services.opt_outs.OPT_OUT_MAX_AGE", datetime.timedelta(seconds=-1))
    response = client.post(reverse("rights:survey_opt_out", args=[token]))
    assert response.status_code == 400 and 'data-opt-out="expired"' in response.content.decode()
    assert "verlopen" in response.content.decode()
    assert not SurveyOptOut.objects.exists()


def test_staff_record_the_opt_out_on_the_card(client, make_user, team_noord, reference_codes):
    contact_catalogue()
    employee = make_user("mw", roles=[roles.EMPLOYEE], teams=[team_noord])
    person = tenant(unit=UnitFactory(team=team_noord))
    client.force_login(employee)
    card = client.get(reverse("contacts:card", args=[person.pk])).content.decode()
    assert 'data-survey="invited"' in card
    response = client.post(reverse("rights:person_opt_out", args=[person.pk]))
    assert response.status_code == 302
    opt_out = SurveyOptOut.objects.get()
    assert opt_out.via == "staff" and opt_out.recorded_by == employee
    card = client.get(reverse("contacts:card", args=[person.pk])).content.decode()
    assert 'data-survey="opted-out"' in card
    outsider = tenant("x@example.nl")
    assert client.post(reverse("rights:person_opt_out", args=[outsider.pk])).status_code == 403
